import type { ActionCategory, ActionOwner, ExecutionMode, PipelineType } from './enums.js';

/** Identifies an action type: category, owner, provider and version. */
export interface ActionTypeId {
  category: ActionCategory;
  owner: ActionOwner;
  provider: string;
  version: string;
}

/** A named artifact an action consumes. */
export interface InputArtifact {
  name: string;
}

/** A named artifact an action produces. */
export interface OutputArtifact {
  name: string;
  files?: string[];
}

/** An environment variable of a Commands action. */
export interface EnvironmentVariable {
  name: string;
  value: string;
  type?: 'PLAINTEXT' | 'SECRETS_MANAGER';
}

/** One action of a stage, as declared. */
export interface ActionDeclaration {
  name: string;
  actionTypeId: ActionTypeId;
  runOrder?: number;
  configuration?: Record<string, string>;
  commands?: string[];
  outputArtifacts?: OutputArtifact[];
  inputArtifacts?: InputArtifact[];
  outputVariables?: string[];
  roleArn?: string;
  region?: string;
  namespace?: string;
  timeoutInMinutes?: number;
  environmentVariables?: EnvironmentVariable[];
}

/** Identifies a rule type of a V2 stage condition. */
export interface RuleTypeId {
  category: 'Rule';
  owner?: 'AWS';
  provider: string;
  version?: string;
}

/** One rule of a V2 stage condition. */
export interface RuleDeclaration {
  name: string;
  ruleTypeId: RuleTypeId;
  configuration?: Record<string, string>;
  commands?: string[];
  inputArtifacts?: InputArtifact[];
  roleArn?: string;
  region?: string;
  timeoutInMinutes?: number;
}

/** A V2 stage condition: rules that must all pass, and what happens when they do not. */
export interface ConditionDeclaration {
  result?: 'ROLLBACK' | 'FAIL' | 'RETRY' | 'SKIP';
  rules?: RuleDeclaration[];
}

/** What a V2 stage does when it fails. */
export interface FailureConditions {
  result?: 'ROLLBACK' | 'FAIL' | 'RETRY' | 'SKIP';
  retryConfiguration?: { retryMode?: 'FAILED_ACTIONS' | 'ALL_ACTIONS' };
  conditions?: ConditionDeclaration[];
}

/** One stage of a pipeline, as declared. */
export interface StageDeclaration {
  name: string;
  blockers?: { name: string; type: 'Schedule' }[];
  actions: ActionDeclaration[];
  onFailure?: FailureConditions;
  onSuccess?: { conditions: ConditionDeclaration[] };
  beforeEntry?: { conditions: ConditionDeclaration[] };
}

/** Where a pipeline keeps its artifacts. */
export interface ArtifactStore {
  type: 'S3';
  location: string;
  encryptionKey?: { id: string; type: 'KMS' };
}

/** A V2 pipeline-level variable. */
export interface PipelineVariableDeclaration {
  name: string;
  defaultValue?: string;
  description?: string;
}

/** Include and exclude glob patterns of a V2 trigger filter. */
export interface GitFilterCriteria {
  includes?: string[];
  excludes?: string[];
}

/** A V2 trigger on git pushes or pull requests to a CodeStarSourceConnection source action. */
export interface PipelineTriggerDeclaration {
  providerType: 'CodeStarSourceConnection';
  gitConfiguration: {
    sourceActionName: string;
    push?: { tags?: GitFilterCriteria; branches?: GitFilterCriteria; filePaths?: GitFilterCriteria }[];
    pullRequest?: { events?: ('OPEN' | 'UPDATED' | 'CLOSED')[]; branches?: GitFilterCriteria; filePaths?: GitFilterCriteria }[];
  };
}

/** A whole pipeline, as CreatePipeline takes it and GetPipeline returns it. */
export interface PipelineDeclaration {
  name: string;
  roleArn: string;
  artifactStore?: ArtifactStore;
  artifactStores?: Record<string, ArtifactStore>;
  stages: StageDeclaration[];
  version?: number;
  executionMode?: ExecutionMode;
  pipelineType?: PipelineType;
  variables?: PipelineVariableDeclaration[];
  triggers?: PipelineTriggerDeclaration[];
}

/** A tag on a resource. */
export interface Tag {
  key: string;
  value: string;
}
