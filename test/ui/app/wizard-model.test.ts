import { describe, expect, it } from 'vitest';
import { buildDeclaration, initialWizardState, stepProblem, type WizardState } from '../../../src/ui/app/views/create/wizard-model.js';

const CALLER = { account: '111122223333', region: 'eu-west-1' };

function state(patch: Partial<WizardState> = {}): WizardState {
  const s = initialWizardState(CALLER);
  return {
    ...s,
    name: 'web',
    source: { ...s.source, repositoryName: 'web-app', branchName: 'main' },
    build: { ...s.build, projectName: 'web-build' },
    ...patch,
  };
}

describe('buildDeclaration', () => {
  describe('when the wizard has a CodeCommit source and a CodeBuild build', () => {
    it('declares Source and Build stages linked by SourceArtifact, with the console-style role and bucket', () => {
      expect(buildDeclaration(state(), CALLER)).toEqual({
        name: 'web',
        roleArn: 'arn:aws:iam::111122223333:role/service-role/AWSCodePipelineServiceRole-eu-west-1-web',
        artifactStore: { type: 'S3', location: 'codepipeline-eu-west-1-111122223333' },
        pipelineType: 'V2',
        executionMode: 'QUEUED',
        stages: [
          {
            name: 'Source',
            actions: [
              {
                name: 'Source',
                actionTypeId: { category: 'Source', owner: 'AWS', provider: 'CodeCommit', version: '1' },
                configuration: { RepositoryName: 'web-app', BranchName: 'main', PollForSourceChanges: 'false', OutputArtifactFormat: 'CODE_ZIP' },
                outputArtifacts: [{ name: 'SourceArtifact' }],
                namespace: 'SourceVariables',
              },
            ],
          },
          {
            name: 'Build',
            actions: [
              {
                name: 'Build',
                actionTypeId: { category: 'Build', owner: 'AWS', provider: 'CodeBuild', version: '1' },
                configuration: { ProjectName: 'web-build' },
                inputArtifacts: [{ name: 'SourceArtifact' }],
                outputArtifacts: [{ name: 'BuildArtifact' }],
                namespace: 'BuildVariables',
              },
            ],
          },
        ],
      });
    });
  });

  describe('when the build is skipped and a custom deploy action is chosen', () => {
    it('feeds the deploy from the source artifact and keeps only the filled configuration keys', () => {
      const s = state();
      const custom = { owner: 'Custom', provider: 'LocalTest', version: '1', configuration: [{ key: 'Sleep', value: '10' }, { key: ' ', value: 'ignored' }] };
      const declaration = buildDeclaration({ ...s, build: { ...s.build, kind: 'skip' }, deploy: { ...s.deploy, kind: 'custom', custom } }, CALLER);
      expect(declaration.stages.map((st) => st.name)).toEqual(['Source', 'Deploy']);
      expect(declaration.stages[1].actions[0]).toEqual({
        name: 'Deploy',
        actionTypeId: { category: 'Deploy', owner: 'Custom', provider: 'LocalTest', version: '1' },
        configuration: { Sleep: '10' },
        inputArtifacts: [{ name: 'SourceArtifact' }],
        namespace: 'DeployVariables',
      });
    });
  });

  describe('when the pipeline is V1', () => {
    it('sends no execution mode', () => {
      expect(buildDeclaration(state({ pipelineType: 'V1' }), CALLER)).not.toHaveProperty('executionMode');
    });
  });
});

describe('stepProblem', () => {
  it('asks for a valid name on the first step', () => {
    expect(stepProblem(0, state({ name: '' }))).toMatch(/Name the pipeline/);
    expect(stepProblem(0, state({ name: 'has space' }))).toMatch(/Name the pipeline/);
    expect(stepProblem(0, state())).toBeUndefined();
  });

  it('asks for a repository and a branch on the source step', () => {
    const s = state();
    expect(stepProblem(1, { ...s, source: { ...s.source, repositoryName: '' } })).toBe('Choose a repository.');
    expect(stepProblem(1, { ...s, source: { ...s.source, branchName: '' } })).toBe('Choose a branch.');
  });

  it('refuses a pipeline with neither build nor deploy', () => {
    const s = state();
    expect(stepProblem(3, { ...s, build: { ...s.build, kind: 'skip' }, deploy: { ...s.deploy, kind: 'skip' } })).toMatch(/needs a build or a deploy stage/);
    expect(stepProblem(3, s)).toBeUndefined();
  });
});
