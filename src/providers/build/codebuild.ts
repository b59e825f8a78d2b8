/**
 * The CodeBuild action (Build/AWS/CodeBuild/1 and Test/AWS/CodeBuild/1): starts a build of ProjectName with the
 * action's input artifacts as sources and turns its artifacts and exported variables into the action's outputs.
 *
 * LIMITATIONS:
 * - BatchEnabled and CombineArtifacts (batch builds) are not emulated: the action runs one build.
 * - PARAMETER_STORE and SECRETS_MANAGER values come from the local secrets file (config.secretsFile), not from AWS;
 *   version stages and version ids of secret references are ignored (the file holds one value per secret).
 * - The build's artifacts report no S3 location: the pipeline's artifact store keys them after the action ends.
 * - externalExecutionUrl links to the build's log on the emulator (there is no CodeBuild console).
 * - The project's own source, secondary sources and artifact settings are ignored, as CodePipeline overrides them;
 *   the project's buildspec, environment, timeout and cache apply.
 * - No IAM: the project's service role is recorded but never assumed; the build gets no AWS credentials.
 * - The build is not resumed after an emulator restart; the action fails with the build recorded as FAULT.
 */
import { join } from 'node:path';
import { percentAt, projectArn, type BuildService, type FinishedBuild } from '../../codebuild/index.js';
import { findActionType, type ActionTypeDefinition, type BuildRecord, type CodeBuildProject, type Scope } from '../../model/index.js';
import { ActionFailure, type ActionContext, type ActionJob, type ActionProvider, type ActionResult } from '../contract.js';
import { parseConfiguration } from './codebuild-configuration.js';
import { artifactArn, inputArtifactSources } from './codebuild-inputs.js';

/** What the CodeBuild action needs: the projects and the build service. */
export interface CodeBuildActionDeps {
  project(scope: Scope, name: string): CodeBuildProject | undefined;
  builds: Pick<BuildService, 'start' | 'completion' | 'stop' | 'events'>;
}

/** The summary CodePipeline shows for a build that did not succeed: its state, and the failing phase's context. */
export function failureSummary(build: BuildRecord): string {
  const phase = build.phases.find((p) => p.phaseStatus !== undefined && p.phaseStatus !== 'SUCCEEDED' && p.phaseStatus !== 'IN_PROGRESS' && p.contexts?.length);
  const context = phase?.contexts?.[0];
  const state = `Build terminated with state: ${build.buildStatus}`;
  return phase && context ? `${state}. Phase: ${phase.phaseType}, Code: ${context.statusCode}, Message: ${context.message}` : state;
}

/** Runs CodeBuild actions of one category (Build or Test). */
export class CodeBuildActionProvider implements ActionProvider {
  readonly type: ActionTypeDefinition;

  constructor(
    category: 'Build' | 'Test',
    private readonly deps: CodeBuildActionDeps,
  ) {
    this.type = findActionType({ category, owner: 'AWS', provider: 'CodeBuild', version: '1' })!;
  }

  async run(job: ActionJob, ctx: ActionContext): Promise<ActionResult> {
    const config = parseConfiguration(job);
    const project = this.deps.project(job, config.projectName);
    if (!project) {
      throw new ActionFailure('ConfigurationError', `Error calling startBuild: Project cannot be found: ${projectArn(job, config.projectName)}`, false); // wording inferred
    }
    const primary = job.inputArtifacts.find((a) => a.name === config.primarySource);
    const sourceVersion = primary && artifactArn(primary);
    const outputs = job.outputArtifactNames;
    const build = this.deps.builds.start({
      scope: job,
      project,
      request: { environmentVariablesOverride: config.environmentVariables },
      initiator: `codepipeline/${job.pipelineName}`,
      pipeline: {
        pipelineName: job.pipelineName,
        sources: inputArtifactSources(job.inputArtifacts, config.primarySource),
        artifacts: { ...(outputs[0] ? { primary: outputs[0] } : {}), secondary: outputs.slice(1) },
        outDir: join(job.workDir, 'build-artifacts'),
        ...(sourceVersion ? { sourceVersion } : {}),
      },
    });
    const external = { externalExecutionId: build.id, externalExecutionUrl: build.logs.deepLink };
    ctx.progress({ ...external, percentComplete: percentAt(build.currentPhase) });
    const finished = await this.follow(build, ctx);
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
  private async follow(build: BuildRecord, ctx: ActionContext): Promise<FinishedBuild> {
    let percent = percentAt(build.currentPhase);
    const unsubscribe = this.deps.builds.events.on('build:changed', (b) => {
      if (b.id !== build.id || b.buildComplete || percentAt(b.currentPhase) === percent) return;
      percent = percentAt(b.currentPhase);
      ctx.progress({ percentComplete: percent });
    });
    const onAbort = () => void this.deps.builds.stop(build.id);
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    try {
      const done = this.deps.builds.completion(build.id);
      if (!done) throw new Error(`Build ${build.id} is not running`);
      return await done;
    } finally {
      unsubscribe();
      ctx.signal.removeEventListener('abort', onAbort);
    }
  }
}

/** The CodeBuild action providers: Build/AWS/CodeBuild/1 and Test/AWS/CodeBuild/1. */
export function codeBuildActionProviders(deps: CodeBuildActionDeps): ActionProvider[] {
  return [new CodeBuildActionProvider('Build', deps), new CodeBuildActionProvider('Test', deps)];
}
