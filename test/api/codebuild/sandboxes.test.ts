import {
  BatchGetCommandExecutionsCommand,
  BatchGetSandboxesCommand,
  CodeBuildClient,
  CreateProjectCommand,
  ListCommandExecutionsForSandboxCommand,
  ListSandboxesCommand,
  ListSandboxesForProjectCommand,
  StartCommandExecutionCommand,
  StartSandboxCommand,
  StartSandboxConnectionCommand,
  StopSandboxCommand,
  type CommandExecution,
  type Sandbox,
} from '@aws-sdk/client-codebuild';
import { CreateBucketCommand, PutBucketVersioningCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { strToU8, zipSync } from 'fflate';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_OWNER_LABEL } from '../../../src/codebuild/index.js';
import { ContainerRunner, createDockerClient } from '../../../src/runner/index.js';
import { ManualClock } from '../../../src/shared/index.js';
import { BUILD_IMAGE_TIMEOUT_MS, DEFAULT_IMAGE_PROJECT, ensureBuildImage } from '../../codebuild/build-image.js';
import { freshDataDir, startTestEmulator, TEST_ACCOUNT, type TestEmulator } from '../../helpers/emulator.js';
import { errorOf } from '../../helpers/errors.js';
import { uniqueName } from '../../helpers/pipelines.js';
import { waitFor } from '../../helpers/wait.js';
import { s3ClientSettings } from '../s3/s3-emulator.js';

// Sandboxes are containers of the project's build image on the emulator's Docker engine: this file needs Docker.
const START_TIMEOUT_MS = 120_000;

