import { allPages, callAws } from './aws.js';
import type {
  ActionExecutionDetail,
  ActionTypeInfo,
  GetPipelineOutput,
  PipelineDeclaration,
  PipelineExecution,
  PipelineExecutionSummary,
  PipelineState,
  PipelineSummary,
  RuleExecutionDetail,
} from './codepipeline-types.js';

export type * from './codepipeline-types.js';

const cp = <T>(operation: string, input: object = {}, signal?: AbortSignal) => callAws<T>('codepipeline', operation, input, signal);

/** Every pipeline of the account and region, all pages. */
export function listPipelines(signal?: AbortSignal): Promise<PipelineSummary[]> {
  return allPages<PipelineSummary>('codepipeline', 'ListPipelines', { maxResults: 1000 }, 'pipelines', { signal });
}

/** GetPipeline: the declaration (of a given version, or the latest) and its metadata. */
export const getPipeline = (name: string, version?: number, signal?: AbortSignal) =>
  cp<GetPipelineOutput>('GetPipeline', version ? { name, version } : { name }, signal);

/** GetPipelineState: per stage its transition, latest execution and each action's latest execution. */
export const getPipelineState = (name: string, signal?: AbortSignal) => cp<PipelineState>('GetPipelineState', { name }, signal);

/** ListPipelineExecutions: one page, newest first. */
export const listPipelineExecutions = (pipelineName: string, maxResults = 25, nextToken?: string, signal?: AbortSignal) =>
  cp<{ pipelineExecutionSummaries?: PipelineExecutionSummary[]; nextToken?: string }>(
    'ListPipelineExecutions',
    { pipelineName, maxResults, ...(nextToken ? { nextToken } : {}) },
    signal,
  );

/** GetPipelineExecution: one execution with its revisions, variables and trigger. */
export const getPipelineExecution = (pipelineName: string, pipelineExecutionId: string, signal?: AbortSignal) =>
  cp<{ pipelineExecution: PipelineExecution }>('GetPipelineExecution', { pipelineName, pipelineExecutionId }, signal).then((o) => o.pipelineExecution);

/** ListActionExecutions for a pipeline or one of its executions, newest first, all pages up to `limit`. */
export function listActionExecutions(pipelineName: string, pipelineExecutionId?: string, limit = 100, signal?: AbortSignal): Promise<ActionExecutionDetail[]> {
  const input = { pipelineName, maxResults: 100, ...(pipelineExecutionId ? { filter: { pipelineExecutionId } } : {}) };
  return allPages<ActionExecutionDetail>('codepipeline', 'ListActionExecutions', input, 'actionExecutionDetails', { limit, signal });
}

/** ListRuleExecutions for a pipeline or one of its executions, newest first, all pages up to `limit`. */
export function listRuleExecutions(pipelineName: string, limit = 100, signal?: AbortSignal): Promise<RuleExecutionDetail[]> {
  return allPages<RuleExecutionDetail>('codepipeline', 'ListRuleExecutions', { pipelineName, maxResults: 100 }, 'ruleExecutionDetails', { limit, signal });
}

/** ListPipelineExecutions filtered to the executions that succeeded in a stage (the targets RollbackStage accepts), one page. */
export const listSucceededInStage = (pipelineName: string, stageName: string, maxResults = 25) =>
  cp<{ pipelineExecutionSummaries?: PipelineExecutionSummary[] }>('ListPipelineExecutions', { pipelineName, maxResults, filter: { succeededInStage: { stageName } } }).then(
    (o) => o.pipelineExecutionSummaries ?? [],
  );

/** OverrideStageCondition: an entry or success condition of an execution counts as met. */
export const overrideStageCondition = (pipelineName: string, stageName: string, pipelineExecutionId: string, conditionType: 'BEFORE_ENTRY' | 'ON_SUCCESS') =>
  cp<object>('OverrideStageCondition', { pipelineName, stageName, pipelineExecutionId, conditionType });

/** RollbackStage: a new ROLLBACK execution runs the stage again with a target execution's artifacts. */
export const rollbackStage = (pipelineName: string, stageName: string, targetPipelineExecutionId: string) =>
  cp<{ pipelineExecutionId: string }>('RollbackStage', { pipelineName, stageName, targetPipelineExecutionId });

/** StartPipelineExecution ("Release change"), with V2 variables when given. */
export const startPipelineExecution = (name: string, variables: { name: string; value: string }[] = []) =>
  cp<{ pipelineExecutionId: string }>('StartPipelineExecution', variables.length ? { name, variables } : { name });

/** StopPipelineExecution: stop and wait, or abandon. */
export const stopPipelineExecution = (pipelineName: string, pipelineExecutionId: string, abandon: boolean, reason?: string) =>
  cp<{ pipelineExecutionId: string }>('StopPipelineExecution', { pipelineName, pipelineExecutionId, abandon, ...(reason ? { reason } : {}) });

/** RetryStageExecution: the failed actions or all of them. */
export const retryStageExecution = (pipelineName: string, stageName: string, pipelineExecutionId: string, retryMode: 'FAILED_ACTIONS' | 'ALL_ACTIONS') =>
  cp<{ pipelineExecutionId: string }>('RetryStageExecution', { pipelineName, stageName, pipelineExecutionId, retryMode });

/** PutApprovalResult: approves or rejects a Manual approval action. */
export const putApprovalResult = (pipelineName: string, stageName: string, actionName: string, token: string, status: 'Approved' | 'Rejected', summary: string) =>
  cp<{ approvedAt?: number }>('PutApprovalResult', { pipelineName, stageName, actionName, token, result: { status, summary } });

/** DisableStageTransition: stops executions from entering a stage, with a reason. */
export const disableStageTransition = (pipelineName: string, stageName: string, reason: string) =>
  cp<object>('DisableStageTransition', { pipelineName, stageName, transitionType: 'Inbound', reason });

/** EnableStageTransition: lets executions enter the stage again. */
export const enableStageTransition = (pipelineName: string, stageName: string) => cp<object>('EnableStageTransition', { pipelineName, stageName, transitionType: 'Inbound' });

/** CreatePipeline: stores the declaration and starts its first execution. */
export const createPipeline = (pipeline: unknown) => cp<{ pipeline: PipelineDeclaration }>('CreatePipeline', { pipeline });

/** UpdatePipeline: stores a new version of the declaration. */
export const updatePipeline = (pipeline: unknown) => cp<{ pipeline: PipelineDeclaration }>('UpdatePipeline', { pipeline });

/** DeletePipeline. */
export const deletePipeline = (name: string) => cp<object>('DeletePipeline', { name });

/** ListActionTypes: the action types the API knows, optionally of one owner, all pages. */
export function listActionTypes(actionOwnerFilter?: string): Promise<ActionTypeInfo[]> {
  return allPages<ActionTypeInfo>('codepipeline', 'ListActionTypes', actionOwnerFilter ? { actionOwnerFilter } : {}, 'actionTypes');
}
