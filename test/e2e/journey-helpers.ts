/**
 * The tutorial's journey as steps a test or a benchmark takes through the SDK clients and real git: set up the
 * repository, build project, application, instance, deployment group and pipeline, push commits, follow executions
 * and read the page an instance serves. No vitest here, so scripts/bench-e2e.ts uses the same steps.
 */
import { fetchFromInstance } from '../helpers/instance-fetch.js';
import { CodeBuildClient, CreateProjectCommand, type CreateProjectCommandInput } from '@aws-sdk/client-codebuild';
import { CodeCommitClient, CreateRepositoryCommand } from '@aws-sdk/client-codecommit';
import {
  AddTagsToOnPremisesInstancesCommand,
  CodeDeployClient,
  CreateApplicationCommand,
  CreateDeploymentGroupCommand,
  DeregisterOnPremisesInstanceCommand,
  RegisterOnPremisesInstanceCommand,
  type CreateDeploymentGroupCommandInput,
} from '@aws-sdk/client-codedeploy';
import {
  CodePipelineClient,
  CreatePipelineCommand,
  GetPipelineExecutionCommand,
  GetPipelineStateCommand,
  ListPipelineExecutionsCommand,
  type CreatePipelineCommandInput,
  type PipelineExecution,
  type StageDeclaration,
} from '@aws-sdk/client-codepipeline';
import { execFile } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { isFinalStatus } from '../../src/model/index.js';
import { waitFor } from '../helpers/wait.js';

/** The tutorial's sample app, pushed as the repository's first commit. */
export const SAMPLE_APP_DIR = fileURLToPath(new URL('../../fixtures/sample-app/', import.meta.url));
/** The tutorial's CLI input files (CreateProject, CreateDeploymentGroup, CreatePipeline). */
export const TUTORIAL_DIR = fileURLToPath(new URL('../../fixtures/tutorial/', import.meta.url));

/** The names the tutorial uses, as its fixtures spell them. */
export const JOURNEY = {
  repositoryName: 'sample-app',
  projectName: 'sample-app-build',
  applicationName: 'sample-app',
  deploymentGroupName: 'nginx',
  pipelineName: 'sample-app',
  instanceName: 'web-1',
  iamUserArn: 'arn:aws:iam::000000000000:user/web-1',
  tag: { Key: 'Role', Value: 'web' },
} as const;

/** The page's stamp: site/version.json as the sample app's build writes it. */
export interface ServedVersion {
  commit: string;
  build: string;
  message: string;
}

/** SDK clients of the four services, all pointed at one emulator. */
export interface JourneyClients {
  codecommit: CodeCommitClient;
  codebuild: CodeBuildClient;
  codedeploy: CodeDeployClient;
  codepipeline: CodePipelineClient;
  destroy(): void;
}

/** Makes the four SDK clients for an emulator URL, with dummy credentials (account 000000000000). */
export function journeyClients(endpoint: string): JourneyClients {
  const config = { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, maxAttempts: 1 };
  const clients = {
    codecommit: new CodeCommitClient(config),
    codebuild: new CodeBuildClient(config),
    codedeploy: new CodeDeployClient(config),
    codepipeline: new CodePipelineClient(config),
  };
  return { ...clients, destroy: () => Object.values(clients).forEach((c) => c.destroy()) };
}

/** Reads one of the tutorial's JSON input files. */
export function tutorialInput<T>(file: string): T {
  return JSON.parse(readFileSync(join(TUTORIAL_DIR, file), 'utf8')) as T;
}

/** Prints a progress line with the seconds since `since`, so a slow step shows where it is. */
export function progressPrinter(label: string, since = Date.now()): (message: string) => void {
  return (message) => void process.stderr.write(`[${label} +${((Date.now() - since) / 1000).toFixed(1)}s] ${message}\n`);
}

const run = promisify(execFile);

// A fixed identity and no system or global configuration, so commits look the same on any machine.
const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Tutorial Reader',
  GIT_AUTHOR_EMAIL: 'reader@example.com',
  GIT_COMMITTER_NAME: 'Tutorial Reader',
  GIT_COMMITTER_EMAIL: 'reader@example.com',
  GIT_TERMINAL_PROMPT: '0',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

