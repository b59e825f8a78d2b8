import type { ActionExecutionRecord, ArtifactDetail, PipelineExecutionRecord, StageExecutionRecord } from '../model/index.js';
import { awsEvent, type AwsEvent, type EventOrigin } from './aws-event.js';

/** The CodePipeline detail-types EventBridge carries. */
export const PIPELINE_DETAIL_TYPES = {
  execution: 'CodePipeline Pipeline Execution State Change',
  stage: 'CodePipeline Stage Execution State Change',
  action: 'CodePipeline Action Execution State Change',
} as const;

/** A pipeline execution's state in events: upper case, and single-L CANCELED unlike the API's Cancelled. */
export type ExecutionEventState = 'STARTED' | 'STOPPING' | 'STOPPED' | 'SUCCEEDED' | 'FAILED' | 'CANCELED' | 'RESUMED' | 'SUPERSEDED';
/** A stage execution's state in events. */
export type StageEventState = 'STARTED' | 'SUCCEEDED' | 'FAILED' | 'CANCELED' | 'RESUMED' | 'STOPPING' | 'STOPPED';
/** An action execution's state in events. */
export type ActionEventState = 'STARTED' | 'SUCCEEDED' | 'FAILED' | 'ABANDONED' | 'CANCELED';

/** What a pipeline event needs besides its record: the pipeline's structure version and the execution's attempt. */
export interface PipelineEventContext {
  pipelineVersion: number;
  attempt: number;
}

function pipelineArn(origin: EventOrigin, pipelineName: string): string {
  return `arn:aws:codepipeline:${origin.region}:${origin.account}:${pipelineName}`;
}

/** `CodePipeline Pipeline Execution State Change` for one execution entering `state`. */
export function executionStateChange(origin: EventOrigin, execution: PipelineExecutionRecord, state: ExecutionEventState, attempt: number): AwsEvent {
  const detail: Record<string, unknown> = { pipeline: execution.pipelineName, 'execution-id': execution.id };
  if (state === 'STARTED') {
    detail['execution-trigger'] = { 'trigger-type': execution.trigger.triggerType, 'trigger-detail': execution.trigger.triggerDetail ?? '' };
    detail['start-time'] = new Date(execution.startMs).toISOString();
  }
  if (state === 'STOPPING' && execution.stopTrigger?.reason) detail['stop-execution-comments'] = execution.stopTrigger.reason;
  Object.assign(detail, { state, version: execution.pipelineVersion, 'pipeline-execution-attempt': attempt });
  return awsEvent(origin, 'aws.codepipeline', PIPELINE_DETAIL_TYPES.execution, [pipelineArn(origin, execution.pipelineName)], detail);
}

/** `CodePipeline Stage Execution State Change` for one stage execution entering `state`. */
export function stageStateChange(origin: EventOrigin, pipelineName: string, stage: StageExecutionRecord, state: StageEventState, context: PipelineEventContext): AwsEvent {
  const detail = {
    pipeline: pipelineName,
    'execution-id': stage.executionId,
    stage: stage.stageName,
    state,
    version: context.pipelineVersion,
    'pipeline-execution-attempt': context.attempt,
  };
  return awsEvent(origin, 'aws.codepipeline', PIPELINE_DETAIL_TYPES.stage, [pipelineArn(origin, pipelineName)], detail);
}

// Events name artifact locations `s3location{bucket,key}`, as the records keep them.
function artifacts(list: ArtifactDetail[]): { name: string; s3location?: { bucket: string; key: string } }[] {
  return list.map((a) => (a.s3location ? { name: a.name, s3location: { ...a.s3location } } : { name: a.name }));
}

function executionResult(action: ActionExecutionRecord, state: ActionEventState): Record<string, unknown> | undefined {
  const result: Record<string, unknown> = {};
  if (action.externalExecutionUrl) result['external-execution-url'] = action.externalExecutionUrl;
  const summary = state === 'FAILED' ? (action.errorDetails?.message ?? action.summary) : action.summary;
  if (summary) result['external-execution-summary'] = summary;
  if (action.externalExecutionId) result['external-execution-id'] = action.externalExecutionId;
  if (state === 'FAILED' && action.errorDetails) result['error-code'] = action.errorDetails.code;
  return Object.keys(result).length ? result : undefined;
}

/** `CodePipeline Action Execution State Change` for one action execution entering `state`. */
export function actionStateChange(origin: EventOrigin, action: ActionExecutionRecord, state: ActionEventState, attempt: number): AwsEvent {
  const type = action.input.actionTypeId;
  const detail: Record<string, unknown> = {
    pipeline: action.pipelineName,
    'execution-id': action.executionId,
    stage: action.stageName,
    action: action.actionName,
    state,
    region: action.input.region,
    type: { owner: type.owner, provider: type.provider, category: type.category, version: type.version },
    version: action.pipelineVersion,
    'pipeline-execution-attempt': attempt,
  };
  if (state === 'STARTED') detail['input-artifacts'] = artifacts(action.input.inputArtifacts);
  if (state !== 'STARTED') {
    const result = executionResult(action, state);
    if (result) detail['execution-result'] = result;
  }
  if (state === 'SUCCEEDED') detail['output-artifacts'] = artifacts(action.output.outputArtifacts);
  return awsEvent(origin, 'aws.codepipeline', PIPELINE_DETAIL_TYPES.action, [pipelineArn(origin, action.pipelineName)], detail);
}
