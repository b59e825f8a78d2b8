import type {
  GetPipelineExecutionInput,
  GetPipelineExecutionOutput,
  ListPipelineExecutionsInput,
  ListPipelineExecutionsOutput,
  StartPipelineExecutionInput,
  StartPipelineExecutionOutput,
  StopPipelineExecutionInput,
  StopPipelineExecutionOutput,
} from '@aws-sdk/client-codepipeline';
import type { PipelineExecutionRecord } from '../../model/index.js';
import { toEpochSeconds } from '../../shared/index.js';
import { decodeNextToken, encodeNextToken, ValidationException, type RequestContext, type HandlerInput, type HandlerOutput } from '../protocol/index.js';
import type { CodePipelineDeps } from './deps.js';
import { callEngine } from './engine-errors.js';
import * as errors from './errors.js';
import { invalidNextToken } from './invalid-next-token.js';
import { requirePipeline } from './pipelines.js';

const DEFAULT_PAGE_SIZE = 100;

/** StartPipelineExecution: starts an execution of the current version; a repeated clientRequestToken returns the first. */
export function startPipelineExecution(
  deps: CodePipelineDeps,
  input: HandlerInput<StartPipelineExecutionInput>,
  ctx: RequestContext,
): HandlerOutput<StartPipelineExecutionOutput> {
  const pipeline = requirePipeline(deps, ctx, input.name);
  if (input.variables?.length && pipeline.declaration.pipelineType !== 'V2') {
    throw new ValidationException(`Pipeline variables can only be used with V2 pipelines; pipeline '${input.name}' is ${pipeline.declaration.pipelineType}`); // wording inferred
  }
  const trigger = { triggerType: 'StartPipelineExecution' as const, triggerDetail: ctx.principalArn };
  const record = callEngine(() =>
    deps.engine.start(ctx, input.name, { trigger, variables: input.variables, sourceRevisions: input.sourceRevisions, clientRequestToken: input.clientRequestToken }),
  );
  return { pipelineExecutionId: record.id };
}

/** StopPipelineExecution: stops and waits, or abandons. */
export function stopPipelineExecution(
  deps: CodePipelineDeps,
  input: HandlerInput<StopPipelineExecutionInput>,
  ctx: RequestContext,
): HandlerOutput<StopPipelineExecutionOutput> {
  const id = callEngine(() => deps.engine.stop(ctx, input.pipelineName, input.pipelineExecutionId, input.abandon ?? false, input.reason));
  return { pipelineExecutionId: id };
}

/** An execution of a pipeline of the caller, or AWS's error for the pipeline or the execution. */
export function requireExecution(deps: CodePipelineDeps, ctx: RequestContext, pipelineName: string, id: string): PipelineExecutionRecord {
  requirePipeline(deps, ctx, pipelineName);
  const record = deps.executions.get(ctx, pipelineName, id);
  if (!record) {
    throw new errors.PipelineExecutionNotFoundException(`Pipeline execution ID ${id} does not belong to the pipeline ${pipelineName} or does not exist`); // wording inferred
  }
  return record;
}

/** GetPipelineExecution: one execution with its artifact revisions, resolved variables and trigger. */
export function getPipelineExecution(deps: CodePipelineDeps, input: HandlerInput<GetPipelineExecutionInput>, ctx: RequestContext): HandlerOutput<GetPipelineExecutionOutput> {
  const r = requireExecution(deps, ctx, input.pipelineName, input.pipelineExecutionId);
  return {
    pipelineExecution: {
      pipelineName: r.pipelineName,
      pipelineVersion: r.pipelineVersion,
      pipelineExecutionId: r.id,
      status: r.status,
      ...(r.statusSummary ? { statusSummary: r.statusSummary } : {}),
      artifactRevisions: r.artifactRevisions.map((a) => ({ ...a, ...(a.created !== undefined ? { created: toEpochSeconds(a.created) } : {}) })),
      variables: r.variables,
      trigger: r.trigger,
      executionMode: r.executionMode,
      executionType: r.executionType,
      ...(r.rollbackMetadata ? { rollbackMetadata: r.rollbackMetadata } : {}),
    },
  };
}

function summaryOf(r: PipelineExecutionRecord) {
  return {
    pipelineExecutionId: r.id,
    status: r.status,
    ...(r.statusSummary ? { statusSummary: r.statusSummary } : {}),
    startTime: toEpochSeconds(r.startMs),
    lastUpdateTime: toEpochSeconds(r.updatedMs),
    sourceRevisions: r.sourceRevisions,
    trigger: r.trigger,
    ...(r.stopTrigger ? { stopTrigger: r.stopTrigger } : {}),
    executionMode: r.executionMode,
    executionType: r.executionType,
    ...(r.rollbackMetadata ? { rollbackMetadata: r.rollbackMetadata } : {}),
  };
}

/** ListPipelineExecutions: newest first, paginated, optionally only those that succeeded in a stage of the current version. */
export function listPipelineExecutions(
  deps: CodePipelineDeps,
  input: HandlerInput<ListPipelineExecutionsInput>,
  ctx: RequestContext,
): HandlerOutput<ListPipelineExecutionsOutput> {
  const pipeline = requirePipeline(deps, ctx, input.pipelineName);
  const before = input.nextToken === undefined ? Number.MAX_SAFE_INTEGER : decodeNextToken(input.nextToken)?.before;
  if (typeof before !== 'number') throw invalidNextToken();
  const stageName = input.filter?.succeededInStage?.stageName;
  const succeeded = stageName ? deps.executions.succeededIn(ctx, input.pipelineName, stageName) : undefined;
  const keep = (r: PipelineExecutionRecord) => !succeeded || (succeeded.has(r.id) && r.pipelineVersion === pipeline.declaration.version);
  const pageSize = input.maxResults ?? DEFAULT_PAGE_SIZE;
  const page: { seq: number; record: PipelineExecutionRecord }[] = [];
  // Unfiltered, one more row than the page tells whether there is a next one; filtered, read on in batches until the page fills.
  const batchSize = succeeded ? 200 : pageSize + 1;
  let cursor = before;
  let more = false;
  for (;;) {
    const batch = deps.executions.list(ctx, input.pipelineName, cursor, batchSize);
    for (const row of batch) {
      if (!keep(row.record)) continue;
      if (page.length === pageSize) more = true;
      else page.push(row);
    }
    if (more || batch.length < batchSize) break;
    cursor = batch[batch.length - 1].seq;
  }
  return {
    pipelineExecutionSummaries: page.map((row) => summaryOf(row.record)),
    ...(more ? { nextToken: encodeNextToken({ before: page[page.length - 1].seq }) } : {}),
  };
}
