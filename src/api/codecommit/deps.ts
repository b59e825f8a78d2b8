import type { TriggerDestinations } from '../../notifications/index.js';
import type { Clock, Ids, Logger } from '../../shared/index.js';
import type { ApprovalTemplateStore, CommentStore, PullRequestStore, RepositoryStore, Scope, TagStore } from '../../store/index.js';
import type { ApprovalTemplateDoc } from './approval-template-types.js';
import type { CommentDoc } from './comment-types.js';
import type { PullRequestDoc } from './pull-request-types.js';

/** What the CodeCommit operations need: the stores, where bare repositories live, and how clone URLs are built. */
export interface CodeCommitDeps {
  repositories: RepositoryStore;
  tags: TagStore;
  pullRequests: PullRequestStore<PullRequestDoc>;
  comments: CommentStore<CommentDoc>;
  approvalTemplates: ApprovalTemplateStore<ApprovalTemplateDoc>;
  clock: Clock;
  ids: Ids;
  log: Logger;
  /** The folder holding emulator-made bare repositories (`<dataDir>/git`). */
  gitRoot: string;
  /** The scope whose repositories have the short clone URL `/v1/repos/<name>`. */
  defaultScope: Scope;
  /** The server's base URL, known once it listens. */
  baseUrl(): string;
  /** Where repository triggers deliver (SNS topics and Lambda functions), once those features are built. */
  triggerDestinations?: TriggerDestinations;
}
