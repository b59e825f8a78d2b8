/** One filter of a webhook filter group, as CodeBuild's WebhookFilter spells it. */
export interface WebhookFilterRecord {
  type: string;
  pattern: string;
  excludeMatchedPattern?: boolean;
}

/** A project's webhook as CreateWebhook stores it on the project record (`webhook`); `secret` is never shown again. */
export interface WebhookRecord {
  url: string;
  payloadUrl: string;
  secret: string;
  branchFilter?: string;
  filterGroups?: WebhookFilterRecord[][];
  buildType: string;
  manualCreation?: boolean;
  scopeConfiguration?: { name?: string; domain?: string; scope?: string };
  /** Epoch seconds, as the API shows it. */
  lastModifiedSecret: number;
}

/** What a push to a repository offers the filters: the event, the ref, the actor, the head commit and its changed files. */
export interface WebhookPush {
  event: 'PUSH';
  /** The full ref name: `refs/heads/<branch>` or `refs/tags/<tag>`. */
  headRef: string;
  actorAccountId: string;
  repositoryName: string;
  commitMessage: string;
  filePaths: readonly string[];
}

/** The EVENT names CodeBuild's filter groups accept. */
export const WEBHOOK_EVENTS = [
  'PUSH',
  'PULL_REQUEST_CREATED',
  'PULL_REQUEST_UPDATED',
  'PULL_REQUEST_REOPENED',
  'PULL_REQUEST_MERGED',
  'PULL_REQUEST_CLOSED',
  'RELEASED',
  'PRERELEASED',
  'WORKFLOW_JOB_QUEUED',
] as const;

/** Whether a filter's pattern matches anything of the push (undefined: the filter type does not apply to pushes). */
function patternMatches(filter: WebhookFilterRecord, push: WebhookPush): boolean | undefined {
  const re = new RegExp(filter.pattern);
  switch (filter.type) {
    case 'EVENT':
      return filter.pattern.split(',').map((e) => e.trim()).includes(push.event);
    case 'HEAD_REF':
      return re.test(push.headRef);
    case 'ACTOR_ACCOUNT_ID':
      return re.test(push.actorAccountId);
    case 'REPOSITORY_NAME':
      return re.test(push.repositoryName);
    case 'COMMIT_MESSAGE':
      return re.test(push.commitMessage);
    // AWS builds when any changed file matches (and, excluded, when none does).
    case 'FILE_PATH':
      return push.filePaths.some((p) => re.test(p));
    // BASE_REF (pull requests), TAG_NAME and RELEASE_NAME (releases), WORKFLOW_NAME and ORGANIZATION_NAME have nothing to test on a push.
    default:
      return undefined;
  }
}

/** Whether a filter lets the push through: its pattern matches, or does not when excludeMatchedPattern is set. */
export function filterPasses(filter: WebhookFilterRecord, push: WebhookPush): boolean {
  const matched = patternMatches(filter, push);
  if (matched === undefined) return false;
  return filter.excludeMatchedPattern ? !matched : matched;
}

/**
 * Whether a webhook starts a build for a push: some filter group whose every filter passes (no groups: every push),
 * and the deprecated branchFilter, a regex of the branch name, when set.
 */
export function webhookFires(webhook: Pick<WebhookRecord, 'filterGroups' | 'branchFilter'>, push: WebhookPush): boolean {
  if (webhook.branchFilter) {
    const branch = push.headRef.startsWith('refs/heads/') ? push.headRef.slice('refs/heads/'.length) : undefined;
    if (branch === undefined || !new RegExp(webhook.branchFilter).test(branch)) return false;
  }
  const groups = webhook.filterGroups ?? [];
  return groups.length === 0 || groups.some((group) => group.every((filter) => filterPasses(filter, push)));
}

/** The initiator a build a webhook of the emulator starts records (AWS shows `GitHub-Hookshot/<id>` for GitHub; this name is inferred). */
export const LOCAL_WEBHOOK_INITIATOR = 'codepipeline-local-webhook';
