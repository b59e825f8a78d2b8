import type { RollbackStageInput, RollbackStageOutput } from '@aws-sdk/client-codepipeline';
import type { RequestContext, HandlerInput, HandlerOutput } from '../protocol/index.js';
import type { CodePipelineDeps } from './deps.js';
import { callEngine } from './engine-errors.js';

/** RollbackStage: a new ROLLBACK execution runs the stage again with the target execution's artifacts and variables. */
export function rollbackStage(deps: CodePipelineDeps, input: HandlerInput<RollbackStageInput>, ctx: RequestContext): HandlerOutput<RollbackStageOutput> {
  const record = callEngine(() => deps.engine.rollback(ctx, input.pipelineName, input.stageName, input.targetPipelineExecutionId, ctx.principalArn));
  return { pipelineExecutionId: record.id };
}
