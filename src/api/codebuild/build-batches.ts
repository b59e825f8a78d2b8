import type {
  DeleteBuildBatchInput,
  DeleteBuildBatchOutput,
  RetryBuildBatchInput,
  RetryBuildBatchOutput,
  StartBuildBatchInput,
  StartBuildBatchOutput,
  StopBuildBatchInput,
  StopBuildBatchOutput,
} from '@aws-sdk/client-codebuild';
import type { BuildBatchRecord, BuildRequestRecord } from '../../store/index.js';
import type { RequestContext, HandlerInput, HandlerOutput } from '../protocol/index.js';
import { buildBatchView } from './batch-views.js';
import { initiatorOf } from './builds.js';
import type { CodeBuildDeps } from './deps.js';
import { InvalidInputException, ResourceNotFoundException } from './errors.js';
import { assertValidArtifactsLocation } from './project-input.js';
import { requireProject } from './projects.js';

// A token repeated within this window returns the batch it started (as StartBuild's, ms).
const IDEMPOTENCY_WINDOW_MS = 5 * 60_000;

/** StartBuildBatch's overrides, in StartBuild's terms (the build timeout is named differently there). */
function overridesOf(input: HandlerInput<StartBuildBatchInput>): BuildRequestRecord {
  const request: Record<string, unknown> = {
    sourceVersion: input.sourceVersion,
    buildspecOverride: input.buildspecOverride,
    environmentVariablesOverride: input.environmentVariablesOverride,
    imageOverride: input.imageOverride,
    timeoutInMinutesOverride: input.buildTimeoutInMinutesOverride,
    queuedTimeoutInMinutesOverride: input.queuedTimeoutInMinutesOverride,
    privilegedModeOverride: input.privilegedModeOverride,
    computeTypeOverride: input.computeTypeOverride,
    environmentTypeOverride: input.environmentTypeOverride,
    sourceTypeOverride: input.sourceTypeOverride,
    sourceLocationOverride: input.sourceLocationOverride,
    artifactsOverride: input.artifactsOverride,
  };
  return Object.fromEntries(Object.entries(request).filter(([, v]) => v !== undefined)) as BuildRequestRecord;
}

/** Finds a batch of the caller's scope, refusing a malformed id or an unknown one. */
export function requireBatch(deps: CodeBuildDeps, ctx: RequestContext, id: string | undefined): BuildBatchRecord {
  if (!id || !id.includes(':')) throw new InvalidInputException('Invalid build batch ID provided'); // wording inferred
  const batch = deps.batchStore.get(id, ctx);
  if (!batch) throw new ResourceNotFoundException(`Build batch ${id} does not exist`); // wording inferred
  return batch;
}

function startBatch(deps: CodeBuildDeps, ctx: RequestContext, input: HandlerInput<StartBuildBatchInput>, request: BuildRequestRecord): BuildBatchRecord {
  const { project } = requireProject(deps, ctx, input.projectName);
  const config = (input.buildBatchConfigOverride ?? project.buildBatchConfig) as BuildBatchRecord['buildBatchConfig'] | undefined;
  if (!config) {
    // wording inferred: AWS refuses batches of projects without a batch configuration.
    throw new InvalidInputException(`Batch build is not enabled for project ${project.name}: set its buildBatchConfig (UpdateProject --build-batch-config) or pass buildBatchConfigOverride`);
  }
  assertValidArtifactsLocation(request.artifactsOverride, 'artifactsOverride');
  const sourceType = request.sourceTypeOverride ?? project.source.type;
  const artifactsType = (request.artifactsOverride ?? project.artifacts).type;
  if (sourceType === 'CODEPIPELINE' || artifactsType === 'CODEPIPELINE') {
    throw new InvalidInputException(`Project ${project.name} has source or artifacts of type CODEPIPELINE: its batches can only be started by CodePipeline`); // wording inferred
  }
  if (request.buildspecOverride === undefined && sourceType === 'NO_SOURCE' && !project.source.buildspec) {
    throw new InvalidInputException('Invalid source: buildspec must be specified for NO_SOURCE source type');
  }
  return deps.batches.start({ scope: ctx, project, request, initiator: initiatorOf(ctx), buildBatchConfig: config });
}

