export { CodeBuildActionProvider, codeBuildActionProviders, type CodeBuildActionDeps } from './codebuild.js';
export { runPipelineBatch, batchFailureSummary, type PipelineBatches, type PipelineBatchSpec } from './pipeline-batch.js';
export { failureSummary, runPipelineBuild, type PipelineBuilds, type PipelineBuildSpec } from './pipeline-build.js';
export { CommandsActionProvider, commandsBuildspec, commandsProject } from './commands.js';
export { parseConfiguration, parseEnvironmentVariables, type CodeBuildActionConfiguration } from './codebuild-configuration.js';
export { inputArtifactSources, artifactArn } from './codebuild-inputs.js';
