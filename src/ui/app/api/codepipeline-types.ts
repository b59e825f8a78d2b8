/** The shapes of CodePipeline's JSON as the console reads them (timestamps are epoch seconds on the wire). */

export interface ActionTypeId {
  category: string;
  owner: string;
  provider: string;
  version: string;
}

export interface ArtifactRef {
  name: string;
}

export interface ActionDeclaration {
  name: string;
  actionTypeId: ActionTypeId;
  runOrder?: number;
  configuration?: Record<string, string>;
  inputArtifacts?: ArtifactRef[];
  outputArtifacts?: ArtifactRef[];
  namespace?: string;
  region?: string;
  roleArn?: string;
  timeoutInMinutes?: number;
}

export interface StageDeclaration {
  name: string;
  actions: ActionDeclaration[];
  [member: string]: unknown;
}

export interface PipelineVariableDeclaration {
  name: string;
  defaultValue?: string;
  description?: string;
}

export interface PipelineDeclaration {
  name: string;
  roleArn: string;
  artifactStore?: { type: string; location: string };
  artifactStores?: Record<string, { type: string; location: string }>;
  stages: StageDeclaration[];
  version?: number;
  executionMode?: string;
  pipelineType?: string;
  variables?: PipelineVariableDeclaration[];
  [member: string]: unknown;
}

export interface GetPipelineOutput {
  pipeline: PipelineDeclaration;
  metadata?: { pipelineArn?: string; created?: number; updated?: number };
}

export interface PipelineSummary {
  name: string;
  version: number;
  pipelineType?: string;
  executionMode?: string;
  created: number;
  updated: number;
}

export interface ErrorDetails {
  code?: string;
  message?: string;
}

export interface ActionLatestExecution {
  actionExecutionId?: string;
  status?: string;
  summary?: string;
  lastStatusChange?: number;
  token?: string;
  lastUpdatedBy?: string;
  externalExecutionId?: string;
  externalExecutionUrl?: string;
  percentComplete?: number;
  errorDetails?: ErrorDetails;
}

export interface ActionState {
  actionName: string;
  currentRevision?: { revisionId: string; revisionChangeId?: string; created?: number };
  latestExecution?: ActionLatestExecution;
  entityUrl?: string;
  revisionUrl?: string;
}

export interface ExecutionRef {
  pipelineExecutionId: string;
  status: string;
  type?: string;
}

export interface TransitionState {
  enabled: boolean;
  lastChangedBy?: string;
  lastChangedAt?: number;
  disabledReason?: string;
}

export interface StageState {
  stageName: string;
  inboundExecution?: ExecutionRef;
  inboundExecutions?: ExecutionRef[];
  inboundTransitionState?: TransitionState;
  actionStates: ActionState[];
  latestExecution?: ExecutionRef;
  retryStageMetadata?: { autoStageRetryAttempt?: number; manualStageRetryAttempt?: number; latestRetryTrigger?: string };
  beforeEntryConditionState?: StageConditionState;
  onSuccessConditionState?: StageConditionState;
  onFailureConditionState?: StageConditionState;
}

export interface PipelineState {
  pipelineName: string;
  pipelineVersion: number;
  stageStates: StageState[];
  created?: number;
  updated?: number;
}

export interface SourceRevision {
  actionName: string;
  revisionId?: string;
  revisionSummary?: string;
  revisionUrl?: string;
}

export interface ExecutionTrigger {
  triggerType?: string;
  triggerDetail?: string;
}

export interface PipelineExecutionSummary {
  pipelineExecutionId: string;
  status: string;
  statusSummary?: string;
  startTime?: number;
  lastUpdateTime?: number;
  sourceRevisions?: SourceRevision[];
  trigger?: ExecutionTrigger;
  stopTrigger?: { reason?: string };
  executionMode?: string;
  executionType?: string;
  rollbackMetadata?: { rollbackTargetPipelineExecutionId?: string };
}

export interface ArtifactRevision {
  name: string;
  revisionId?: string;
  revisionChangeIdentifier?: string;
  revisionSummary?: string;
  created?: number;
  revisionUrl?: string;
}

export interface PipelineExecution {
  pipelineName: string;
  pipelineVersion: number;
  pipelineExecutionId: string;
  status: string;
  statusSummary?: string;
  artifactRevisions?: ArtifactRevision[];
  variables?: { name: string; resolvedValue: string }[];
  trigger?: ExecutionTrigger;
  executionMode?: string;
  executionType?: string;
  rollbackMetadata?: { rollbackTargetPipelineExecutionId?: string };
}

export interface ArtifactDetail {
  name: string;
  s3location?: { bucket: string; key: string };
}

export interface ActionExecutionDetail {
  pipelineExecutionId: string;
  actionExecutionId: string;
  pipelineVersion?: number;
  stageName: string;
  actionName: string;
  startTime?: number;
  lastUpdateTime?: number;
  updatedBy?: string;
  status: string;
  input?: {
    actionTypeId?: ActionTypeId;
    configuration?: Record<string, string>;
    resolvedConfiguration?: Record<string, string>;
    roleArn?: string;
    region?: string;
    inputArtifacts?: ArtifactDetail[];
    namespace?: string;
  };
  output?: {
    outputArtifacts?: ArtifactDetail[];
    executionResult?: { externalExecutionId?: string; externalExecutionSummary?: string; externalExecutionUrl?: string; errorDetails?: ErrorDetails };
    outputVariables?: Record<string, string>;
  };
}

export interface ActionConfigurationProperty {
  name: string;
  required: boolean;
  key?: boolean;
  secret?: boolean;
  queryable?: boolean;
  description?: string;
  type?: string;
}

export interface ActionTypeInfo {
  id: ActionTypeId;
  actionConfigurationProperties?: ActionConfigurationProperty[];
  inputArtifactDetails?: { minimumCount: number; maximumCount: number };
  outputArtifactDetails?: { minimumCount: number; maximumCount: number };
}

/** A rule's latest run as GetPipelineState shows it (`RuleExecution`). */
export interface RuleLatestExecution {
  ruleExecutionId?: string;
  status?: string;
  summary?: string;
  lastStatusChange?: number;
  lastUpdatedBy?: string;
  externalExecutionId?: string;
  externalExecutionUrl?: string;
  errorDetails?: ErrorDetails;
}

export interface RuleState {
  ruleName?: string;
  latestExecution?: RuleLatestExecution;
  entityUrl?: string;
  revisionUrl?: string;
}

export interface ConditionState {
  latestExecution?: { status?: string; summary?: string; lastStatusChange?: number };
  ruleStates?: RuleState[];
}

/** The latest evaluation of one kind of a stage's conditions (entry, success or failure). */
export interface StageConditionState {
  latestExecution?: { status?: string; summary?: string };
  conditionStates?: ConditionState[];
}

/** One rule run as ListRuleExecutions lists it (`RuleExecutionDetail`). */
export interface RuleExecutionDetail {
  pipelineExecutionId: string;
  ruleExecutionId: string;
  pipelineVersion?: number;
  stageName: string;
  ruleName: string;
  startTime?: number;
  lastUpdateTime?: number;
  updatedBy?: string;
  status: string;
  input?: { ruleTypeId?: ActionTypeId; configuration?: Record<string, string>; resolvedConfiguration?: Record<string, string>; region?: string };
  output?: { executionResult?: { externalExecutionId?: string; externalExecutionSummary?: string; externalExecutionUrl?: string; errorDetails?: ErrorDetails } };
}
