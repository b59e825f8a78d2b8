import type { Caller } from '../../api/aws.js';
import { isRoleArn, localConnectionArn, pipelineServiceRoleArn } from '../../lib/arns.js';
import type { ActionDeclaration, PipelineDeclaration } from '../../api/codepipeline.js';

/** A custom action type typed in by hand (owner, provider, version) with its configuration. */
export interface CustomAction {
  owner: string;
  provider: string;
  version: string;
  configuration: { key: string; value: string }[];
}

/** The source step: a CodeCommit repository (created or registered), a connection repository, or a custom action. */
export interface SourceChoice {
  kind: 'codecommit' | 'connection' | 'custom';
  repositoryName: string;
  branchName: string;
  outputFormat: 'CODE_ZIP' | 'CODEBUILD_CLONE_REF';
  fullRepositoryId: string;
  connectionArn: string;
  custom: CustomAction;
}

/** The build step: a CodeBuild project (existing or created here), a custom action, or none. */
export interface BuildChoice {
  kind: 'codebuild' | 'custom' | 'skip';
  projectName: string;
  createProject: boolean;
  image: string;
  buildspec: string;
  custom: CustomAction;
}

/** The deploy step: a CodeDeploy application and deployment group, a custom action, or none. */
export interface DeployChoice {
  kind: 'codedeploy' | 'custom' | 'skip';
  applicationName: string;
  deploymentGroupName: string;
  custom: CustomAction;
}

/** Everything the wizard collects before it creates the pipeline. */
export interface WizardState {
  name: string;
  pipelineType: 'V1' | 'V2';
  executionMode: 'QUEUED' | 'SUPERSEDED' | 'PARALLEL';
  roleMode: 'new' | 'existing';
  roleArn: string;
  artifactBucket: string;
  source: SourceChoice;
  build: BuildChoice;
  deploy: DeployChoice;
}

/** The buildspec the wizard offers for a new project. */
export const SAMPLE_BUILDSPEC = `version: 0.2
phases:
  build:
    commands:
      - echo "Building $CODEBUILD_RESOLVED_SOURCE_VERSION"
      - ls -la
artifacts:
  files:
    - '**/*'
`;

/** CodeBuild's curated images the emulator maps to local ones; any other image name is used as given. */
export const BUILD_IMAGES = ['aws/codebuild/standard:7.0', 'aws/codebuild/amazonlinux2-x86_64-standard:5.0'];

const noCustom = (): CustomAction => ({ owner: 'Custom', provider: '', version: '1', configuration: [{ key: '', value: '' }] });

/** The wizard's starting state for an account and region. */
export function initialWizardState(caller: Caller): WizardState {
  return {
    name: '',
    pipelineType: 'V2',
    executionMode: 'QUEUED',
    roleMode: 'new',
    roleArn: '',
    artifactBucket: `codepipeline-${caller.region}-${caller.account}`,
    source: { kind: 'codecommit', repositoryName: '', branchName: '', outputFormat: 'CODE_ZIP', fullRepositoryId: '', connectionArn: localConnectionArn(caller), custom: noCustom() },
    build: { kind: 'codebuild', projectName: '', createProject: false, image: BUILD_IMAGES[0], buildspec: SAMPLE_BUILDSPEC, custom: noCustom() },
    deploy: { kind: 'skip', applicationName: '', deploymentGroupName: '', custom: noCustom() },
  };
}

/** The role the console's "New service role" names, as AWS's console does. */
export function serviceRoleArn(state: WizardState, caller: Caller): string {
  if (state.roleMode === 'existing') return state.roleArn.trim();
  return pipelineServiceRoleArn(caller, state.name);
}

function customAction(name: string, category: string, c: CustomAction): ActionDeclaration {
  const configuration = Object.fromEntries(c.configuration.filter((p) => p.key.trim()).map((p) => [p.key.trim(), p.value]));
  return { name, actionTypeId: { category, owner: c.owner.trim(), provider: c.provider.trim(), version: c.version.trim() }, ...(Object.keys(configuration).length ? { configuration } : {}) };
}

function sourceAction(s: SourceChoice): ActionDeclaration {
  const base = { name: 'Source', outputArtifacts: [{ name: 'SourceArtifact' }], namespace: 'SourceVariables' };
  if (s.kind === 'custom') return { ...customAction('Source', 'Source', s.custom), ...base };
  if (s.kind === 'connection') {
    return {
      ...base,
      actionTypeId: { category: 'Source', owner: 'AWS', provider: 'CodeStarSourceConnection', version: '1' },
      configuration: { ConnectionArn: s.connectionArn, FullRepositoryId: s.fullRepositoryId, BranchName: s.branchName, OutputArtifactFormat: s.outputFormat },
    };
  }
  return {
    ...base,
    actionTypeId: { category: 'Source', owner: 'AWS', provider: 'CodeCommit', version: '1' },
    configuration: { RepositoryName: s.repositoryName, BranchName: s.branchName, PollForSourceChanges: 'false', OutputArtifactFormat: s.outputFormat },
  };
}

