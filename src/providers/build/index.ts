export { CodeBuildActionProvider, codeBuildActionProviders, failureSummary, type CodeBuildActionDeps } from './codebuild.js';
export { parseConfiguration, parseEnvironmentVariables, type CodeBuildActionConfiguration } from './codebuild-configuration.js';
export { inputArtifactSources, artifactArn } from './codebuild-inputs.js';
