import type {
  DisableStageTransitionInput,
  EnableStageTransitionInput,
  PutApprovalResultInput,
  PutApprovalResultOutput,
  RetryStageExecutionInput,
  RetryStageExecutionOutput,
} from '@aws-sdk/client-codepipeline';
import { toEpochSeconds } from '../../shared/index.js';
import type { RequestContext, HandlerInput, HandlerOutput, NoOutput } from '../protocol/index.js';
import type { CodePipelineDeps } from './deps.js';
import { callEngine } from './engine-errors.js';

/** DisableStageTransition: holds executions in front of a stage, with a reason. */
export function disableStageTransition(
  deps: CodePipelineDeps,
  input: HandlerInput<DisableStageTransitionInput>,
  ctx: RequestContext,
): NoOutput {
  callEngine(() => deps.engine.setTransition(ctx, input.pipelineName, input.stageName, input.transitionType, { enabled: false, reason: input.reason, by: ctx.principalArn }));
  return {};
}

/** EnableStageTransition: lets the execution waiting in front of the stage in. */
export function enableStageTransition(deps: CodePipelineDeps, input: HandlerInput<EnableStageTransitionInput>, ctx: RequestContext): NoOutput {
  callEngine(() => deps.engine.setTransition(ctx, input.pipelineName, input.stageName, input.transitionType, { enabled: true, by: ctx.principalArn }));
  return {};
}

/** PutApprovalResult: approves or rejects a waiting manual approval by its token. */
export function putApprovalResult(
  deps: CodePipelineDeps,
  input: HandlerInput<PutApprovalResultInput>,
  ctx: RequestContext,
): HandlerOutput<PutApprovalResultOutput> {
  const outcome = { status: input.result.status, summary: input.result.summary, approvedBy: ctx.principalArn };
  const at = callEngine(() => deps.engine.putApprovalResult(ctx, input.pipelineName, input.stageName, input.actionName, input.token, outcome));
  return { approvedAt: toEpochSeconds(at) };
}

/** RetryStageExecution: runs a failed or stopped stage again, its failed actions or all of them. */
export function retryStageExecution(
  deps: CodePipelineDeps,
  input: HandlerInput<RetryStageExecutionInput>,
  ctx: RequestContext,
): HandlerOutput<RetryStageExecutionOutput> {
  const id = callEngine(() => deps.engine.retry(ctx, input.pipelineName, input.stageName, input.pipelineExecutionId, input.retryMode));
  return { pipelineExecutionId: id };
}
