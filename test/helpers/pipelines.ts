import type { ActionCategory, ActionDeclaration, PipelineDeclaration, StageDeclaration } from '../../src/model/index.js';

/** A pipeline of the given stages, with the role and artifact store test pipelines name. */
export function pipelineOf(name: string, stages: StageDeclaration[], extra: Partial<PipelineDeclaration> = {}): PipelineDeclaration {
  return { name, roleArn: 'arn:aws:iam::000000000000:role/cp', artifactStore: { type: 'S3', location: 'codepipeline-local-artifacts' }, stages, ...extra };
}

/** An action of an AWS-owned provider (CodeCommit, S3, CodeBuild, CodeDeploy, ...) with the given configuration. */
export function awsAction(name: string, category: ActionCategory, provider: string, configuration: Record<string, string>, extra: Partial<ActionDeclaration> = {}): ActionDeclaration {
  return { name, actionTypeId: { category, owner: 'AWS', provider, version: '1' }, configuration, ...extra };
}

/** A small valid V1 pipeline, CodeCommit source then CodeBuild, as a user would send it. */
export function samplePipeline(name: string, overrides: Partial<PipelineDeclaration> = {}): PipelineDeclaration {
  return pipelineOf(
    name,
    [
      { name: 'Source', actions: [awsAction('Source', 'Source', 'CodeCommit', { RepositoryName: 'web-app', BranchName: 'main' }, { outputArtifacts: [{ name: 'SourceArtifact' }] })] },
      { name: 'Build', actions: [awsAction('Build', 'Build', 'CodeBuild', { ProjectName: 'web-app-build' }, { inputArtifacts: [{ name: 'SourceArtifact' }] })] },
    ],
    overrides,
  );
}

/** A unique pipeline name for one test. */
export function uniqueName(prefix = 'p'): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
}