describe('CodeBuild sandboxes (in Docker, through the SDK)', () => {
  let env: TestEmulator;
  let client: CodeBuildClient;
  const dataDir = freshDataDir();
  const containers = new ContainerRunner({ docker: createDockerClient(process.env.DOCKER_HOST) });
  const project = uniqueName('sandbox');
  const sandboxContainers = () => containers.listProjectContainers({ labels: { [SANDBOX_OWNER_LABEL]: dataDir } });

  beforeAll(async () => {
    await ensureBuildImage();
    env = await startTestEmulator({ dataDir });
    client = env.client(CodeBuildClient);
    await client.send(
      new CreateProjectCommand({
        name: project,
        source: { type: 'NO_SOURCE', buildspec: 'version: 0.2\nphases:\n  build:\n    commands:\n      - echo hi\n' },
        artifacts: { type: 'NO_ARTIFACTS' },
        ...DEFAULT_IMAGE_PROJECT,
        environment: { ...DEFAULT_IMAGE_PROJECT.environment, environmentVariables: [{ name: 'GREETING', value: 'hello from the project' }] },
      }),
    );
  }, BUILD_IMAGE_TIMEOUT_MS);
  afterAll(async () => {
    await env?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function sandboxOf(id: string): Promise<Sandbox> {
    const { sandboxes } = await client.send(new BatchGetSandboxesCommand({ ids: [id] }));
    return sandboxes![0];
  }

  async function runningSandbox(): Promise<Sandbox> {
    const { sandbox } = await client.send(new StartSandboxCommand({ projectName: project }));
    return waitFor(() => sandboxOf(sandbox!.id!), { timeoutMs: START_TIMEOUT_MS, intervalMs: 200, description: 'the sandbox to run' }, (s) => s.status !== 'QUEUED' && s.currentSession?.currentPhase === 'RUN_SANDBOX');
  }

  async function finished(sandboxId: string, id: string): Promise<CommandExecution> {
    return waitFor(
      async () => (await client.send(new BatchGetCommandExecutionsCommand({ sandboxId, commandExecutionIds: [id] }))).commandExecutions![0],
      { timeoutMs: 60_000, intervalMs: 100, description: `command ${id} to end` },
      (c) => c.status === 'SUCCEEDED' || c.status === 'FAILED',
    );
  }

  it('starts a sandbox of the project, QUEUED, with its environment and source', async () => {
    const { sandbox } = await client.send(new StartSandboxCommand({ projectName: project }));
    expect(sandbox).toMatchObject({ projectName: project, status: 'QUEUED', source: { type: 'NO_SOURCE' }, environment: { image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_SMALL' }, timeoutInMinutes: 60 });
    expect(sandbox?.id).toMatch(new RegExp(`^${project}:[0-9a-f-]{36}$`));
    expect(sandbox?.arn).toBe(`arn:aws:codebuild:us-east-1:${TEST_ACCOUNT}:sandbox/${sandbox!.id}`);
    expect(sandbox?.currentSession?.phases?.map((p) => p.phaseType)).toEqual(['SUBMITTED', 'QUEUED']);
    const running = await waitFor(() => sandboxOf(sandbox!.id!), { timeoutMs: START_TIMEOUT_MS, intervalMs: 200 }, (s) => s.status === 'IN_PROGRESS');
    expect(running.currentSession?.phases?.map((p) => [p.phaseType, p.phaseStatus])).toEqual([
      ['SUBMITTED', 'SUCCEEDED'],
      ['QUEUED', 'SUCCEEDED'],
      ['PROVISIONING', 'SUCCEEDED'],
      ['DOWNLOAD_SOURCE', 'SUCCEEDED'],
      ['RUN_SANDBOX', undefined],
    ]);
    expect(running.startTime).toBeInstanceOf(Date);
    await client.send(new StopSandboxCommand({ id: sandbox!.id! }));
  });

  it('runs commands in its container: output, exit code, and files and variables that carry over', async () => {
    const sandbox = await runningSandbox();
    const { commandExecution: first } = await client.send(new StartCommandExecutionCommand({ sandboxId: sandbox.id!, command: 'echo hi; echo oops >&2; echo kept > note.txt; export CARRIED=yes; exit 3' }));
    expect(first).toMatchObject({ sandboxId: sandbox.id, sandboxArn: sandbox.arn, status: 'SUBMITTED', type: 'SHELL' });
    const done = await finished(sandbox.id!, first!.id!);
    expect(done).toMatchObject({ status: 'FAILED', exitCode: '3', standardOutputContent: 'hi\n', standardErrContent: 'oops\n' });
    expect(done.endTime).toBeInstanceOf(Date);
    // By ARN too, as the model allows.
    const { commandExecution: second } = await client.send(new StartCommandExecutionCommand({ sandboxId: sandbox.arn!, command: 'cat note.txt; echo "$CARRIED $GREETING"; pwd' }));
    expect(await finished(sandbox.id!, second!.id!)).toMatchObject({ status: 'SUCCEEDED', exitCode: '0', standardOutputContent: 'kept\nyes hello from the project\n/codebuild/output/src0/src\n' });
    const { commandExecutions } = await client.send(new ListCommandExecutionsForSandboxCommand({ sandboxId: sandbox.id! }));
    expect(commandExecutions?.map((c) => c.id)).toEqual([second!.id, first!.id]);
    const { commandExecutionsNotFound } = await client.send(new BatchGetCommandExecutionsCommand({ sandboxId: sandbox.id!, commandExecutionIds: ['no-such-command'] }));
    expect(commandExecutionsNotFound).toEqual(['no-such-command']);
    await client.send(new StopSandboxCommand({ id: sandbox.id! }));
  });

  it("copies the project's S3 source into CODEBUILD_SRC_DIR and shows the object version it resolved to", async () => {
    const s3 = new S3Client({ ...s3ClientSettings(env.url), forcePathStyle: true });
    try {
      const bucket = uniqueName('sandbox-src').toLowerCase();
      await s3.send(new CreateBucketCommand({ Bucket: bucket }));
      await s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
      const put = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'app.zip', Body: zipSync({ 'app.txt': strToU8('from s3\n') }) }));
      const name = uniqueName('s3-sandbox');
      await client.send(new CreateProjectCommand({ name, source: { type: 'S3', location: `${bucket}/app.zip` }, artifacts: { type: 'NO_ARTIFACTS' }, ...DEFAULT_IMAGE_PROJECT }));
      const { sandbox } = await client.send(new StartSandboxCommand({ projectName: name }));
      const running = await waitFor(() => sandboxOf(sandbox!.id!), { timeoutMs: START_TIMEOUT_MS, intervalMs: 200, description: 'the sandbox to run' }, (s) => s.status === 'IN_PROGRESS');
      expect(running.currentSession?.resolvedSourceVersion).toBe(put.VersionId);
      const { commandExecution } = await client.send(new StartCommandExecutionCommand({ sandboxId: sandbox!.id!, command: 'cat "$CODEBUILD_SRC_DIR/app.txt"' }));
      expect(await finished(sandbox!.id!, commandExecution!.id!)).toMatchObject({ status: 'SUCCEEDED', standardOutputContent: 'from s3\n' });
      await client.send(new StopSandboxCommand({ id: sandbox!.id! }));
    } finally {
      s3.destroy();
    }
  });

  it('fails in DOWNLOAD_SOURCE, with its container removed, when the source cannot be fetched', async () => {
    const name = uniqueName('github-sandbox');
    await client.send(new CreateProjectCommand({ name, source: { type: 'GITHUB', location: 'https://github.com/example/app.git' }, artifacts: { type: 'NO_ARTIFACTS' }, ...DEFAULT_IMAGE_PROJECT }));
    const { sandbox } = await client.send(new StartSandboxCommand({ projectName: name }));
    const failed = await waitFor(() => sandboxOf(sandbox!.id!), { timeoutMs: START_TIMEOUT_MS, intervalMs: 200, description: 'the sandbox to fail' }, (s) => s.status === 'FAILED');
    const phase = failed.currentSession?.phases?.at(-1);
    expect(phase).toMatchObject({ phaseType: 'DOWNLOAD_SOURCE', phaseStatus: 'FAILED', contexts: [{ statusCode: 'CLIENT_ERROR' }] });
    expect(phase?.contexts?.[0]?.message).toContain('GITHUB');
    expect((await sandboxContainers()).map((c) => c.name)).not.toContain(`codepipeline-local-sandbox-${sandbox!.id!.split(':')[1]}`);
    expect(await errorOf(client.send(new StartCommandExecutionCommand({ sandboxId: sandbox!.id!, command: 'true' })))).toMatchObject({ name: 'InvalidInputException' });
  });

  it('runs in a container with the build limits of its compute type, labelled for the sweep', async () => {
    const sandbox = await runningSandbox();
    const name = `codepipeline-local-sandbox-${sandbox.id!.split(':')[1]}`;
    expect((await sandboxContainers()).map((c) => c.name)).toContain(name);
    const { HostConfig } = await createDockerClient(process.env.DOCKER_HOST).getContainer(name).inspect();
    // BUILD_GENERAL1_SMALL: 3 GB and 2 vCPUs, each capped by the emulator's build limits, and the build process limit.
    expect(HostConfig.Memory).toBeGreaterThan(0);
    expect(HostConfig.Memory).toBeLessThanOrEqual(3 * 1024 * 1024 * 1024);
    expect(HostConfig.NanoCpus).toBeGreaterThan(0);
    expect(HostConfig.NanoCpus).toBeLessThanOrEqual(2e9);
    expect(HostConfig.PidsLimit).toBeGreaterThan(0);
    await client.send(new StopSandboxCommand({ id: sandbox.id! }));
  });

  it('stops: STOPPING at once, then STOPPED with its container removed, and refuses further commands', async () => {
    const sandbox = await runningSandbox();
    const name = `codepipeline-local-sandbox-${sandbox.id!.split(':')[1]}`;
    const { sandbox: stopping } = await client.send(new StopSandboxCommand({ id: sandbox.id! }));
    expect(stopping?.status).toBe('STOPPING');
    const stopped = await waitFor(() => sandboxOf(sandbox.id!), { timeoutMs: 30_000, intervalMs: 100, description: 'the sandbox to stop' }, (s) => s.status === 'STOPPED');
    expect(stopped.endTime).toBeInstanceOf(Date);
    expect(stopped.currentSession?.phases?.find((p) => p.phaseType === 'RUN_SANDBOX')?.phaseStatus).toBe('STOPPED');
    expect((await sandboxContainers()).map((c) => c.name)).not.toContain(name);
    expect(await errorOf(client.send(new StartCommandExecutionCommand({ sandboxId: sandbox.id!, command: 'true' })))).toMatchObject({ name: 'InvalidInputException', status: 400 });
  });

  it('lists sandboxes newest first, for the account and for the project; a repeated idempotency token starts none', async () => {
    const token = uniqueName('token');
    const { sandbox } = await client.send(new StartSandboxCommand({ projectName: project, idempotencyToken: token }));
    const { sandbox: again } = await client.send(new StartSandboxCommand({ projectName: project, idempotencyToken: token }));
    expect(again?.id).toBe(sandbox!.id);
    const { ids } = await client.send(new ListSandboxesCommand({}));
    expect(ids?.[0]).toBe(sandbox!.id);
    const forProject = await client.send(new ListSandboxesForProjectCommand({ projectName: project, sortOrder: 'ASCENDING' }));
    expect(forProject.ids?.at(-1)).toBe(sandbox!.id);
    await client.send(new StopSandboxCommand({ id: sandbox!.id! }));
  });

  it('answers AWS-shaped errors for unknown sandboxes and projects, and a missing project name', async () => {
    const unknown = `${project}:00000000-0000-0000-0000-000000000000`;
    expect(await errorOf(client.send(new StartSandboxCommand({ projectName: uniqueName('none') })))).toMatchObject({ name: 'ResourceNotFoundException', status: 400 });
    expect(await errorOf(client.send(new StartSandboxCommand({})))).toMatchObject({ name: 'InvalidInputException', status: 400 });
    expect(await errorOf(client.send(new StopSandboxCommand({ id: unknown })))).toMatchObject({ name: 'ResourceNotFoundException' });
    expect(await errorOf(client.send(new StartCommandExecutionCommand({ sandboxId: unknown, command: 'true' })))).toMatchObject({ name: 'ResourceNotFoundException' });
    expect(await errorOf(client.send(new ListCommandExecutionsForSandboxCommand({ sandboxId: unknown })))).toMatchObject({ name: 'ResourceNotFoundException' });
    expect(await errorOf(client.send(new ListSandboxesForProjectCommand({ projectName: uniqueName('none') })))).toMatchObject({ name: 'ResourceNotFoundException' });
    expect((await client.send(new BatchGetSandboxesCommand({ ids: [unknown] }))).sandboxesNotFound).toEqual([unknown]);
    expect(await errorOf(client.send(new StartCommandExecutionCommand({ sandboxId: unknown, command: '' })))).toMatchObject({ name: 'ValidationException', status: 400 });
  });

  it('refuses StartSandboxConnection, which needs AWS Systems Manager, saying what works instead', async () => {
    const sandbox = await runningSandbox();
    const error = await errorOf(client.send(new StartSandboxConnectionCommand({ sandboxId: sandbox.id! })));
    expect(error).toMatchObject({ name: 'InvalidInputException', status: 400 });
    expect(error.message).toContain('StartCommandExecution');
    await client.send(new StopSandboxCommand({ id: sandbox.id! }));
  });

  it('after a restart keeps its records, with the running sandbox STOPPED and its container gone', async () => {
    const sandbox = await runningSandbox();
    const { commandExecution } = await client.send(new StartCommandExecutionCommand({ sandboxId: sandbox.id!, command: 'echo before the restart' }));
    await finished(sandbox.id!, commandExecution!.id!);
    await env.close();
    expect((await sandboxContainers()).length).toBe(0);
    env = await startTestEmulator({ dataDir });
    client = env.client(CodeBuildClient);
    const after = await sandboxOf(sandbox.id!);
    expect(after).toMatchObject({ id: sandbox.id, status: 'STOPPED', projectName: project });
    const { commandExecutions } = await client.send(new BatchGetCommandExecutionsCommand({ sandboxId: sandbox.id!, commandExecutionIds: [commandExecution!.id!] }));
    expect(commandExecutions?.[0]).toMatchObject({ status: 'SUCCEEDED', standardOutputContent: 'before the restart\n' });
  });
});

describe("a CodeBuild sandbox past its project's timeout", () => {
  const clock = new ManualClock();
  let env: TestEmulator;
  let client: CodeBuildClient;
  const dataDir = freshDataDir();
  const containers = new ContainerRunner({ docker: createDockerClient(process.env.DOCKER_HOST) });

  beforeAll(async () => {
    await ensureBuildImage();
    env = await startTestEmulator({ dataDir }, { overrides: { clock, timers: clock } });
    client = env.client(CodeBuildClient);
  }, BUILD_IMAGE_TIMEOUT_MS);
  afterAll(async () => {
    await env?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is TIMED_OUT, its container removed', async () => {
    const name = uniqueName('timeout');
    await client.send(new CreateProjectCommand({ name, source: { type: 'NO_SOURCE', buildspec: 'version: 0.2\nphases:\n  build:\n    commands:\n      - echo hi\n' }, artifacts: { type: 'NO_ARTIFACTS' }, timeoutInMinutes: 5, ...DEFAULT_IMAGE_PROJECT }));
    const { sandbox } = await client.send(new StartSandboxCommand({ projectName: name }));
    const sandboxOf = async () => (await client.send(new BatchGetSandboxesCommand({ ids: [sandbox!.id!] }))).sandboxes![0];
    await waitFor(sandboxOf, { timeoutMs: START_TIMEOUT_MS, intervalMs: 200, description: 'the sandbox to run' }, (s) => s.status === 'IN_PROGRESS');
    clock.advance(5 * 60_000);
    const ended = await waitFor(sandboxOf, { timeoutMs: 30_000, intervalMs: 100, description: 'the sandbox to time out' }, (s) => s.status === 'TIMED_OUT');
    expect(ended.currentSession?.phases?.find((p) => p.phaseType === 'RUN_SANDBOX')?.phaseStatus).toBe('TIMED_OUT');
    expect(await containers.listProjectContainers({ labels: { [SANDBOX_OWNER_LABEL]: dataDir } })).toEqual([]);
  });
});
