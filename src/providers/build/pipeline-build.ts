/**
 * One build started by a pipeline action and followed to its end: shared by the CodeBuild action (a project of the
 * account) and the Commands action (compute CodePipeline manages), so both report progress, failures and outputs alike.
 */
import { join } from 'node:path';
import { percentAt, type BuildService, type FinishedBuild } from '../../codebuild/index.js';
import type { BuildRecord, BuildRequestRecord, CodeBuildProject } from '../../model/index.js';
import { ActionFailure, type ActionContext, type ActionJob, type ActionResult } from '../contract.js';
import { artifactArn, inputArtifactSources } from './codebuild-inputs.js';

/** The part of the build service a pipeline build uses. */
export type PipelineBuilds = Pick<BuildService, 'start' | 'completion' | 'stop' | 'events'>;

/** What to build for an action: the project, StartBuild's overrides and which input artifact is the primary source. */
export interface PipelineBuildSpec {
  project: CodeBuildProject;
  request: BuildRequestRecord;
  primarySource: string | undefined;
  /** For a project CodePipeline manages (not stored): the build's number. */
  buildNumber?: number;
}

/** The summary CodePipeline shows for a build that did not succeed: its state, and the failing phase's context. */
export function failureSummary(build: BuildRecord): string {
  const phase = build.phases.find((p) => p.phaseStatus !== undefined && p.phaseStatus !== 'SUCCEEDED' && p.phaseStatus !== 'IN_PROGRESS' && p.contexts?.length);
  const context = phase?.contexts?.[0];
  const state = `Build terminated with state: ${build.buildStatus}`;
  return phase && context ? `${state}. Phase: ${phase.phaseType}, Code: ${context.statusCode}, Message: ${context.message}` : state;
}

/** Runs the action's build with its input artifacts as sources and turns its artifacts and exported variables into the action's outputs. */
export async function runPipelineBuild(builds: PipelineBuilds, job: ActionJob, ctx: ActionContext, spec: PipelineBuildSpec): Promise<ActionResult> {
  const primary = job.inputArtifacts.find((a) => a.name === spec.primarySource);
  const sourceVersion = primary && artifactArn(primary);
  const outputs = job.outputArtifactNames;
  const build = builds.start({
    scope: job,
    project: spec.project,
    request: spec.request,
    initiator: `codepipeline/${job.pipelineName}`,
    ...(spec.buildNumber !== undefined ? { buildNumber: spec.buildNumber } : {}),
    pipeline: {
      pipelineName: job.pipelineName,
      sources: inputArtifactSources(job.inputArtifacts, spec.primarySource),
      artifacts: { ...(outputs[0] ? { primary: outputs[0] } : {}), secondary: outputs.slice(1) },
      outDir: join(job.workDir, 'build-artifacts'),
      ...(sourceVersion ? { sourceVersion } : {}),
    },
  });
  const external = { externalExecutionId: build.id, externalExecutionUrl: build.logs.deepLink };
  ctx.progress({ ...external, percentComplete: percentAt(build.currentPhase) });
  const finished = await follow(builds, build, ctx);
  const ended = finished.build;
  if (ended.buildStatus !== 'SUCCEEDED') {
    const summary = failureSummary(ended);
    throw new ActionFailure('JobFailed', summary, true, { ...external, summary });
  }
  const outputArtifacts = Object.fromEntries(outputs.filter((name) => finished.artifacts[name]).map((name) => [name, finished.artifacts[name]]));
  const outputVariables = Object.fromEntries(ended.exportedEnvironmentVariables.map((v) => [v.name, v.value]));
  return { ...external, outputArtifacts, outputVariables };
}

/** Waits for the build, reporting progress by phase; an abandoned action stops its build. */
async function follow(builds: PipelineBuilds, build: BuildRecord, ctx: ActionContext): Promise<FinishedBuild> {
  let percent = percentAt(build.currentPhase);
  const unsubscribe = builds.events.on('build:changed', (b) => {
    if (b.id !== build.id || b.buildComplete || percentAt(b.currentPhase) === percent) return;
    percent = percentAt(b.currentPhase);
    ctx.progress({ percentComplete: percent });
  });
  const onAbort = () => void builds.stop(build.id);
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  try {
    const done = builds.completion(build.id);
    if (!done) throw new Error(`Build ${build.id} is not running`);
    return await done;
  } finally {
    unsubscribe();
    ctx.signal.removeEventListener('abort', onAbort);
  }
}
