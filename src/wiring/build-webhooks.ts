import { deliverPushToWebhooks, type BatchService, type BuildService } from '../codebuild/index.js';
import { REPOSITORY_DETAIL_TYPE, type EventLog, type LoggedEvent } from '../events/index.js';
import { parseArn } from '../shared/index.js';
import { RepositoryStore, type CodeBuildStore } from '../store/index.js';
import type { FeatureContext, FeatureModule } from './feature-module.js';

/** What CodeBuild webhooks start from: the events of ref changes, and the builds feature's services. */
export interface BuildWebhookFeatures {
  events: EventLog;
  starts: { builds: BuildService; batches: BatchService; projects: CodeBuildStore };
}

/**
 * CodeBuild webhooks on emulator repositories: every branch or tag a push creates or moves is offered to the webhooks
 * of the projects whose CODECOMMIT source is that repository, after the push (setImmediate) and in order, so a build never
 * slows it.
 */
export function buildWebhooksFeature(ctx: FeatureContext, features: BuildWebhookFeatures): FeatureModule {
  const log = ctx.log.child({ feature: 'build-webhooks' });
  const repositories = new RepositoryStore(ctx.db);
  // One push after another, in the log's order, so a later push never starts its builds before an earlier one's.
  let queue: Promise<void> = Promise.resolve();
  const deps = { projects: (scope: { account: string; region: string }) => features.starts.projects.listProjects(scope).map((r) => r.project), builds: features.starts.builds, batches: features.starts.batches, log };
  const handle = async ({ event }: LoggedEvent) => {
    if (event.source !== 'aws.codecommit' || event['detail-type'] !== REPOSITORY_DETAIL_TYPE) return;
    const detail = event.detail as Record<string, string | undefined>;
    if ((detail.event !== 'referenceCreated' && detail.event !== 'referenceUpdated') || !detail.commitId || !detail.referenceFullName) return;
    const scope = { account: event.account, region: event.region };
    const repository = repositories.get(scope, detail.repositoryName ?? '');
    if (!repository) return;
    const started = await deliverPushToWebhooks(deps, {
      scope,
      repositoryName: repository.name,
      gitDir: repository.gitDir,
      ref: detail.referenceFullName,
      commitId: detail.commitId,
      ...(detail.oldCommitId ? { oldCommitId: detail.oldCommitId } : {}),
      actorAccountId: parseArn(detail.callerUserArn ?? '')?.account ?? event.account,
    });
    if (started.length) log.info({ repository: repository.name, ref: detail.referenceFullName, started }, 'webhooks started builds');
  };
  const stop = features.events.subscribe((logged) => {
    queue = queue.then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(() => handle(logged)).catch((err: unknown) => log.warn({ err }, 'could not offer a push to CodeBuild webhooks'));
  });
  return {
    async close() {
      stop();
      await queue;
    },
  };
}
