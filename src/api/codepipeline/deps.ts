import type { Engine } from '../../engine/index.js';
import type { CustomActionTypes, JobQueue } from '../../jobs/index.js';
import type { ActionTypeDefinition, ActionTypeId, DeploymentTargetRecord, JobKind, Scope } from '../../model/index.js';
import type { Clock, Ids } from '../../shared/index.js';
import type { ActionExecutionStore, ConditionStore, ExecutionStore, PipelineStore, TagStore, WebhookStore } from '../../store/index.js';

/** What the CodePipeline operation handlers need. */
export interface CodePipelineDeps {
  pipelines: PipelineStore;
  tags: TagStore;
  executions: ExecutionStore;
  actions: ActionExecutionStore;
  conditions: ConditionStore;
  engine: Engine;
  clock: Clock;
  /** The non-AWS action types the emulator can run (custom and test types), accepted by validation. */
  customActionTypes: () => ActionTypeDefinition[];
  jobs: JobWorkerDeps;
  webhooks: WebhookDeps;
  /** The server's own base URL, which the console links of built-in action types point to. */
  baseUrl(): string;
  /** A CodeDeploy deployment's targets with their lifecycle events (none for an unknown deployment). */
  deploymentTargets(deploymentId: string): DeploymentTargetRecord[];
  /** Set with --iam only: whether a service role exists and trusts codepipeline.amazonaws.com. */
  serviceRoles?: { trustsCodePipeline(scope: Scope, roleArn: string): boolean };
}

/** What the webhook operations need: the webhooks, ids for their URLs, and the server's base URL they are served on. */
export interface WebhookDeps {
  store: WebhookStore;
  ids: Ids;
  baseUrl(): string;
}

/** What the job-worker and custom action type operations need. */
export interface JobWorkerDeps {
  queue: JobQueue;
  types: CustomActionTypes;
  /** Whether workers may poll jobs of this type in this scope: a custom type of the account, or a type stood in for by workers. */
  pollable(scope: Scope, id: ActionTypeId, kind: JobKind): boolean;
}

/** AWS's quotas that the handlers enforce. */
export const limits = {
  pipelinesPerRegion: 1000,
  tagsPerResource: 50,
  /** ListPipelines page size when the caller gives no maxResults. */
  defaultPageSize: 100,
} as const;