/**
 * Runs git in a folder and returns its trimmed standard output. Asynchronous on purpose: the emulator may live in
 * this process, and a blocking git push would wait on a server that cannot answer.
 */
export async function git(cwd: string, ...args: string[]): Promise<string> {
  return (await run('git', args, { cwd, env: GIT_ENV, maxBuffer: 64 * 1024 * 1024 })).stdout.trim();
}

/** Copies the sample app into `dir` (without build output) and commits it on `main`; returns the commit id. */
export async function checkoutSampleApp(dir: string, commitMessage = 'Add the sample app'): Promise<string> {
  cpSync(SAMPLE_APP_DIR, dir, { recursive: true, filter: (src) => !/[\\/](dist|node_modules)([\\/]|$)/.test(src.slice(SAMPLE_APP_DIR.length - 1)) });
  await git(dir, 'init', '--quiet', '--initial-branch=main');
  await git(dir, 'add', '--all');
  await git(dir, 'commit', '--quiet', '-m', commitMessage);
  return git(dir, 'rev-parse', 'HEAD');
}

/** Changes the message the page shows (src/message.txt) and commits it; returns the commit id. */
export async function commitMessageChange(dir: string, message: string, commitMessage: string): Promise<string> {
  writeFileSync(join(dir, 'src', 'message.txt'), `${message}\n`);
  await git(dir, 'commit', '--quiet', '-am', commitMessage);
  return git(dir, 'rev-parse', 'HEAD');
}

/** Pushes the checkout's main branch to a git URL. */
export async function pushMain(dir: string, url: string): Promise<void> {
  await git(dir, 'push', '--quiet', url, 'main:main');
}

/** What setting up the journey made: the repository's clone URL and the commit pushed first. */
export interface JourneySetup {
  cloneUrlHttp: string;
  firstCommitId: string;
}

/**
 * Walks the tutorial up to CreatePipeline (whose first execution starts at once): creates the repository and pushes
 * the sample app from `workDir`, creates the build project, the application, registers and tags the instance,
 * creates the deployment group and the pipeline (with `extraStages` after its own), printing each step.
 */
export async function setUpJourney(clients: JourneyClients, workDir: string, say: (message: string) => void, extraStages: StageDeclaration[] = []): Promise<JourneySetup> {
  const { repositoryMetadata } = await clients.codecommit.send(new CreateRepositoryCommand({ repositoryName: JOURNEY.repositoryName, repositoryDescription: 'The tutorial sample app' }));
  const cloneUrlHttp = repositoryMetadata!.cloneUrlHttp!;
  say(`created repository ${JOURNEY.repositoryName}: ${cloneUrlHttp}`);
  const firstCommitId = await checkoutSampleApp(workDir);
  await pushMain(workDir, cloneUrlHttp);
  say(`pushed the sample app, commit ${firstCommitId}`);
  await clients.codebuild.send(new CreateProjectCommand(tutorialInput<CreateProjectCommandInput>('build-project.json')));
  say(`created build project ${JOURNEY.projectName}`);
  await clients.codedeploy.send(new CreateApplicationCommand({ applicationName: JOURNEY.applicationName, computePlatform: 'Server' }));
  await clients.codedeploy.send(new RegisterOnPremisesInstanceCommand({ instanceName: JOURNEY.instanceName, iamUserArn: JOURNEY.iamUserArn }));
  await clients.codedeploy.send(new AddTagsToOnPremisesInstancesCommand({ instanceNames: [JOURNEY.instanceName], tags: [JOURNEY.tag] }));
  say(`created application ${JOURNEY.applicationName}, registered instance ${JOURNEY.instanceName} tagged Role=web`);
  await clients.codedeploy.send(new CreateDeploymentGroupCommand(tutorialInput<CreateDeploymentGroupCommandInput>('deployment-group.json')));
  say(`created deployment group ${JOURNEY.deploymentGroupName}`);
  const { pipeline } = tutorialInput<CreatePipelineCommandInput>('pipeline.json');
  await clients.codepipeline.send(new CreatePipelineCommand({ pipeline: { ...pipeline!, stages: [...pipeline!.stages!, ...extraStages] } }));
  say(`created pipeline ${JOURNEY.pipelineName}`);
  return { cloneUrlHttp, firstCommitId };
}

