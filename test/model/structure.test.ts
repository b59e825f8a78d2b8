import { describe, expect, it } from 'vitest';
import type { ActionDeclaration, ActionTypeId, PipelineDeclaration } from '../../src/model/pipeline-declaration.js';
import { validatePipelineStructure, type StructureException } from '../../src/model/structure/index.js';

const ctx = { account: '000000000000', region: 'us-east-1' };
const id = (category: ActionTypeId['category'], provider: string, owner: ActionTypeId['owner'] = 'AWS'): ActionTypeId => ({
  category,
  owner,
  provider,
  version: '1',
});

/** A valid V1 pipeline: CodeCommit -> CodeBuild -> CodeDeploy. */
function v1(): PipelineDeclaration {
  return {
    name: 'web-app',
    pipelineType: 'V1',
    roleArn: 'arn:aws:iam::000000000000:role/CodePipelineRole',
    artifactStore: { type: 'S3', location: 'codepipeline-local-artifacts' },
    stages: [
      { name: 'Source', actions: [{
        name: 'Source', actionTypeId: id('Source', 'CodeCommit'), namespace: 'SourceVariables',
        configuration: { RepositoryName: 'web-app', BranchName: 'main' }, outputArtifacts: [{ name: 'SourceOutput' }],
      }] },
      { name: 'Build', actions: [{
        name: 'Build', actionTypeId: id('Build', 'CodeBuild'), namespace: 'BuildVariables',
        configuration: { ProjectName: 'web-app-build' },
        inputArtifacts: [{ name: 'SourceOutput' }], outputArtifacts: [{ name: 'BuildOutput' }],
      }] },
      { name: 'Deploy', actions: [{
        name: 'Deploy', actionTypeId: id('Deploy', 'CodeDeploy'),
        configuration: { ApplicationName: 'web-app', DeploymentGroupName: 'nginx' }, inputArtifacts: [{ name: 'BuildOutput' }],
      }] },
    ],
  };
}

/** A valid V2 pipeline: connection source with a trigger, variables, QUEUED, a stage condition. */
function v2(): PipelineDeclaration {
  const decl = v1();
  decl.pipelineType = 'V2';
  decl.executionMode = 'QUEUED';
  decl.variables = [{ name: 'Env', defaultValue: 'dev' }];
  decl.stages[0].actions[0] = {
    name: 'Source', actionTypeId: id('Source', 'CodeStarSourceConnection'), outputArtifacts: [{ name: 'SourceOutput' }],
    configuration: { ConnectionArn: 'arn:aws:codeconnections:us-east-1:000000000000:connection/x', FullRepositoryId: 'team/web-app', BranchName: 'main' },
  };
  decl.triggers = [{ providerType: 'CodeStarSourceConnection', gitConfiguration: { sourceActionName: 'Source', push: [{ branches: { includes: ['main'] } }] } }];
  decl.stages[2].onFailure = { result: 'ROLLBACK' };
  return decl;
}

const build = (decl: PipelineDeclaration): ActionDeclaration => decl.stages[1].actions[0];

interface Case {
  when: string;
  base?: () => PipelineDeclaration;
  change: (d: PipelineDeclaration) => void;
  exception: StructureException;
  message: string;
}

