import {
  BatchDeleteBuildsCommand,
  BatchGetBuildsCommand,
  CreateProjectCommand,
  ListBuildsCommand,
  ListBuildsForProjectCommand,
  RetryBuildCommand,
  StartBuildCommand,
  StopBuildCommand,
  type CreateProjectCommandInput,
} from '@aws-sdk/client-codebuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunBuild } from '../../../src/codebuild/index.js';
import { errorOf } from '../../helpers/errors.js';
import { uniqueName } from '../../helpers/pipelines.js';
import { waitFor } from '../../helpers/wait.js';
import { finishedBuild, scriptedPhases, startCodeBuildServer, succeedingScript, SUCCEEDED_PHASES, waitUntilStoppedScript, type CodeBuildTestServer } from './codebuild-server.js';

const BUILDSPEC = 'version: 0.2\nphases:\n  build:\n    commands:\n      - echo hi\n';

function projectInput(name: string, overrides: Partial<CreateProjectCommandInput> = {}): CreateProjectCommandInput {
  return {
    name,
    source: { type: 'NO_SOURCE', buildspec: BUILDSPEC },
    artifacts: { type: 'NO_ARTIFACTS' },
    environment: { type: 'LINUX_CONTAINER', image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_SMALL' },
    serviceRole: 'arn:aws:iam::000000000000:role/service-role/codebuild',
    ...overrides,
  };
}

// Succeeds, except builds whose buildspec says FAIL, which fail in BUILD; builds whose buildspec says WAIT wait to be stopped.
const script: RunBuild = async (request) => {
  if (request.buildspec.includes('WAIT')) return waitUntilStoppedScript(request);
  if (!request.buildspec.includes('FAIL')) return succeedingScript(request);
  const message = 'Error while executing command: npm test. Reason: exit status 1';
  return { status: 'FAILED', phases: await scriptedPhases(request, { phase: 'BUILD', message }), exportedVariables: {}, artifacts: {}, failure: { phase: 'BUILD', message, exitCode: 1 } };
};

describe('CodeBuild builds API', () => {
  let server: CodeBuildTestServer;
  let project: string;
  beforeAll(async () => {
    server = await startCodeBuildServer({ script });
    project = uniqueName('builds');
    await server.client.send(new CreateProjectCommand(projectInput(project)));
  });
  afterAll(async () => server?.close());

  describe('StartBuild', () => {
    it('returns the build as submitted: IN_PROGRESS, SUBMITTED done and QUEUED begun', async () => {
      const { build } = await server.client.send(new StartBuildCommand({ projectName: project }));
      expect(build!.id).toMatch(new RegExp(`^${project}:[0-9a-f-]{36}$`));
      expect(build).toMatchObject({
        arn: `arn:aws:codebuild:us-east-1:000000000000:build/${build!.id}`,
        projectName: project,
        buildStatus: 'IN_PROGRESS',
        currentPhase: 'QUEUED',
        buildComplete: false,
        initiator: 'root',
        timeoutInMinutes: 60,
        queuedTimeoutInMinutes: 480,
        source: { type: 'NO_SOURCE', buildspec: BUILDSPEC },
        environment: { image: 'aws/codebuild/standard:7.0' },
        logs: { groupName: `/aws/codebuild/${project}`, streamName: build!.id!.split(':')[1], deepLink: `${server.url}/codebuild/builds/${encodeURIComponent(build!.id!)}/log` },
      });
      expect(build!.phases).toEqual([
        { phaseType: 'SUBMITTED', phaseStatus: 'SUCCEEDED', startTime: build!.startTime, endTime: build!.startTime, durationInSeconds: 0 },
        { phaseType: 'QUEUED', startTime: build!.startTime },
      ]);
      await finishedBuild(server.client, build!.id!);
    });

    it('numbers the builds of a project 1, 2, ...', async () => {
      const name = uniqueName('numbers');
      await server.client.send(new CreateProjectCommand(projectInput(name)));
      const first = (await server.client.send(new StartBuildCommand({ projectName: name }))).build!;
      const second = (await server.client.send(new StartBuildCommand({ projectName: name }))).build!;
      expect([first.buildNumber, second.buildNumber]).toEqual([1, 2]);
      await Promise.all([finishedBuild(server.client, first.id!), finishedBuild(server.client, second.id!)]);
    });

    it('hands the overrides to the runner in CodeBuild precedence', async () => {
      const name = uniqueName('overrides');
      await server.client.send(
        new CreateProjectCommand(projectInput(name, { environment: { ...projectInput(name).environment!, environmentVariables: [{ name: 'A', value: 'project' }, { name: 'B', value: 'project' }] } })),
      );
      const { build } = await server.client.send(
        new StartBuildCommand({
          projectName: name,
          buildspecOverride: 'version: 0.2\nphases:\n  build:\n    commands:\n      - echo override\n',
          environmentVariablesOverride: [{ name: 'B', value: 'override', type: 'PLAINTEXT' }],
          imageOverride: 'my/own-image:2',
          timeoutInMinutesOverride: 7,
        }),
      );
      await finishedBuild(server.client, build!.id!);
      const request = server.requests.find((r) => r.buildId === build!.id)!;
      expect(request).toMatchObject({ buildspec: expect.stringContaining('echo override'), buildspecLocation: '/codebuild/readonly/buildspec.yml', timeoutInMinutes: 7, initiator: 'root' });
      expect(request.environmentVariables).toEqual([
        { name: 'A', value: 'project', type: 'PLAINTEXT' },
        { name: 'B', value: 'override', type: 'PLAINTEXT' },
      ]);
      expect(build).toMatchObject({ timeoutInMinutes: 7, environment: { image: 'my/own-image:2' } });
    });

    describe('when an idempotency token is repeated', () => {
      it('returns the build it started, and refuses other parameters with it', async () => {
        const idempotencyToken = uniqueName('token');
        const first = (await server.client.send(new StartBuildCommand({ projectName: project, idempotencyToken }))).build!;
        const again = (await server.client.send(new StartBuildCommand({ projectName: project, idempotencyToken }))).build!;
        expect(again.id).toBe(first.id);
        const error = await errorOf(server.client.send(new StartBuildCommand({ projectName: project, idempotencyToken, imageOverride: 'other:1' })));
        expect(error.name).toBe('InvalidInputException');
        await finishedBuild(server.client, first.id!);
      });
    });

    describe('when the project does not exist', () => {
      it('fails with ResourceNotFoundException', async () => {
        const error = await errorOf(server.client.send(new StartBuildCommand({ projectName: 'no-such-project' })));
        expect(error).toMatchObject({ name: 'ResourceNotFoundException', message: 'Project cannot be found: arn:aws:codebuild:us-east-1:000000000000:project/no-such-project' });
      });
    });
  });

  describe('BatchGetBuilds', () => {
    it('shows a finished build with every phase, its status, duration and contexts', async () => {
      const { build } = await server.client.send(new StartBuildCommand({ projectName: project }));
      const done = await finishedBuild(server.client, build!.id!);
      expect(done).toMatchObject({ buildStatus: 'SUCCEEDED', currentPhase: 'COMPLETED', buildComplete: true, exportedEnvironmentVariables: [{ name: 'BUILT_BY', value: 'script' }] });
      expect(done.endTime!.getTime()).toBeGreaterThanOrEqual(done.startTime!.getTime());
      expect(done.phases!.map((p) => [p.phaseType, p.phaseStatus])).toEqual(SUCCEEDED_PHASES);
      const build_ = done.phases!.find((p) => p.phaseType === 'BUILD')!;
      expect(build_).toEqual({ phaseType: 'BUILD', phaseStatus: 'SUCCEEDED', startTime: build_.startTime, endTime: build_.endTime, durationInSeconds: 0, contexts: [] });
      expect(Object.keys(done.phases!.at(-1)!)).toEqual(['phaseType', 'startTime']);
    });

    it('shows the failing phase with its context', async () => {
      const { build } = await server.client.send(new StartBuildCommand({ projectName: project, buildspecOverride: 'version: 0.2\n# FAIL\n' }));
      const done = await finishedBuild(server.client, build!.id!);
      expect(done.buildStatus).toBe('FAILED');
      expect(done.phases!.find((p) => p.phaseType === 'BUILD')).toMatchObject({
        phaseStatus: 'FAILED',
        contexts: [{ statusCode: 'COMMAND_EXECUTION_ERROR', message: 'Error while executing command: npm test. Reason: exit status 1' }],
      });
    });

    it('lists unknown ids as not found', async () => {
      const out = await server.client.send(new BatchGetBuildsCommand({ ids: [`${project}:00000000-0000-0000-0000-000000000000`] }));
      expect(out).toMatchObject({ builds: [], buildsNotFound: [`${project}:00000000-0000-0000-0000-000000000000`] });
    });
  });

  describe('StopBuild', () => {
    it('stops a running build and returns it STOPPED', async () => {
      const { build } = await server.client.send(new StartBuildCommand({ projectName: project, buildspecOverride: 'version: 0.2\n# WAIT\n' }));
      await waitFor(async () => (await server.client.send(new BatchGetBuildsCommand({ ids: [build!.id!] }))).builds![0].currentPhase === 'BUILD');
      const stopped = (await server.client.send(new StopBuildCommand({ id: build!.id! }))).build!;
      expect(stopped).toMatchObject({ buildStatus: 'STOPPED', currentPhase: 'COMPLETED', buildComplete: true });
      expect(stopped.phases!.find((p) => p.phaseType === 'BUILD')!.phaseStatus).toBe('STOPPED');
    });

    describe('when the build does not exist', () => {
      it('fails with ResourceNotFoundException', async () => {
        const error = await errorOf(server.client.send(new StopBuildCommand({ id: `${project}:missing` })));
        expect(error.name).toBe('ResourceNotFoundException');
      });
    });
  });

  describe('RetryBuild', () => {
    it('starts a new build of the project with the same overrides', async () => {
      const { build } = await server.client.send(new StartBuildCommand({ projectName: project, environmentVariablesOverride: [{ name: 'X', value: '1' }] }));
      await finishedBuild(server.client, build!.id!);
      const retried = (await server.client.send(new RetryBuildCommand({ id: build!.id! }))).build!;
      expect(retried.id).not.toBe(build!.id);
      expect(retried.buildNumber).toBeGreaterThan(build!.buildNumber!);
      await finishedBuild(server.client, retried.id!);
      expect(server.requests.find((r) => r.buildId === retried.id)!.environmentVariables).toEqual([{ name: 'X', value: '1', type: 'PLAINTEXT' }]);
    });
  });

  describe('ListBuilds and ListBuildsForProject', () => {
    it('list ids newest first, or oldest first when asked', async () => {
      const name = uniqueName('lists');
      await server.client.send(new CreateProjectCommand(projectInput(name)));
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await server.client.send(new StartBuildCommand({ projectName: name }))).build!.id!);
      await Promise.all(ids.map((id) => finishedBuild(server.client, id)));
      expect((await server.client.send(new ListBuildsForProjectCommand({ projectName: name }))).ids).toEqual([...ids].reverse());
      expect((await server.client.send(new ListBuildsForProjectCommand({ projectName: name, sortOrder: 'ASCENDING' }))).ids).toEqual(ids);
      const all = (await server.client.send(new ListBuildsCommand({}))).ids!;
      expect(all.filter((id) => ids.includes(id))).toEqual([...ids].reverse());
    });

    describe('when the project does not exist', () => {
      it('fails with ResourceNotFoundException', async () => {
        const error = await errorOf(server.client.send(new ListBuildsForProjectCommand({ projectName: 'no-such-project' })));
        expect(error.name).toBe('ResourceNotFoundException');
      });
    });
  });

  describe('BatchDeleteBuilds', () => {
    it('deletes finished builds and reports unknown ones as not deleted', async () => {
      const { build } = await server.client.send(new StartBuildCommand({ projectName: project }));
      await finishedBuild(server.client, build!.id!);
      const missing = `${project}:00000000-0000-0000-0000-000000000000`;
      const out = await server.client.send(new BatchDeleteBuildsCommand({ ids: [build!.id!, missing] }));
      expect(out).toEqual({ $metadata: expect.anything(), buildsDeleted: [build!.id], buildsNotDeleted: [{ id: missing, statusCode: 'BUILD_NOT_FOUND' }] });
      expect((await server.client.send(new BatchGetBuildsCommand({ ids: [build!.id!] }))).buildsNotFound).toEqual([build!.id]);
    });
  });

  describe('when the emulator restarts while a build runs', () => {
    it('records the build as FAULT in the phase it was in', async () => {
      const { build } = await server.client.send(new StartBuildCommand({ projectName: project }));
      await finishedBuild(server.client, build!.id!);
      // What a process that died in BUILD leaves behind: the record still IN_PROGRESS, the phase still open.
      const record = server.store.getBuild(build!.id!)!;
      const open = record.phases.filter((p) => ['SUBMITTED', 'QUEUED', 'PROVISIONING', 'DOWNLOAD_SOURCE', 'INSTALL', 'PRE_BUILD'].includes(p.phaseType));
      server.store.saveBuild({ ...record, buildStatus: 'IN_PROGRESS', buildComplete: false, endMs: undefined, currentPhase: 'BUILD', phases: [...open, { phaseType: 'BUILD', startMs: Date.now() }] });
      expect(server.service.recover()).toEqual([build!.id]);
      const shown = (await server.client.send(new BatchGetBuildsCommand({ ids: [build!.id!] }))).builds![0];
      expect(shown).toMatchObject({ buildStatus: 'FAULT', buildComplete: true, currentPhase: 'COMPLETED' });
      expect(shown.phases!.find((p) => p.phaseType === 'BUILD')).toMatchObject({ phaseStatus: 'FAULT', contexts: [{ statusCode: 'BUILD_INTERRUPTED' }] });
    });
  });

  describe('the build log', () => {
    it('is served as text at logs.deepLink', async () => {
      const { build } = await server.client.send(new StartBuildCommand({ projectName: project }));
      const done = await finishedBuild(server.client, build!.id!);
      const response = await fetch(done.logs!.deepLink!);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/plain');
      const text = await response.text();
      expect(text).toContain('[Container] Entering phase BUILD');
    });

    it('streams until the build ends with ?follow=1', async () => {
      const { build } = await server.client.send(new StartBuildCommand({ projectName: project, buildspecOverride: 'version: 0.2\n# WAIT\n' }));
      await waitFor(async () => server.logs.read(build!.id!)?.includes('sleep 600'));
      const response = await fetch(`${build!.logs!.deepLink}?follow=1`);
      const body = response.text();
      await server.client.send(new StopBuildCommand({ id: build!.id! }));
      const text = await body;
      expect(text).toContain('Running command sleep 600');
      expect(text).toContain('State: STOPPED');
    });

    it('answers 404 for an unknown build', async () => {
      const response = await fetch(`${server.url}/codebuild/builds/${project}%3Amissing/log`);
      expect(response.status).toBe(404);
    });
  });
});
