/**
 * The CodeBuild action (Build/AWS/CodeBuild/1 and Test/AWS/CodeBuild/1): starts a build of ProjectName with the
 * action's input artifacts as sources and turns its artifacts and exported variables into the action's outputs.
 *
 * LIMITATIONS:
 * - BatchEnabled runs a batch build (its builds at most a few at once); with CombineArtifacts the builds' artifacts are
 *   combined into the first output artifact, one folder per build identifier; otherwise each build's artifact becomes
 *   the output artifact named by its identifier. Batch builds export no output variables.
 * - PARAMETER_STORE and SECRETS_MANAGER values come from the local secrets file (config.secretsFile), not from AWS;
 *   version stages and version ids of secret references are ignored (the file holds one value per secret).
 * - The build's artifacts report no S3 location: the pipeline's artifact store keys them after the action ends.
 * - externalExecutionUrl links to the build's log on the emulator (there is no CodeBuild console).
 * - The project's own source, secondary sources and artifact settings are ignored, as CodePipeline overrides them;
 *   the project's buildspec, environment, timeout and cache apply.
 * - No IAM: the project's service role is recorded but never assumed; the build gets no AWS credentials.
 * - The build is not resumed after an emulator restart; the action fails with the build recorded as FAULT.
 */
import { projectArn } from '../../codebuild/index.js';
import { findActionType, type ActionTypeDefinition, type CodeBuildProject, type Scope } from '../../model/index.js';
import { ActionFailure, type ActionContext, type ActionJob, type ActionProvider, type ActionResult } from '../contract.js';
import { parseConfiguration } from './codebuild-configuration.js';
import { runPipelineBatch, type PipelineBatches } from './pipeline-batch.js';
import { runPipelineBuild, type PipelineBuilds } from './pipeline-build.js';

/** What the CodeBuild action needs: the projects and the build service. */
export interface CodeBuildActionDeps {
  project(scope: Scope, name: string): CodeBuildProject | undefined;
  builds: PipelineBuilds;
  /** Batch builds (BatchEnabled); without it a BatchEnabled action fails with a configuration error. */
  batches?: PipelineBatches;
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
    const request = { environmentVariablesOverride: config.environmentVariables };
    if (config.batchEnabled) {
      if (!this.deps.batches) throw new ActionFailure('ConfigurationError', 'Batch builds are not available in this emulator', false); // wording inferred
      return runPipelineBatch(this.deps.batches, job, ctx, { project, request, primarySource: config.primarySource, combineArtifacts: config.combineArtifacts });
    }
    return runPipelineBuild(this.deps.builds, job, ctx, { project, request, primarySource: config.primarySource });
  }
}

/** The CodeBuild action providers: Build/AWS/CodeBuild/1 and Test/AWS/CodeBuild/1. */
export function codeBuildActionProviders(deps: CodeBuildActionDeps): ActionProvider[] {
  return [new CodeBuildActionProvider('Build', deps), new CodeBuildActionProvider('Test', deps)];
}
