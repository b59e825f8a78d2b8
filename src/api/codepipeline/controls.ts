import { toEpochSeconds } from '../../shared/index.js';
import type { RequestContext } from '../protocol/index.js';
import type { CodePipelineDeps } from './deps.js';
import { callEngine } from './engine-errors.js';

/** DisableStageTransition: holds executions in front of a stage, with a reason. */
export function disableStageTransition(
  deps: CodePipelineDeps,
  input: { pipelineName: string; stageName: string; transitionType: 'Inbound' | 'Outbound'; reason: string },
  ctx: RequestContext,
) {
  callEngine(() => deps.engine.setTransition(ctx, input.pipelineName, input.stageName, input.transitionType, { enabled: false, reason: input.reason, by: ctx.principalArn }));
  return {};
}

/** EnableStageTransition: lets the execution waiting in front of the stage in. */
export function enableStageTransition(deps: CodePipelineDeps, input: { pipelineName: string; stageName: string; transitionType: 'Inbound' | 'Outbound' }, ctx: RequestContext) {
  callEngine(() => deps.engine.setTransition(ctx, input.pipelineName, input.stageName, input.transitionType, { enabled: true, by: ctx.principalArn }));
  return {};
}

/** PutApprovalResult: approves or rejects a waiting manual approval by its token. */
export function putApprovalResult(
  deps: CodePipelineDeps,
  input: { pipelineName: string; stageName: string; actionName: string; result: { summary: string; status: 'Approved' | 'Rejected' }; token: string },
  ctx: RequestContext,
) {
  const outcome = { status: input.result.status, summary: input.result.summary, approvedBy: ctx.principalArn };
  const at = callEngine(() => deps.engine.putApprovalResult(ctx, input.pipelineName, input.stageName, input.actionName, input.token, outcome));
  return { approvedAt: toEpochSeconds(at) };
}

/** RetryStageExecution: runs a failed or stopped stage again, its failed actions or all of them. */
export function retryStageExecution(
  deps: CodePipelineDeps,
  input: { pipelineName: string; stageName: string; pipelineExecutionId: string; retryMode: 'FAILED_ACTIONS' | 'ALL_ACTIONS' },
  ctx: RequestContext,
) {
  const id = callEngine(() => deps.engine.retry(ctx, input.pipelineName, input.stageName, input.pipelineExecutionId, input.retryMode));
  return { pipelineExecutionId: id };
}
