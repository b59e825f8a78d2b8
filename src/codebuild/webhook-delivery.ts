import { pathsChangedBy, readCommit } from '../git/index.js';
import type { BuildBatchRecord, CodeBuildProject, Scope } from '../model/index.js';
import type { Logger } from '../shared/index.js';
import type { BatchService } from './batch-service.js';
import type { BuildService } from './build-service.js';
import { codeCommitRepositoryName } from './build-sources.js';
import { LOCAL_WEBHOOK_INITIATOR, webhookFires, type WebhookRecord } from './webhook-filters.js';

/** A branch or tag of an emulator repository that a push created or moved. */
export interface RefPush {
  scope: Scope;
  repositoryName: string;
  gitDir: string;
  /** `refs/heads/<branch>` or `refs/tags/<tag>`. */
  ref: string;
  commitId: string;
  /** The commit the ref pointed at before, when it moved. */
  oldCommitId?: string;
  /** The account of the caller that pushed. */
  actorAccountId: string;
}

/** What delivering pushes to webhooks needs: the scope's projects, and the services that start builds and batches. */
export interface WebhookDeliveryDeps {
  projects(scope: Scope): CodeBuildProject[];
  builds: Pick<BuildService, 'start'>;
  batches: Pick<BatchService, 'start'>;
  log: Logger;
}

function webhookProjects(deps: WebhookDeliveryDeps, push: RefPush): { project: CodeBuildProject; webhook: WebhookRecord }[] {
  return deps
    .projects(push.scope)
    .filter((p) => p.webhook && p.source.type === 'CODECOMMIT' && codeCommitRepositoryName(p.source.location ?? '') === push.repositoryName)
    .map((project) => ({ project, webhook: project.webhook as WebhookRecord }));
}

/** The `CODEBUILD_WEBHOOK_*` variables AWS sets in a build a push started (`_TRIGGER` is `branch/<b>` or `tag/<t>`). */
export function webhookVariables(push: RefPush): Record<string, string> {
  const tag = push.ref.startsWith('refs/tags/');
  return {
    CODEBUILD_WEBHOOK_ACTOR_ACCOUNT_ID: push.actorAccountId,
    CODEBUILD_WEBHOOK_EVENT: 'PUSH',
    CODEBUILD_WEBHOOK_HEAD_REF: push.ref,
    ...(push.oldCommitId ? { CODEBUILD_WEBHOOK_PREV_COMMIT: push.oldCommitId } : {}),
    CODEBUILD_WEBHOOK_TRIGGER: tag ? `tag/${push.ref.slice('refs/tags/'.length)}` : `branch/${push.ref.replace(/^refs\/heads\//, '')}`,
  };
}

/**
 * Starts a build (or batch, for buildType BUILD_BATCH) of every project whose webhook fires for a push to its
 * CodeCommit source, at the pushed commit. Returns the ids of what it started.
 */
export async function deliverPushToWebhooks(deps: WebhookDeliveryDeps, push: RefPush): Promise<string[]> {
  const hooked = webhookProjects(deps, push);
  if (hooked.length === 0) return [];
  const commit = await readCommit(push.gitDir, push.commitId);
  // A moved ref: the files of the commits it gained; a new one: the files of its head commit.
  const filePaths = await pathsChangedBy(push.gitDir, push.commitId, push.oldCommitId ? [push.oldCommitId] : commit.parents);
  const offered = { event: 'PUSH' as const, headRef: push.ref, actorAccountId: push.actorAccountId, repositoryName: push.repositoryName, commitMessage: commit.message, filePaths };
  const started: string[] = [];
  for (const { project, webhook } of hooked) {
    if (!webhookFires(webhook, offered)) continue;
    const request = { sourceVersion: push.commitId, webhookVariables: webhookVariables(push) };
    if (webhook.buildType === 'BUILD_BATCH') {
      const config = project.buildBatchConfig as BuildBatchRecord['buildBatchConfig'] | undefined;
      if (!config) {
        deps.log.warn({ project: project.name }, `webhook of ${project.name} asks for a batch build, but the project has no buildBatchConfig`);
        continue;
      }
      started.push(deps.batches.start({ scope: push.scope, project, request, initiator: LOCAL_WEBHOOK_INITIATOR, buildBatchConfig: config }).id);
    } else {
      started.push(deps.builds.start({ scope: push.scope, project, request, initiator: LOCAL_WEBHOOK_INITIATOR }).id);
    }
  }
  return started;
}
