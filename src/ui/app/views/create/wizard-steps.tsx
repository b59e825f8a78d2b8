import { listProjects } from '../../api/codebuild.js';
import { listBranches, listRepositories } from '../../api/codecommit.js';
import { listApplications, listDeploymentGroups } from '../../api/codedeploy.js';
import { CustomActionFields } from './custom-action-fields.js';
import { ChoiceCards, Field, RemoteSelect, useRemoteList } from './form-parts.js';
import { BUILD_IMAGES, type BuildChoice, type DeployChoice, type SourceChoice, type WizardState } from './wizard-model.js';

/** What every step gets: the wizard's state and a way to change it. */
export interface StepProps {
  state: WizardState;
  /** Merges a patch, or the patch a function computes from the latest state, into the wizard's state. */
  update: (patch: Partial<WizardState> | ((s: WizardState) => Partial<WizardState>)) => void;
}

/** Step 1: name, type, execution mode, service role and artifact store. */
export function SettingsStep({ state, update }: StepProps) {
  return (
    <div class="form">
      <Field label="Pipeline name" hint="Up to 100 letters, digits and . @ - _; it cannot be changed later.">
        <input value={state.name} onInput={(e) => update({ name: e.currentTarget.value.trim() })} data-testid="pipeline-name" />
      </Field>
      <Field label="Pipeline type">
        <ChoiceCards
          name="type"
          value={state.pipelineType}
          onChange={(pipelineType) => update({ pipelineType, executionMode: pipelineType === 'V1' ? 'SUPERSEDED' : state.executionMode })}
          options={[
            { value: 'V2', title: 'V2', text: 'Variables, triggers, and the QUEUED and PARALLEL execution modes.' },
            { value: 'V1', title: 'V1', text: 'The original pipeline type.' },
          ]}
        />
      </Field>
      <Field label="Execution mode">
        <ChoiceCards
          name="mode"
          value={state.executionMode}
          onChange={(executionMode) => update({ executionMode })}
          options={[
            { value: 'QUEUED', title: 'Queued', text: 'Executions wait their turn in order (V2).' },
            { value: 'SUPERSEDED', title: 'Superseded', text: 'A newer execution overtakes an older one.' },
            { value: 'PARALLEL', title: 'Parallel', text: 'Executions run at the same time, independently (V2).' },
          ].filter((o) => state.pipelineType === 'V2' || o.value === 'SUPERSEDED') as { value: WizardState['executionMode']; title: string; text: string }[]}
        />
      </Field>
      <Field label="Service role">
        <ChoiceCards
          name="role"
          value={state.roleMode}
          onChange={(roleMode) => update({ roleMode })}
          options={[
            { value: 'new', title: 'New service role', text: 'Named after the pipeline; the emulator checks no permissions.' },
            { value: 'existing', title: 'Existing service role', text: 'An IAM role ARN of your own.' },
          ]}
        />
      </Field>
      {state.roleMode === 'existing' && (
        <Field label="Role ARN">
          <input value={state.roleArn} onInput={(e) => update({ roleArn: e.currentTarget.value })} placeholder="arn:aws:iam::000000000000:role/my-role" />
        </Field>
      )}
      <Field label="Artifact store" hint="The bucket the artifacts are kept in: a folder under the emulator's data directory.">
        <input value={state.artifactBucket} onInput={(e) => update({ artifactBucket: e.currentTarget.value.trim() })} />
      </Field>
    </div>
  );
}

function CodeCommitFields({ source, set }: { source: SourceChoice; set: (s: Partial<SourceChoice>) => void }) {
  const repositories = useRemoteList('repositories', listRepositories);
  const branches = useRemoteList(source.repositoryName && !repositories.unavailable ? `branches:${source.repositoryName}` : '', async () => {
    const out = await listBranches(source.repositoryName);
    if (!source.branchName && out.defaultBranch) set({ branchName: out.defaultBranch });
    return out.branches;
  });
  return (
    <>
      <Field label="Repository name">
        <RemoteSelect list={repositories} value={source.repositoryName} onChange={(repositoryName) => set({ repositoryName, branchName: '' })} placeholder="Choose a repository" testId="repository" emptyText="No repository yet: create one with CodeCommit's CreateRepository or register a checkout with --repo NAME=PATH." />
      </Field>
      <Field label="Branch name">
        <RemoteSelect list={branches} value={source.branchName} onChange={(branchName) => set({ branchName })} placeholder="Choose a branch" testId="branch" emptyText="The repository has no branch yet: push one." />
      </Field>
    </>
  );
}

