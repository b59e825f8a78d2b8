/**
 * The Commands action (Compute/AWS/Commands/1, V2 pipelines): runs the action's `commands` in a build on compute
 * CodePipeline manages, through the same build runner as the CodeBuild action, with a buildspec made from the
 * action's fields: `commands` as the build phase, `outputVariables` as exported variables, the output artifact's
 * `files` as its artifacts. The first input artifact is CODEBUILD_SRC_DIR, the others CODEBUILD_SRC_DIR_<name>.
 *
 * LIMITATIONS:
 * - AWS does not say which image the action runs on; it gets aws/codebuild/amazonlinux2-x86_64-standard:5.0 (the
 *   image AWS names for the Commands rule), mapped through the image map like any build image.
 * - WINDOWS_SERVER_2022_CONTAINER is not emulated (the action fails); VpcId, Subnets and SecurityGroupIds are ignored.
 * - Its builds are records of the emulator's CodeBuild (BatchGetBuilds answers for them, so the log link works),
 *   under a project that ListProjects does not list; AWS keeps them out of the account.
 * - An output artifact declared without `files` takes every file of the primary source folder.
 * - No IAM: the action role is not assumed; SECRETS_MANAGER values come from the local secrets file.
 */
import { projectArn } from '../../codebuild/index.js';
import { findActionType, type ActionTypeDefinition, type CodeBuildProject, type Scope } from '../../model/index.js';
import { yaml } from '../../shared/index.js';
import { ActionFailure, type ActionContext, type ActionJob, type ActionProvider, type ActionResult } from '../contract.js';
import { runPipelineBuild, type PipelineBuilds } from './pipeline-build.js';

// The name the managed project's builds go by (their ids are <name>:<uuid>); AWS's is not documented.
const PROJECT_NAME = 'codepipeline-commands';
const IMAGE = 'aws/codebuild/amazonlinux2-x86_64-standard:5.0';
const TIMEOUT_MINUTES = 55;
const COMPUTE_TYPES = ['BUILD_GENERAL1_SMALL', 'BUILD_GENERAL1_MEDIUM', 'BUILD_GENERAL1_LARGE'];

/** The buildspec a Commands action runs: its commands, exported variables and output files. */
export function commandsBuildspec(job: Pick<ActionJob, 'commands' | 'outputVariables' | 'outputArtifactFiles' | 'outputArtifactNames'>): string {
  const spec: Record<string, unknown> = { version: 0.2 };
  if (job.outputVariables?.length) spec.env = { 'exported-variables': job.outputVariables };
  spec.phases = { build: { commands: job.commands ?? [] } };
  if (job.outputArtifactNames.length) spec.artifacts = { files: job.outputArtifactFiles?.length ? job.outputArtifactFiles : ['**/*'] };
  return yaml().stringify(spec);
}

/** The project, never stored, that a Commands action's build runs under: the action's configuration as its environment. */
export function commandsProject(scope: Scope, job: Pick<ActionJob, 'configuration' | 'commands' | 'outputVariables' | 'outputArtifactFiles' | 'outputArtifactNames'>): CodeBuildProject {
  const environmentType = job.configuration.EnvironmentType ?? 'LINUX_CONTAINER';
  if (environmentType !== 'LINUX_CONTAINER') {
    throw new ActionFailure('ConfigurationError', `EnvironmentType ${environmentType} is not emulated by codepipeline-local: use LINUX_CONTAINER`, false);
  }
  const computeType = job.configuration.ComputeType ?? 'BUILD_GENERAL1_SMALL';
  if (!COMPUTE_TYPES.includes(computeType)) {
    // wording inferred
    throw new ActionFailure('ConfigurationError', `Invalid ComputeType ${computeType}: use one of ${COMPUTE_TYPES.join(', ')}`, false);
  }
  return {
    name: PROJECT_NAME,
    arn: projectArn(scope, PROJECT_NAME),
    source: { type: 'CODEPIPELINE', buildspec: commandsBuildspec(job) },
    artifacts: { type: 'CODEPIPELINE' },
    cache: { type: 'NO_CACHE' },
    environment: { type: environmentType, image: IMAGE, computeType },
    serviceRole: '',
    timeoutInMinutes: TIMEOUT_MINUTES,
    queuedTimeoutInMinutes: 480,
    encryptionKey: '',
  };
}

/** Runs Commands actions as builds of a managed project. */
export class CommandsActionProvider implements ActionProvider {
  readonly type: ActionTypeDefinition = findActionType({ category: 'Compute', owner: 'AWS', provider: 'Commands', version: '1' })!;

  constructor(private readonly builds: PipelineBuilds) {}

  run(job: ActionJob, ctx: ActionContext): Promise<ActionResult> {
    const project = commandsProject(job, job);
    const environmentVariablesOverride = (job.environmentVariables ?? []).map((v) => ({ name: v.name, value: v.value, type: v.type ?? 'PLAINTEXT' }));
    const request = environmentVariablesOverride.length ? { environmentVariablesOverride } : {};
    return runPipelineBuild(this.builds, job, ctx, { project, request, primarySource: job.inputArtifacts[0]?.name, buildNumber: 1 });
  }
}
