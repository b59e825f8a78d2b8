import type { ArtifactDetail } from './execution-records.js';
import type { RuleTypeId } from './pipeline-declaration.js';

/** The kinds of stage conditions, as ListRuleExecutions and the console name them. */
export type ConditionType = 'BEFORE_ENTRY' | 'ON_SUCCESS' | 'ON_FAILURE';

/** A condition's status (`ConditionExecutionStatus`). */
export type ConditionExecutionStatus = 'InProgress' | 'Failed' | 'Errored' | 'Succeeded' | 'Cancelled' | 'Abandoned' | 'Overridden';

/** A rule's status (`RuleExecutionStatus`). */
export type RuleExecutionStatus = 'InProgress' | 'Abandoned' | 'Succeeded' | 'Failed';

/** One evaluation of a stage's condition in an execution. Times are epoch milliseconds. */
export interface ConditionExecutionRecord {
  id: string;
  executionId: string;
  account: string;
  region: string;
  pipelineName: string;
  stageName: string;
  conditionType: ConditionType;
  /** The result it applies when it is not met (beforeEntry, onSuccess) or met (onFailure). */
  result: 'ROLLBACK' | 'FAIL' | 'RETRY' | 'SKIP';
  status: ConditionExecutionStatus;
  summary?: string;
  startMs: number;
  updatedMs: number;
  /** Whose OverrideStageCondition made it Overridden. */
  overriddenBy?: string;
}

/** What a rule was given, as ListRuleExecutions reports it. */
export interface RuleExecutionInput {
  ruleTypeId: RuleTypeId;
  configuration: Record<string, string>;
  resolvedConfiguration: Record<string, string>;
  roleArn?: string;
  region: string;
  inputArtifacts: ArtifactDetail[];
}

/** One run of one rule of a condition. Times are epoch milliseconds. */
export interface RuleExecutionRecord {
  id: string;
  conditionExecutionId: string;
  executionId: string;
  account: string;
  region: string;
  pipelineName: string;
  pipelineVersion: number;
  stageName: string;
  conditionType: ConditionType;
  ruleName: string;
  status: RuleExecutionStatus;
  summary?: string;
  startMs: number;
  updatedMs: number;
  updatedBy?: string;
  input: RuleExecutionInput;
  externalExecutionId?: string;
  externalExecutionUrl?: string;
  errorDetails?: { code: string; message: string };
}