/** Step 2: where the source comes from. */
export function SourceStep({ state, update }: StepProps) {
  const source = state.source;
  const set = (patch: Partial<SourceChoice>) => update((s) => ({ source: { ...s.source, ...patch } }));
  return (
    <div class="form">
      <Field label="Source provider">
        <ChoiceCards
          name="source"
          value={source.kind}
          onChange={(kind) => set({ kind })}
          options={[
            { value: 'codecommit', title: 'AWS CodeCommit', text: 'A repository of the emulator: created through the API, or a local checkout registered with --repo.' },
            { value: 'connection', title: 'GitHub, GitLab, Bitbucket (connection)', text: 'CodeStarSourceConnection over a local repository of that name or a git URL.' },
            { value: 'custom', title: 'Custom action type', text: 'A source action of a provider registered with the emulator.' },
          ]}
        />
      </Field>
      {source.kind === 'codecommit' && <CodeCommitFields source={source} set={set} />}
      {source.kind === 'connection' && (
        <>
          <Field label="Repository" hint="owner/name (the name of a local repository) or a git URL this machine can fetch.">
            <input value={source.fullRepositoryId} onInput={(e) => set({ fullRepositoryId: e.currentTarget.value.trim() })} placeholder="my-org/my-repo" />
          </Field>
          <Field label="Branch name">
            <input value={source.branchName} onInput={(e) => set({ branchName: e.currentTarget.value.trim() })} placeholder="main" />
          </Field>
          <Field label="Connection ARN" hint="Any well-formed connection ARN: the emulator does not check connections.">
            <input value={source.connectionArn} onInput={(e) => set({ connectionArn: e.currentTarget.value.trim() })} />
          </Field>
        </>
      )}
      {source.kind !== 'custom' && (
        <Field label="Output artifact format">
          <ChoiceCards
            name="format"
            value={source.outputFormat}
            onChange={(outputFormat) => set({ outputFormat })}
            options={[
              { value: 'CODE_ZIP', title: 'CodePipeline default', text: 'A zip of the commit, without git metadata.' },
              { value: 'CODEBUILD_CLONE_REF', title: 'Full clone', text: 'A reference CodeBuild clones from, with git history.' },
            ]}
          />
        </Field>
      )}
      {source.kind === 'custom' && <CustomActionFields category="Source" value={source.custom} onChange={(custom) => set({ custom })} />}
    </div>
  );
}

/** Step 3: the build stage, or none. */
export function BuildStep({ state, update }: StepProps) {
  const build = state.build;
  const set = (patch: Partial<BuildChoice>) => update((s) => ({ build: { ...s.build, ...patch } }));
  const projects = useRemoteList(build.kind === 'codebuild' && !build.createProject ? 'projects' : '', listProjects);
  return (
    <div class="form">
      <Field label="Build provider">
        <ChoiceCards
          name="build"
          value={build.kind}
          onChange={(kind) => set({ kind })}
          options={[
            { value: 'codebuild', title: 'AWS CodeBuild', text: 'Runs a buildspec in a Docker container.' },
            { value: 'custom', title: 'Custom action type', text: 'A build action of a provider registered with the emulator.' },
            { value: 'skip', title: 'Skip build stage', text: 'Go straight from source to deploy.' },
          ]}
        />
      </Field>
      {build.kind === 'codebuild' && (
        <>
          <label class="checkbox">
            <input type="checkbox" checked={build.createProject} onChange={(e) => set({ createProject: e.currentTarget.checked, projectName: '' })} /> Create a new project
          </label>
          {build.createProject ? (
            <>
              <Field label="Project name">
                <input value={build.projectName} onInput={(e) => set({ projectName: e.currentTarget.value.trim() })} />
              </Field>
              <Field label="Image" hint="CodeBuild's curated images map to a local image; any other name is pulled or used as it is.">
                <input list="build-images" value={build.image} onInput={(e) => set({ image: e.currentTarget.value.trim() })} />
                <datalist id="build-images">
                  {BUILD_IMAGES.map((i) => (
                    <option key={i} value={i} />
                  ))}
                </datalist>
              </Field>
              <Field label="Buildspec">
                <textarea class="mono" rows={10} value={build.buildspec} onInput={(e) => set({ buildspec: e.currentTarget.value })} spellcheck={false} />
              </Field>
            </>
          ) : (
            <Field label="Project name">
              <RemoteSelect list={projects} value={build.projectName} onChange={(projectName) => set({ projectName })} placeholder="Choose a project" testId="project" emptyText="No project yet: tick “Create a new project”." />
            </Field>
          )}
        </>
      )}
      {build.kind === 'custom' && <CustomActionFields category="Build" value={build.custom} onChange={(custom) => set({ custom })} />}
    </div>
  );
}

/** Step 4: the deploy stage, or none. */
export function DeployStep({ state, update }: StepProps) {
  const deploy = state.deploy;
  const set = (patch: Partial<DeployChoice>) => update((s) => ({ deploy: { ...s.deploy, ...patch } }));
  const applications = useRemoteList(deploy.kind === 'codedeploy' ? 'applications' : '', listApplications);
  const groups = useRemoteList(deploy.kind === 'codedeploy' && deploy.applicationName && !applications.unavailable ? `groups:${deploy.applicationName}` : '', () => listDeploymentGroups(deploy.applicationName));
  return (
    <div class="form">
      <Field label="Deploy provider">
        <ChoiceCards
          name="deploy"
          value={deploy.kind}
          onChange={(kind) => set({ kind })}
          options={[
            { value: 'codedeploy', title: 'AWS CodeDeploy', text: 'Deploys to the emulator’s instances (Nginx containers).' },
            { value: 'custom', title: 'Custom action type', text: 'A deploy action of a provider registered with the emulator.' },
            { value: 'skip', title: 'Skip deploy stage', text: 'The pipeline ends after its build.' },
          ]}
        />
      </Field>
      {deploy.kind === 'codedeploy' && (
        <>
          <Field label="Application name">
            <RemoteSelect list={applications} value={deploy.applicationName} onChange={(applicationName) => set({ applicationName, deploymentGroupName: '' })} placeholder="Choose an application" emptyText="No application yet: create one with CodeDeploy's CreateApplication." />
          </Field>
          <Field label="Deployment group">
            <RemoteSelect list={groups} value={deploy.deploymentGroupName} onChange={(deploymentGroupName) => set({ deploymentGroupName })} placeholder="Choose a deployment group" emptyText="The application has no deployment group yet." />
          </Field>
        </>
      )}
      {deploy.kind === 'custom' && <CustomActionFields category="Deploy" value={deploy.custom} onChange={(custom) => set({ custom })} />}
    </div>
  );
}