const cases: Case[] = [
  { when: 'both artifactStore and artifactStores are declared', change: (d) => { d.artifactStores = { 'us-east-1': d.artifactStore! }; },
    exception: 'InvalidStructureException', message: 'Pipeline declaration must contain exactly one of artifactStore or artifactStores' },
  { when: 'neither artifact store is declared', change: (d) => { delete d.artifactStore; },
    exception: 'InvalidStructureException', message: 'Pipeline declaration must contain exactly one of artifactStore or artifactStores' },
  { when: 'artifactStores lacks the pipeline region', change: (d) => { d.artifactStores = { 'eu-west-1': d.artifactStore! }; delete d.artifactStore; },
    exception: 'InvalidStructureException', message: "artifactStores must contain an artifact store for the pipeline region 'us-east-1'" },
  { when: 'an action runs in a region without an artifact store', change: (d) => { d.stages[2].actions[0].region = 'eu-west-1'; },
    exception: 'InvalidStructureException',
    message: "No artifact store is declared for region 'eu-west-1', where action 'Deploy' runs. Cross-region actions need an artifactStores entry for their region" },
  { when: 'there is only one stage', change: (d) => { d.stages = [d.stages[0]]; },
    exception: 'InvalidStructureException', message: 'Pipeline has only 1 stage(s). There should be a minimum of 2 stages in a pipeline' },
  { when: 'two stages share a name', change: (d) => { d.stages[2].name = 'Build'; },
    exception: 'InvalidStructureException', message: 'Stage name must be unique within the pipeline. Build has been used more than once.' },
  { when: 'a stage declares a blocker', change: (d) => { d.stages[1].blockers = [{ name: 'Nightly', type: 'Schedule' }]; },
    exception: 'InvalidBlockerDeclarationException', message: 'Blocker Nightly in stage Build is not valid. Blockers are reserved for future use.' },
  { when: 'a stage has no actions', change: (d) => { d.stages[2].actions = []; },
    exception: 'InvalidStageDeclarationException', message: 'Stage Deploy must contain at least one action' },
  { when: 'two actions of a stage share a name', change: (d) => { d.stages[2].actions.push({ ...d.stages[2].actions[0] }); },
    exception: 'InvalidStageDeclarationException', message: 'Action name must be unique within stage Deploy. Deploy has been used more than once.' },
  { when: 'the first stage holds a non-source action', change: (d) => { d.stages[0].actions.push({ ...build(d), name: 'Early' }); },
    exception: 'InvalidStageDeclarationException',
    message: 'The first stage of a pipeline can contain only source actions. Stage Source contains action Early, which is not a source action.' },
  { when: 'a later stage holds a source action', change: (d) => { d.stages[1].actions.push({ ...d.stages[0].actions[0], name: 'Late' }); },
    exception: 'InvalidStageDeclarationException',
    message: 'Only the first stage of a pipeline can contain source actions. Stage Build contains source action Late.' },
  { when: 'the action type does not exist', change: (d) => { build(d).actionTypeId = id('Build', 'Jenkins', 'Custom'); },
    exception: 'InvalidActionDeclarationException',
    message: "ActionType (Category: 'Build', Provider: 'Jenkins', Owner: 'Custom', Version: '1') in action 'Build' is not available in region 'US_EAST_1'" },
  { when: 'a V2-only action type is used in a V1 pipeline',
    change: (d) => { Object.assign(build(d), { actionTypeId: id('Compute', 'Commands'), configuration: undefined, commands: ['make'] }); },
    exception: 'InvalidActionDeclarationException', message: 'Action Build uses the Commands action type, which can only be used with V2 pipelines' },
  { when: 'a source action sets another region', change: (d) => { d.stages[0].actions[0].region = 'eu-west-1'; },
    exception: 'InvalidActionDeclarationException',
    message: "Action Source cannot run in region 'eu-west-1'. Source actions must run in the same region as the pipeline." },
  { when: 'an action has too few input artifacts', change: (d) => { build(d).inputArtifacts = []; },
    exception: 'InvalidActionDeclarationException', message: 'Action Build declares 0 input artifacts which is less than the minimum count (1)' },
  { when: 'an action has too many output artifacts', change: (d) => { d.stages[0].actions[0].outputArtifacts!.push({ name: 'Extra' }); },
    exception: 'InvalidActionDeclarationException', message: 'Action Source declares 2 output artifacts which is greater than the maximum count (1)' },
  { when: 'a required configuration key is missing', change: (d) => { build(d).configuration = {}; },
    exception: 'InvalidActionDeclarationException', message: "Action configuration for action 'Build' is missing required configuration 'ProjectName'" },
  { when: 'an unknown configuration key is given', change: (d) => { build(d).configuration!.Colour = 'blue'; },
    exception: 'InvalidActionDeclarationException', message: "Action configuration for action 'Build' contains unknown configuration 'Colour'" },
  { when: 'a non-approval action sets timeoutInMinutes', change: (d) => { build(d).timeoutInMinutes = 60; },
    exception: 'InvalidActionDeclarationException',
    message: 'Action Build cannot set timeoutInMinutes. Only manual approval actions support timeoutInMinutes.' },
  { when: 'a Commands action has no commands', base: v2,
    change: (d) => { Object.assign(build(d), { actionTypeId: id('Compute', 'Commands'), configuration: undefined }); },
    exception: 'InvalidActionDeclarationException', message: 'Action Build must have a non-empty commands field' },
  { when: 'a non-compute action has commands', change: (d) => { build(d).commands = ['make']; },
    exception: 'InvalidActionDeclarationException',
    message: 'The following action cannot contain a commands field: Build. To use the commands field, use a compute action.' },
  { when: 'a Commands action has a multi-line command', base: v2,
    change: (d) => { Object.assign(build(d), { actionTypeId: id('Compute', 'Commands'), configuration: undefined, commands: ['npm ci', 'if true; then\n  make\nfi'] }); },
    exception: 'InvalidActionDeclarationException',
    message: 'Action Build has a multi-line command at position 2: each entry of commands must be a single line' },
  { when: 'a non-compute action names files of its output artifact', change: (d) => { build(d).outputArtifacts = [{ name: 'BuildOutput', files: ['dist/**'] }]; },
    exception: 'InvalidActionDeclarationException',
    message: 'The following action cannot contain a commands field: Build. To use the commands field, use a compute action.' },
  { when: 'a non-compute action has outputVariables', change: (d) => { build(d).outputVariables = ['VERSION']; },
    exception: 'InvalidActionDeclarationException',
    message: 'The following action cannot contain a commands field: Build. To use the commands field, use a compute action.' },
  { when: 'a Commands action has an unknown configuration key', base: v2,
    change: (d) => { Object.assign(build(d), { actionTypeId: id('Compute', 'Commands'), configuration: { Image: 'node:20' }, commands: ['make'] }); },
    exception: 'InvalidActionDeclarationException', message: "Action configuration for action 'Build' contains unknown configuration 'Image'" },
  { when: 'two actions produce the same artifact', change: (d) => { build(d).outputArtifacts = [{ name: 'SourceOutput' }]; },
    exception: 'InvalidStructureException',
    message: 'Output Artifact Bundle name must be unique within the pipeline. SourceOutput has been used more than once.' },
  { when: 'an action lists an input twice', change: (d) => { build(d).inputArtifacts!.push({ name: 'SourceOutput' }); },
    exception: 'InvalidActionDeclarationException', message: 'Action Build declares input artifact SourceOutput more than once' },
  { when: 'an input artifact is produced by no action', change: (d) => { d.stages[2].actions[0].inputArtifacts = [{ name: 'Missing' }]; },
    exception: 'InvalidStructureException', message: 'Input Artifact Bundle Missing in action Deploy is not the output of any action in the pipeline.' },
  { when: 'an input artifact is produced in the same runOrder group',
    change: (d) => { d.stages[1].actions.push({ ...d.stages[2].actions[0] }); d.stages.pop(); },
    exception: 'InvalidStructureException',
    message: 'Input Artifact Bundle BuildOutput in action Deploy is produced by action Build, which does not run before action Deploy.' },
  { when: 'two actions share a namespace', change: (d) => { d.stages[2].actions[0].namespace = 'SourceVariables'; },
    exception: 'InvalidActionDeclarationException',
    message: 'Namespaces must be unique across the pipeline definition. The following occur more than once in the pipeline. StageName=[Deploy], ActionName=[Deploy], Namespace=[SourceVariables]' },
  { when: 'a V1 pipeline uses QUEUED mode', change: (d) => { d.executionMode = 'QUEUED'; },
    exception: 'InvalidStructureException', message: 'Execution mode QUEUED can only be used with V2 pipelines' },
  { when: 'a V1 pipeline declares variables', change: (d) => { d.variables = [{ name: 'Env' }]; },
    exception: 'InvalidStructureException', message: 'Pipeline variables can only be used with V2 pipelines' },
  { when: 'a V1 pipeline declares a tag trigger',
    change: (d) => { d.triggers = [{ providerType: 'CodeStarSourceConnection', gitConfiguration: { sourceActionName: 'Source', push: [{ tags: { includes: ['v*'] } }] } }]; },
    exception: 'InvalidStructureException', message: 'Triggers on tag can only be used with V2 pipelines' },
  { when: 'a V1 pipeline declares a branch trigger', base: () => ({ ...v2(), pipelineType: 'V1', executionMode: undefined, variables: undefined }),
    change: (d) => { delete d.stages[2].onFailure; },
    exception: 'InvalidStructureException', message: 'Triggers can only be used with V2 pipelines' },
  { when: 'a V1 pipeline declares a stage condition', change: (d) => { d.stages[2].onFailure = { result: 'ROLLBACK' }; },
    exception: 'InvalidStructureException', message: 'Stage condition onFailure in stage Deploy can only be used with V2 pipelines' },
  { when: 'a PARALLEL pipeline asks for rollback', base: v2, change: (d) => { d.executionMode = 'PARALLEL'; },
    exception: 'InvalidStructureException',
    message: 'Stage Deploy declares onFailure result ROLLBACK, which is not supported in PARALLEL execution mode' },
  { when: 'a trigger names a non-connection action', base: v2,
    change: (d) => { (d.triggers![0].gitConfiguration as { sourceActionName: string }).sourceActionName = 'Build'; },
    exception: 'InvalidStructureException',
    message: "The trigger source action 'Build' must be a CodeStarSourceConnection source action of the pipeline" },
  { when: 'two triggers name one source action', base: v2, change: (d) => { d.triggers!.push(structuredClone(d.triggers![0])); },
    exception: 'InvalidStructureException', message: "Only one trigger can be declared for source action 'Source'" },
  { when: 'a push filter mixes tags and branches', base: v2,
    change: (d) => { d.triggers![0].gitConfiguration = { sourceActionName: 'Source', push: [{ branches: { includes: ['main'] }, tags: { includes: ['v*'] } }] }; },
    exception: 'InvalidStructureException',
    message: 'The trigger configuration for the source action is not valid. Make sure to choose valid filter combinations.' },
  { when: 'two pipeline variables share a name', base: v2, change: (d) => { d.variables!.push({ name: 'Env' }); },
    exception: 'InvalidStructureException', message: 'Pipeline variable name must be unique within the pipeline. Env has been used more than once.' },
];