/** StartBuildBatch: starts a batch of the project (which must have a buildBatchConfig) and returns it as it stands. */
export function startBuildBatch(deps: CodeBuildDeps, input: HandlerInput<StartBuildBatchInput>, ctx: RequestContext): HandlerOutput<StartBuildBatchOutput> {
  const request = overridesOf(input);
  const token = input.idempotencyToken;
  if (!token) return { buildBatch: buildBatchView(startBatch(deps, ctx, input, request)) };
  const key = `batch/${ctx.account}/${ctx.region}/${input.projectName}/${token}`;
  const fingerprint = JSON.stringify({ request, config: input.buildBatchConfigOverride });
  const seen = deps.idempotency.get(key);
  if (seen && deps.clock.now() - seen.atMs < IDEMPOTENCY_WINDOW_MS) {
    if (seen.request !== fingerprint) throw new InvalidInputException('Idempotency token was already used with different parameters'); // wording inferred
    const earlier = deps.batchStore.get(seen.buildId, ctx);
    if (earlier) return { buildBatch: buildBatchView(earlier) };
  }
  const batch = startBatch(deps, ctx, input, request);
  deps.idempotency.set(key, { buildId: batch.id, request: fingerprint, atMs: deps.clock.now() });
  return { buildBatch: buildBatchView(batch) };
}

/** StopBuildBatch: stops a running batch and its running builds; a finished batch is returned as it is. */
export async function stopBuildBatch(deps: CodeBuildDeps, input: HandlerInput<StopBuildBatchInput>, ctx: RequestContext): Promise<HandlerOutput<StopBuildBatchOutput>> {
  const batch = requireBatch(deps, ctx, input.id);
  const stopped = batch.complete ? batch : ((await deps.batches.stop(batch.id, ctx)) ?? batch);
  return { buildBatch: buildBatchView(stopped) };
}

/** RetryBuildBatch: runs a batch that did not succeed again, in the same batch (all its builds, or those that did not succeed). */
export function retryBuildBatch(deps: CodeBuildDeps, input: HandlerInput<RetryBuildBatchInput>, ctx: RequestContext): HandlerOutput<RetryBuildBatchOutput> {
  const batch = requireBatch(deps, ctx, input.id);
  if (!batch.complete || deps.batches.isRunning(batch.id)) throw new InvalidInputException(`Build batch ${batch.id} is still in progress`); // wording inferred
  if (batch.pipelineName) throw new InvalidInputException(`Build batch ${batch.id} was started by CodePipeline: retry it from its pipeline (RetryStageExecution)`); // wording inferred
  if (batch.buildGroups.length === 0) throw new InvalidInputException(`Build batch ${batch.id} has no builds to retry: its batchspec could not be read`); // wording inferred
  // AWS: "Only batch builds that have failed can be retried."
  if (batch.buildBatchStatus === 'SUCCEEDED') throw new InvalidInputException(`Build batch ${batch.id} succeeded: only batch builds that have failed can be retried`); // wording inferred
  const { project } = requireProject(deps, ctx, batch.projectName);
  return { buildBatch: buildBatchView(deps.batches.retry(batch, project, input.retryType ?? 'RETRY_ALL_BUILDS')) };
}

/** DeleteBuildBatch: deletes a finished batch and its finished builds; builds that cannot be deleted are reported. */
export function deleteBuildBatch(deps: CodeBuildDeps, input: HandlerInput<DeleteBuildBatchInput>, ctx: RequestContext): HandlerOutput<DeleteBuildBatchOutput> {
  if (!input.id.includes(':')) throw new InvalidInputException('Invalid build batch ID provided'); // wording inferred
  const batch = deps.batchStore.get(input.id, ctx);
  if (!batch) throw new InvalidInputException(`Build batch ${input.id} does not exist`); // wording inferred: the operation raises only InvalidInputException
  if (!batch.complete || deps.batches.isRunning(batch.id)) throw new InvalidInputException(`Build batch ${batch.id} is still in progress: stop it first`); // wording inferred
  const buildsDeleted: string[] = [];
  const buildsNotDeleted: { id: string; statusCode: string }[] = [];
  const summaries = batch.buildGroups.flatMap((g) => [...g.priorBuildSummaryList, ...(g.currentBuildSummary ? [g.currentBuildSummary] : [])]);
  // AWS's sample lists the builds by ARN, with statusCode BATCH_DELETED; the not-deleted status codes are BatchDeleteBuilds' here.
  for (const { buildId: id, arn } of summaries) {
    const build = deps.store.getBuild(id, ctx);
    if (!build) buildsNotDeleted.push({ id: arn, statusCode: 'BUILD_NOT_FOUND' });
    else if (!build.buildComplete || deps.builds.isRunning(id)) buildsNotDeleted.push({ id: arn, statusCode: 'BUILD_IN_PROGRESS' });
    else {
      deps.store.deleteBuild(id);
      deps.logs.remove(id);
      buildsDeleted.push(arn);
    }
  }
  deps.batchStore.delete(batch.id);
  return { statusCode: 'BATCH_DELETED', buildsDeleted, buildsNotDeleted };
}
