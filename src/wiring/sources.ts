import { codeCommitService, gitHttpRoutes, type CodeCommitDeps } from '../api/codecommit/index.js';
import { ENV } from '../config.js';
import { gitRoot, inspectRepository, readHeadBranch } from '../git/index.js';
import { ApprovalTemplateStore, CommentStore, PullRequestStore, RepositoryStore, TagStore } from '../store/index.js';
import type { TriggerDestinations } from '../notifications/index.js';
import type { FeatureContext, FeatureModule } from './feature-module.js';

/**
 * Registers the configured checkouts (name -> folder) in the default account and region, replacing the
 * registrations of earlier runs; a folder that is not a repository, or a name taken by a repository made through
 * the API, stops the start-up with a message naming the flag and variable that set it.
 */
export async function registerCheckouts(deps: CodeCommitDeps, configured: Record<string, string>): Promise<void> {
  const scope = deps.defaultScope;
  const where = `--repo or ${ENV.repositories}`;
  for (const [name, path] of Object.entries(configured)) {
    const location = await inspectRepository(path).catch((error: Error) => {
      throw new Error(`Invalid repository registration ${name}=${path} (${where}): ${error.message}`, { cause: error });
    });
    const defaultBranch = await readHeadBranch(location.gitDir);
    const record = deps.repositories.register(scope, { name, repositoryId: deps.ids.uuid(), ...location, defaultBranch }, deps.clock.now());
    if (!record) {
      throw new Error(`Invalid repository registration ${name}=${path} (${where}): a repository named ${name} was created through the CodeCommit API; delete it or register the checkout under another name`);
    }
    deps.log.info({ repositoryName: name, path, gitDir: location.gitDir }, 'registered repository');
  }
  const removed = deps.repositories.unregisterOthers(scope, Object.keys(configured));
  if (removed.length) deps.log.info({ repositories: removed }, 'unregistered repositories no longer configured');
}

/** Builds the repositories feature: the CodeCommit API, git smart HTTP and registered checkouts. */
export function sourcesFeature(ctx: FeatureContext): FeatureModule & { useTriggerDestinations(destinations: TriggerDestinations): void } {
  const deps: CodeCommitDeps = {
    repositories: new RepositoryStore(ctx.db),
    tags: new TagStore(ctx.db),
    pullRequests: new PullRequestStore(ctx.db),
    comments: new CommentStore(ctx.db),
    approvalTemplates: new ApprovalTemplateStore(ctx.db),
    clock: ctx.clock,
    ids: ctx.ids,
    log: ctx.log,
    gitRoot: gitRoot(ctx.config.dataDir),
    defaultScope: { account: ctx.config.account, region: ctx.config.region },
    baseUrl: ctx.baseUrl,
  };
  // Started now and awaited before the server listens (routes), so registered checkouts exist for the first request.
  const registered = registerCheckouts(deps, ctx.config.repositories);
  registered.catch(() => undefined);
  return {
    useTriggerDestinations: (destinations) => (deps.triggerDestinations = destinations),
    services: [codeCommitService(deps)],
    async routes(app) {
      await registered;
      await gitHttpRoutes(deps)(app);
    },
    async start() {
      await registered;
    },
  };
}
