import type { PutActionRevisionInput, PutActionRevisionOutput } from '@aws-sdk/client-codepipeline';
import type { HandlerInput, HandlerOutput, RequestContext } from '../protocol/index.js';
import type { CodePipelineDeps } from './deps.js';
import { callEngine } from './engine-errors.js';
import * as errors from './errors.js';
import { requirePipeline } from './pipelines.js';

/**
 * PutActionRevision: a source (a custom source's job worker, typically) tells CodePipeline of a revision. One that differs
 * from the revision the action last ran with starts an execution (trigger PutActionRevision); the same one starts nothing.
 */
export function putActionRevision(deps: CodePipelineDeps, input: HandlerInput<PutActionRevisionInput>, ctx: RequestContext): HandlerOutput<PutActionRevisionOutput> {
  const pipeline = requirePipeline(deps, ctx, input.pipelineName);
  const stage = pipeline.declaration.stages.find((s) => s.name === input.stageName);
  if (!stage) throw new errors.StageNotFoundException(`Stage ${input.stageName} not found in pipeline ${input.pipelineName}`); // wording inferred
  if (!stage.actions.some((a) => a.name === input.actionName)) {
    throw new errors.ActionNotFoundException(`Action ${input.actionName} not found in stage ${input.stageName} of pipeline ${input.pipelineName}`); // wording inferred
  }
  const last = deps.actions.latestRevisions(ctx, input.pipelineName).get(`${input.stageName}/${input.actionName}`)?.revision;
  if (last?.revisionId === input.actionRevision.revisionId) return { newRevision: false };
  const trigger = { triggerType: 'PutActionRevision' as const, triggerDetail: ctx.principalArn };
  const record = callEngine(() => deps.engine.start(ctx, input.pipelineName, { trigger }));
  return { newRevision: true, pipelineExecutionId: record.id };
}
