/**
 * A batch build started by the CodeBuild action (BatchEnabled): the batch's builds get the action's input artifacts as
 * sources; with CombineArtifacts their artifacts become the first output artifact, one folder per build identifier,
 * otherwise each build's artifact becomes the output artifact named by its identifier.
 */
import { join } from 'node:path';
import type { BatchService } from '../../codebuild/index.js';
import type { BuildBatchRecord, BuildRequestRecord, CodeBuildProject } from '../../model/index.js';
import { ActionFailure, type ActionContext, type ActionJob, type ActionResult } from '../contract.js';
import { artifactArn, inputArtifactSources } from './codebuild-inputs.js';

/** The part of the batch service a pipeline batch uses. */
export type PipelineBatches = Pick<BatchService, 'start' | 'completion' | 'stop'>;

/** What to run as a batch for an action. */
export interface PipelineBatchSpec {
  project: CodeBuildProject;
  request: BuildRequestRecord;
  primarySource: string | undefined;
  combineArtifacts: boolean;
}

/** The summary CodePipeline shows for a batch that did not succeed: its state and the builds that did not succeed. */
export function batchFailureSummary(batch: BuildBatchRecord): string {
  const failed = batch.buildGroups.filter((g) => g.currentBuildSummary && g.currentBuildSummary.buildStatus !== 'SUCCEEDED').map((g) => `${g.identifier} (${g.currentBuildSummary!.buildStatus})`);
  const context = batch.phases.find((p) => p.contexts?.length)?.contexts?.[0];
  const state = `Build batch terminated with state: ${batch.buildBatchStatus}`; // wording inferred
  if (context) return `${state}. Code: ${context.statusCode}, Message: ${context.message}`;
  return failed.length ? `${state}. Builds that did not succeed: ${failed.join(', ')}` : state;
}

/** Runs the action's batch and turns its builds' artifacts into the action's outputs. */
export async function runPipelineBatch(batches: PipelineBatches, job: ActionJob, ctx: ActionContext, spec: PipelineBatchSpec): Promise<ActionResult> {
  const config = spec.project.buildBatchConfig as BuildBatchRecord['buildBatchConfig'] | undefined;
  if (!config) {
    // wording inferred: StartBuildBatch's refusal, as the action reports a failed call.
    throw new ActionFailure('ConfigurationError', `Error calling startBuildBatch: Batch build is not enabled for project ${spec.project.name}`, false);
  }
  const primary = job.inputArtifacts.find((a) => a.name === spec.primarySource);
  const sourceVersion = primary && artifactArn(primary);
  const batch = batches.start({
    scope: job,
    project: spec.project,
    request: spec.request,
    initiator: `codepipeline/${job.pipelineName}`,
    buildBatchConfig: config,
    pipeline: {
      pipelineName: job.pipelineName,
      sources: inputArtifactSources(job.inputArtifacts, spec.primarySource),
      outputs: job.outputArtifactNames,
      combine: spec.combineArtifacts,
      outRoot: join(job.workDir, 'batch-artifacts'),
      ...(sourceVersion ? { sourceVersion } : {}),
    },
  });
  const external = { externalExecutionId: batch.id };
  ctx.progress({ ...external, percentComplete: 0 });
  const onAbort = () => void batches.stop(batch.id, job);
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  try {
    const done = batches.completion(batch.id);
    if (!done) throw new Error(`Build batch ${batch.id} is not running`);
    const finished = await done;
    if (finished.batch.buildBatchStatus !== 'SUCCEEDED') {
      const summary = batchFailureSummary(finished.batch);
      throw new ActionFailure('JobFailed', summary, true, { ...external, summary });
    }
    const outputArtifacts = Object.fromEntries(job.outputArtifactNames.filter((name) => finished.artifacts[name]).map((name) => [name, finished.artifacts[name]]));
    return { ...external, outputArtifacts };
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
  }
}