describe('validatePipelineStructure', () => {
  describe('when the declaration is a valid V1 pipeline', () => {
    it('reports no problem', () => {
      expect(validatePipelineStructure(v1(), ctx)).toBeUndefined();
    });
  });

  describe('when the declaration is a valid V2 pipeline', () => {
    it('reports no problem', () => {
      expect(validatePipelineStructure(v2(), ctx)).toBeUndefined();
    });
  });

  describe('when an action consumes an artifact from a lower runOrder in its stage', () => {
    it('reports no problem', () => {
      const decl = v1();
      decl.stages[1].actions.push({ ...decl.stages[2].actions[0], runOrder: 2 });
      decl.stages.pop();
      expect(validatePipelineStructure(decl, ctx)).toBeUndefined();
    });
  });

  describe('when a cross-region AWS action has an artifact store for its region', () => {
    it('reports no problem', () => {
      const decl = v1();
      decl.artifactStores = { 'us-east-1': decl.artifactStore!, 'eu-west-1': { type: 'S3', location: 'eu-bucket' } };
      delete decl.artifactStore;
      decl.stages[2].actions[0].region = 'eu-west-1';
      expect(validatePipelineStructure(decl, ctx)).toBeUndefined();
    });
  });

  describe('when the action type is a registered custom type', () => {
    it('reports no problem', () => {
      const decl = v1();
      Object.assign(build(decl), { actionTypeId: id('Build', 'Jenkins', 'Custom'), configuration: { ProjectName: 'x' } });
      const custom = { ...ctx, customActionTypes: [{
        id: id('Build', 'Jenkins', 'Custom'),
        actionConfigurationProperties: [{ name: 'ProjectName', required: true, key: true, secret: false }],
        inputArtifactDetails: { minimumCount: 0, maximumCount: 5 }, outputArtifactDetails: { minimumCount: 0, maximumCount: 5 },
      }] };
      expect(validatePipelineStructure(decl, custom)).toBeUndefined();
    });
  });

  describe('when a V2 pipeline has a Commands action with its compute fields and configuration', () => {
    it('reports no problem', () => {
      const decl = v2();
      Object.assign(build(decl), {
        actionTypeId: id('Compute', 'Commands'),
        configuration: { ComputeType: 'BUILD_GENERAL1_MEDIUM', EnvironmentType: 'LINUX_CONTAINER' },
        commands: ['npm ci', 'npm run build', 'export VERSION=$(node -p "require(\'./package.json\').version")'],
        outputVariables: ['VERSION'],
        outputArtifacts: [{ name: 'BuildOutput', files: ['dist/**/*'] }],
        environmentVariables: [{ name: 'NODE_ENV', value: 'production' }],
      });
      expect(validatePipelineStructure(decl, ctx)).toBeUndefined();
    });
  });

  describe('when a manual approval sets timeoutInMinutes', () => {
    it('reports no problem', () => {
      const decl = v1();
      decl.stages.splice(2, 0, { name: 'Approve', actions: [{ name: 'Approve', actionTypeId: id('Approval', 'Manual'), timeoutInMinutes: 60 }] });
      expect(validatePipelineStructure(decl, ctx)).toBeUndefined();
    });
  });

  for (const c of cases) {
    describe(`when ${c.when}`, () => {
      it(`reports ${c.exception}`, () => {
        const decl = (c.base ?? v1)();
        c.change(decl);
        expect(validatePipelineStructure(decl, ctx)).toEqual({ exception: c.exception, message: c.message });
      });
    });
  }
});
