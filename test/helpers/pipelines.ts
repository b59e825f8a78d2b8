import type { PipelineDeclaration } from '../../src/model/index.js';

/** A small valid V1 pipeline, CodeCommit source then CodeBuild, as a user would send it. */
export function samplePipeline(name: string, overrides: Partial<PipelineDeclaration> = {}): PipelineDeclaration {
  return {
    name,
    roleArn: 'arn:aws:iam::000000000000:role/cp',
    artifactStore: { type: 'S3', location: 'codepipeline-local-artifacts' },
    stages: [
      {
        name: 'Source',
        actions: [
          {
            name: 'Source',
            actionTypeId: { category: 'Source', owner: 'AWS', provider: 'CodeCommit', version: '1' },
            configuration: { RepositoryName: 'web-app', BranchName: 'main' },
            outputArtifacts: [{ name: 'SourceArtifact' }],
          },
        ],
      },
      {
        name: 'Build',
        actions: [
          {
            name: 'Build',
            actionTypeId: { category: 'Build', owner: 'AWS', provider: 'CodeBuild', version: '1' },
            configuration: { ProjectName: 'web-app-build' },
            inputArtifacts: [{ name: 'SourceArtifact' }],
          },
        ],
      },
    ],
    ...overrides,
  };
}

/** A unique pipeline name for one test. */
export function uniqueName(prefix = 'p'): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
}