function buildAction(b: BuildChoice): ActionDeclaration {
  const base = { name: 'Build', inputArtifacts: [{ name: 'SourceArtifact' }], outputArtifacts: [{ name: 'BuildArtifact' }], namespace: 'BuildVariables' };
  if (b.kind === 'custom') return { ...customAction('Build', 'Build', b.custom), ...base };
  return { ...base, actionTypeId: { category: 'Build', owner: 'AWS', provider: 'CodeBuild', version: '1' }, configuration: { ProjectName: b.projectName } };
}

function deployAction(d: DeployChoice, input: string): ActionDeclaration {
  const base = { name: 'Deploy', inputArtifacts: [{ name: input }], namespace: 'DeployVariables' };
  if (d.kind === 'custom') return { ...customAction('Deploy', 'Deploy', d.custom), ...base };
  return { ...base, actionTypeId: { category: 'Deploy', owner: 'AWS', provider: 'CodeDeploy', version: '1' }, configuration: { ApplicationName: d.applicationName, DeploymentGroupName: d.deploymentGroupName } };
}

/** The declaration the wizard sends to CreatePipeline: a Source stage, then Build and Deploy unless skipped. */
export function buildDeclaration(state: WizardState, caller: Caller): PipelineDeclaration {
  const stages = [{ name: 'Source', actions: [sourceAction(state.source)] }];
  if (state.build.kind !== 'skip') stages.push({ name: 'Build', actions: [buildAction(state.build)] });
  if (state.deploy.kind !== 'skip') stages.push({ name: 'Deploy', actions: [deployAction(state.deploy, state.build.kind === 'skip' ? 'SourceArtifact' : 'BuildArtifact')] });
  return {
    name: state.name,
    roleArn: serviceRoleArn(state, caller),
    artifactStore: { type: 'S3', location: state.artifactBucket },
    stages,
    pipelineType: state.pipelineType,
    ...(state.pipelineType === 'V2' ? { executionMode: state.executionMode } : {}),
  };
}

function customProblem(c: CustomAction): string | undefined {
  if (!c.owner.trim() || !c.provider.trim() || !c.version.trim()) return 'Give the custom action type its owner, provider and version.';
  return undefined;
}

/** What keeps a step from being finished, in words; undefined when the step is complete. */
export function stepProblem(step: number, s: WizardState): string | undefined {
  if (step === 0) {
    if (!/^[A-Za-z0-9.@_-]{1,100}$/.test(s.name)) return 'Name the pipeline: up to 100 letters, digits and . @ - _';
    if (s.roleMode === 'existing' && !isRoleArn(s.roleArn.trim())) return 'Give the ARN of an existing role (arn:aws:iam::<account>:role/<name>).';
    if (!/^[A-Za-z0-9.-]{3,63}$/.test(s.artifactBucket)) return 'The artifact bucket name is 3 to 63 letters, digits, dots and hyphens.';
  }
  if (step === 1) {
    const src = s.source;
    if (src.kind === 'custom') return customProblem(src.custom);
    if (src.kind === 'codecommit' && !src.repositoryName) return 'Choose a repository.';
    if (src.kind === 'connection' && !src.fullRepositoryId) return 'Give the repository (owner/name).';
    if (!src.branchName) return 'Choose a branch.';
  }
  if (step === 2) {
    const b = s.build;
    if (b.kind === 'custom') return customProblem(b.custom);
    if (b.kind === 'codebuild' && !/^[A-Za-z0-9][A-Za-z0-9_-]{1,254}$/.test(b.projectName)) return b.createProject ? 'Name the new project (2 to 255 letters, digits, - and _).' : 'Choose a build project.';
  }
  if (step === 3) {
    const d = s.deploy;
    if (d.kind === 'custom') return customProblem(d.custom);
    if (d.kind === 'codedeploy' && (!d.applicationName || !d.deploymentGroupName)) return 'Choose an application and a deployment group.';
    if (d.kind === 'skip' && s.build.kind === 'skip') return 'A pipeline needs a build or a deploy stage after its source: add one of them.';
  }
  return undefined;
}