/** Deregisters the journey's instance, which removes its container; failures are printed, not thrown. */
export async function deregisterInstance(clients: JourneyClients, say: (message: string) => void): Promise<void> {
  await clients.codedeploy.send(new DeregisterOnPremisesInstanceCommand({ instanceName: JOURNEY.instanceName })).then(
    () => say(`deregistered instance ${JOURNEY.instanceName}`),
    (error: unknown) => say(`could not deregister instance ${JOURNEY.instanceName}: ${String(error)}`),
  );
}

/** The URL where an instance's Nginx answers, from the emulator's instances page. */
export async function instanceUrl(emulatorUrl: string, instanceName: string): Promise<string> {
  const page = (await (await fetch(`${emulatorUrl}/codedeploy/instances`)).json()) as { instances: { instanceName: string; url?: string }[] };
  const url = page.instances.find((i) => i.instanceName === instanceName)?.url;
  if (!url) throw new Error(`instance ${instanceName} has no URL on ${emulatorUrl}/codedeploy/instances: ${JSON.stringify(page)}`);
  return url;
}

/** The version.json the instance serves, or undefined while it serves none (404, stock page, refused). */
export async function servedVersion(url: string): Promise<ServedVersion | undefined> {
  try {
    const response = await fetchFromInstance(new URL('version.json', url), { signal: AbortSignal.timeout(5000) });
    return response.ok ? ((await response.json()) as ServedVersion) : undefined;
  } catch {
    return undefined;
  }
}

/** The execution ids of a pipeline, newest first. */
export async function executionIds(client: CodePipelineClient, pipelineName: string): Promise<string[]> {
  const out = await client.send(new ListPipelineExecutionsCommand({ pipelineName }));
  return (out.pipelineExecutionSummaries ?? []).map((s) => s.pipelineExecutionId!);
}

/** Waits until a pipeline has an execution not in `known`, and returns its id. */
export async function untilNewExecution(client: CodePipelineClient, pipelineName: string, known: readonly string[], timeoutMs: number): Promise<string> {
  const description = `a new execution of ${pipelineName} (known: ${known.join(', ') || 'none'})`;
  return (await waitFor(async () => (await executionIds(client, pipelineName)).find((id) => !known.includes(id)), { timeoutMs, intervalMs: 20, description }))!;
}

/** One line per stage of GetPipelineState for an execution: `Source Succeeded, Build InProgress (45%)`. */
async function stageLine(client: CodePipelineClient, name: string, executionId: string): Promise<string> {
  const state = await client.send(new GetPipelineStateCommand({ name }));
  return (state.stageStates ?? [])
    .filter((s) => s.latestExecution?.pipelineExecutionId === executionId)
    .map((s) => {
      const percent = s.actionStates?.find((a) => a.latestExecution?.percentComplete !== undefined && s.latestExecution?.status === 'InProgress')?.latestExecution?.percentComplete;
      return `${s.stageName} ${s.latestExecution!.status}${percent !== undefined ? ` (${percent}%)` : ''}`;
    })
    .join(', ');
}

/** Follows an execution until it ends, printing each change of its stages, and returns it as GetPipelineExecution shows it. */
export async function followExecution(client: CodePipelineClient, name: string, executionId: string, timeoutMs: number, say: (message: string) => void): Promise<PipelineExecution> {
  let shown = '';
  const seen = async () => {
    const { pipelineExecution } = await client.send(new GetPipelineExecutionCommand({ pipelineName: name, pipelineExecutionId: executionId }));
    const line = await stageLine(client, name, executionId);
    if (line !== shown) say(`execution ${executionId}: ${(shown = line) || pipelineExecution?.status}`);
    return pipelineExecution!;
  };
  return waitFor(seen, { timeoutMs, intervalMs: 250, description: `execution ${executionId} of ${name} to end` }, (e) => isFinalStatus(e?.status ?? ''));
}

/** Waits until the instance serves the page of `commit`, and returns its stamp. */
export async function untilServed(url: string, commit: string, timeoutMs: number, intervalMs = 100): Promise<ServedVersion> {
  return (await waitFor(() => servedVersion(url), { timeoutMs, intervalMs, description: `${url} to serve commit ${commit}` }, (v) => v?.commit === commit))!;
}
