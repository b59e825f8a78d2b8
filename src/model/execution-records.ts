import type { ActionTypeId } from './pipeline-declaration.js';
import type { ActionExecutionStatus, PipelineExecutionStatus, StageExecutionStatus } from './execution-status.js';

/** What started an execution, as the SDK spells it. */
export type TriggerType =
  | 'CreatePipeline'
  | 'StartPipelineExecution'
  | 'PollForSourceChanges'
  | 'Webhook'
  | 'CloudWatchEvent'
  | 'PutActionRevision'
  | 'WebhookV2'
  | 'ManualRollback'
  | 'AutomatedRollback';

/** A source revision a caller asked StartPipelineExecution to use. */
export interface SourceRevisionOverride {
  actionName: string;
  revisionType: 'COMMIT_ID' | 'IMAGE_DIGEST' | 'S3_OBJECT_VERSION_ID' | 'S3_OBJECT_KEY';
  revisionValue: string;
}

/** A source revision an execution used, as GetPipelineExecution reports it. */
export interface ArtifactRevision {
  name: string;
  revisionId?: string;
  revisionChangeIdentifier?: string;
  revisionSummary?: string;
  created?: number;
  revisionUrl?: string;
}

/** One run of a pipeline. Times are epoch milliseconds. */
export interface PipelineExecutionRecord {
  id: string;
  account: string;
  region: string;
  pipelineName: string;
  pipelineVersion: number;
  status: PipelineExecutionStatus;
  statusSummary?: string;
  executionMode: string;
  executionType: 'STANDARD' | 'ROLLBACK';
  /** A ROLLBACK execution's target: the execution whose artifacts and variables it runs its stage with again. */
  rollbackMetadata?: { rollbackTargetPipelineExecutionId: string };
  /** The one stage a ROLLBACK execution runs. */
  rollbackStageName?: string;
  trigger: { triggerType: TriggerType; triggerDetail?: string };
  clientRequestToken?: string;
  variables: { name: string; resolvedValue: string }[];
  sourceOverrides: SourceRevisionOverride[];
  artifactRevisions: ArtifactRevision[];
  /** The source revisions by source action, for ListPipelineExecutions. */
  sourceRevisions: { actionName: string; revisionId?: string; revisionSummary?: string; revisionUrl?: string }[];
  stopTrigger?: { reason?: string };
  /** The stage this execution waits in front of (an inbound execution), if any. */
  waitingStage?: string;
  startMs: number;
  updatedMs: number;
}

/** One run of one stage within an execution. */
export interface StageExecutionRecord {
  executionId: string;
  stageName: string;
  status: StageExecutionStatus;
  manualRetryAttempt: number;
  autoRetryAttempt: number;
  latestRetryTrigger?: 'AutomatedStageRetry' | 'ManualStageRetry';
  startMs: number;
  updatedMs: number;
}

/** An artifact an action consumed or produced, with where it is kept. */
export interface ArtifactDetail {
  name: string;
  s3location?: { bucket: string; key: string };
}

/** What an action was given, as ListActionExecutions reports it. */
export interface ActionExecutionInput {
  actionTypeId: ActionTypeId;
  configuration: Record<string, string>;
  resolvedConfiguration: Record<string, string>;
  roleArn?: string;
  region: string;
  inputArtifacts: ArtifactDetail[];
  namespace?: string;
}

/** What an action produced, as ListActionExecutions reports it. */
export interface ActionExecutionOutput {
  outputArtifacts: ArtifactDetail[];
  outputVariables: Record<string, string>;
}

/** One run of one action. Times are epoch milliseconds. */
export interface ActionExecutionRecord {
  id: string;
  executionId: string;
  account: string;
  region: string;
  pipelineName: string;
  pipelineVersion: number;
  stageName: string;
  actionName: string;
  status: ActionExecutionStatus;
  summary?: string;
  externalExecutionId?: string;
  externalExecutionUrl?: string;
  percentComplete?: number;
  errorDetails?: { code: string; message: string };
  /** The approval token of a Manual approval action, and when it expires. */
  token?: string;
  tokenExpiresMs?: number;
  updatedBy?: string;
  /** The revision a source action fetched. */
  revision?: { revisionId: string; revisionChangeId: string; createdMs: number; summary?: string; url?: string };
  input: ActionExecutionInput;
  output: ActionExecutionOutput;
  startMs: number;
  updatedMs: number;
}

/** The state of a stage's inbound transition. */
export interface TransitionRecord {
  stageName: string;
  enabled: boolean;
  disabledReason?: string;
  lastChangedBy?: string;
  lastChangedMs?: number;
}
