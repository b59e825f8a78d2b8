import { BatchGetBuildsCommand, CodeBuildClient, StartBuildCommand, StopBuildCommand, type Build } from '@aws-sdk/client-codebuild';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContainerName, SWARM_BUILD_LABEL } from '../../src/codebuild/index.js';
import { freshDataDir, startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { uniqueName } from '../helpers/pipelines.js';
import { waitFor } from '../helpers/wait.js';
import { startSecondDockerd, type SecondDockerd } from './second-dockerd.js';
import { createShellProject } from './shell-project.js';

const BASE_IMAGE = 'debian:bookworm-slim';
const OWNER_LABEL = 'codepipeline-local.codebuild-owner';
// More than this machine's memory and every compute type's, so that the compute type's own memory is reserved.
const NO_MEMORY_CAP_MB = 1_000_000;

interface ServiceSeen {
  name: string;
  labels: Record<string, string>;
}

async function finished(client: CodeBuildClient, id: string): Promise<Build> {
  const out = await waitFor(() => client.send(new BatchGetBuildsCommand({ ids: [id] })), { description: `build ${id} to complete`, timeoutMs: 180_000, intervalMs: 100 }, (o) => Boolean(o.builds?.[0]?.buildComplete));
  return out.builds![0];
}

describe('--executor swarm: builds as replicated-job services on a single-node swarm', () => {
  let engine: SecondDockerd;
  let env: TestEmulator | undefined;
  let client: CodeBuildClient;

  // The services of an emulator's data folder on the swarm, with their labels.
  const services = async (dataDir: string): Promise<ServiceSeen[]> => {
    const out = await engine.docker('service', 'ls', '--filter', `label=${OWNER_LABEL}=${dataDir}`, '--format', '{{.Name}}');
    const names = out.split('\n').filter(Boolean);
    return Promise.all(names.map(async (name) => ({ name, labels: JSON.parse(await engine.docker('service', 'inspect', name, '--format', '{{json .Spec.Labels}}')) as Record<string, string> })));
  };

  // The seed journey's build (the default build image) runs on a swarm in instances-swarm.test.ts, beside its Deploy
  // stage's instance: one second dockerd with both images, rather than the build image loaded here too.
  beforeAll(async () => {
    // Its own network namespace and socket: the machine's engine and its docker0 are not touched.
    engine = await startSecondDockerd([BASE_IMAGE], { loopback: true });
    await engine.docker('swarm', 'init', '--advertise-addr', '127.0.0.1');
    env = await startTestEmulator({ executor: 'swarm', swarmHost: engine.host, buildMaxMemoryMb: NO_MEMORY_CAP_MB });
    client = env.client(CodeBuildClient);
  }, 180_000);

  afterAll(async () => {
    await env?.close();
    await engine?.docker('swarm', 'leave', '--force').catch(() => undefined);
    await engine?.stop();
  }, 120_000);

  it('holds a build whose compute type does not fit on any node in QUEUED, saying why; StopBuild ends it and removes its service', async () => {
    const live = env!;
    const name = uniqueName('too-big');
    // 145 GB of memory: more than the node has.
    await createShellProject(client, name, 'echo never', BASE_IMAGE, 'BUILD_GENERAL1_2XLARGE');
    const id = (await client.send(new StartBuildCommand({ projectName: name }))).build!.id!;
    const queued = await waitFor(() => client.send(new BatchGetBuildsCommand({ ids: [id] })), { description: 'the build to wait in QUEUED for room', timeoutMs: 60_000, intervalMs: 100 }, (o) =>
      // The swarm says `pending task scheduling` first, then why no node takes the task.
      Boolean(o.builds?.[0]?.phases?.find((p) => p.phaseType === 'QUEUED')?.contexts?.some((c) => c.message?.includes('no suitable node'))),
    );
    const build = queued.builds![0];
    expect(build.currentPhase).toBe('QUEUED');
    expect(build.buildStatus).toBe('IN_PROGRESS');
    expect(build.phases!.find((p) => p.phaseType === 'QUEUED')!.contexts).toEqual([{ statusCode: '', message: 'Waiting for room on the Docker swarm: no suitable node (insufficient resources on 1 node)' }]);
    const [service] = await services(live.dataDir);
    expect(service).toEqual({ name: buildContainerName(id), labels: expect.objectContaining({ [SWARM_BUILD_LABEL]: id }) });
    const reservation = JSON.parse(await engine.docker('service', 'inspect', service.name, '--format', '{{json .Spec.TaskTemplate.Resources}}'));
    expect(reservation).toMatchObject({ Reservations: { MemoryBytes: 145 * 1024 * 1024 * 1024 }, Limits: { MemoryBytes: 145 * 1024 * 1024 * 1024 } });

    const stopped = (await client.send(new StopBuildCommand({ id }))).build!;
    expect(stopped.buildStatus).toBe('STOPPED');
    expect(stopped.phases!.map((p) => [p.phaseType, p.phaseStatus])).toEqual([['SUBMITTED', 'SUCCEEDED'], ['QUEUED', 'STOPPED'], ['FINALIZING', 'SUCCEEDED'], ['COMPLETED', undefined]]);
    await waitFor(() => services(live.dataDir), { description: 'the stopped build\'s service to be removed', timeoutMs: 60_000, intervalMs: 100 }, (s) => s.length === 0);
  }, 120_000);

  it('fails PROVISIONING with BUILD_CONTAINER_UNABLE_TO_PULL_IMAGE when the node has no such image, and removes the service', async () => {
    const live = env!;
    const name = uniqueName('no-image');
    const image = `codepipeline-local-test/no-such-image:${process.pid}`;
    await createShellProject(client, name, 'echo never', image, 'BUILD_GENERAL1_SMALL');
    const failed = await finished(client, (await client.send(new StartBuildCommand({ projectName: name }))).build!.id!);
    expect(failed.buildStatus).toBe('FAILED');
    expect(failed.phases!.map((p) => [p.phaseType, p.phaseStatus])).toEqual([['SUBMITTED', 'SUCCEEDED'], ['QUEUED', 'SUCCEEDED'], ['PROVISIONING', 'FAILED'], ['FINALIZING', 'SUCCEEDED'], ['COMPLETED', undefined]]);
    const [context] = failed.phases!.find((p) => p.phaseType === 'PROVISIONING')!.contexts!;
    expect(context.statusCode).toBe('BUILD_CONTAINER_UNABLE_TO_PULL_IMAGE');
    expect(context.message).toMatch(new RegExp(`^Unable to pull customer's container image\\. The Docker swarm's task on node \\S+ was rejected: .*${image.replace(/[/.]/g, '\\$&')}`));
    const log = await (await fetch(failed.logs!.deepLink!)).text();
    expect(log).toContain('Phase context status code: BUILD_CONTAINER_UNABLE_TO_PULL_IMAGE Message: Unable to pull customer\'s container image.');
    await waitFor(() => services(live.dataDir), { description: 'the failed build\'s service to be removed', timeoutMs: 60_000, intervalMs: 100 }, (s) => s.length === 0);
  }, 120_000);

  it('fails PROVISIONING with CLIENT_ERROR, saying so, when --swarm-host is an engine that is no swarm manager', async () => {
    const plain = await startSecondDockerd([]);
    const other = await startTestEmulator({ executor: 'swarm', swarmHost: plain.host });
    try {
      const client = other.client(CodeBuildClient);
      const name = uniqueName('no-swarm');
      await createShellProject(client, name, 'echo never', BASE_IMAGE, 'BUILD_GENERAL1_SMALL');
      const failed = await finished(client, (await client.send(new StartBuildCommand({ projectName: name }))).build!.id!);
      expect(failed.buildStatus).toBe('FAILED');
      expect(failed.phases!.find((p) => p.phaseType === 'PROVISIONING')!.contexts).toEqual([
        { statusCode: 'CLIENT_ERROR', message: expect.stringMatching(new RegExp(`^The Docker engine ${plain.host} cannot run builds on a swarm: .*not a swarm manager`)) },
      ]);
    } finally {
      await other.close();
      await plain.stop();
    }
  }, 120_000);

  it('fails the running phase with CLIENT_ERROR when the node\'s engine goes away mid-build', async () => {
    const doomed = await startSecondDockerd([BASE_IMAGE], { loopback: true });
    let other: TestEmulator | undefined;
    try {
      await doomed.docker('swarm', 'init', '--advertise-addr', '127.0.0.1');
      other = await startTestEmulator({ executor: 'swarm', swarmHost: doomed.host });
      const client = other.client(CodeBuildClient);
      const name = uniqueName('doomed');
      await createShellProject(client, name, 'while true; do sleep 1; done', BASE_IMAGE, 'BUILD_GENERAL1_SMALL', { timeoutInMinutes: 5 });
      const id = (await client.send(new StartBuildCommand({ projectName: name }))).build!.id!;
      await waitFor(() => client.send(new BatchGetBuildsCommand({ ids: [id] })), { description: 'the build to reach BUILD', timeoutMs: 120_000, intervalMs: 100 }, (o) => o.builds?.[0]?.currentPhase === 'BUILD');
      // The node (here the manager too) dies at once, as a host that goes down.
      await doomed.crash();
      const lost = await finished(client, id);
      expect(lost.buildStatus).toBe('FAILED');
      expect(lost.phases!.find((p) => p.phaseType === 'BUILD')!.contexts).toEqual([
        { statusCode: 'CLIENT_ERROR', message: expect.stringContaining(`The Docker engine ${doomed.host} went away during the build: `) },
      ]);
    } finally {
      // Its close cannot remove the service of a swarm that is gone: it says so in its log and ends.
      await other?.close();
      await doomed.stop();
    }
  }, 240_000);

  it('leaves no service of its data folder when it stops mid-build, and removes those an earlier process left when it starts', async () => {
    await env!.close();
    env = undefined;
    const dataDir = freshDataDir();
    try {
      // A service an earlier emulator of this data folder left behind.
      await engine.docker('service', 'create', '--detach', '--name', `codepipeline-local-build-${uniqueName('leftover')}`, '--mode', 'replicated-job', '--restart-condition', 'none',
        '--label', `${OWNER_LABEL}=${dataDir}`, '--label', 'codepipeline-local=true', BASE_IMAGE, 'tail', '-f', '/dev/null');
      expect(await services(dataDir)).toHaveLength(1);
      env = await startTestEmulator({ executor: 'swarm', swarmHost: engine.host, dataDir });
      const client = env.client(CodeBuildClient);
      const name = uniqueName('endless');
      await createShellProject(client, name, 'while true; do sleep 1; done', BASE_IMAGE, 'BUILD_GENERAL1_SMALL');
      const id = (await client.send(new StartBuildCommand({ projectName: name }))).build!.id!;
      await waitFor(() => client.send(new BatchGetBuildsCommand({ ids: [id] })), { description: 'the build to reach BUILD', timeoutMs: 120_000, intervalMs: 100 }, (o) => o.builds?.[0]?.currentPhase === 'BUILD');
      // The leftover went after the first answer; the running build's service stayed.
      expect(await services(dataDir)).toEqual([{ name: buildContainerName(id), labels: expect.objectContaining({ [SWARM_BUILD_LABEL]: id }) }]);
      await env.close();
      env = undefined;
      expect(await services(dataDir)).toEqual([]);
      // The swarm removes the tasks' containers of a removed service shortly after.
      await waitFor(() => engine.docker('ps', '-a', '--filter', `label=${OWNER_LABEL}=${dataDir}`, '--format', '{{.Names}}'), { description: "the build's container to be removed", timeoutMs: 60_000, intervalMs: 100 }, (out) => out.trim() === '');
    } finally {
      // Closed before its data folder goes, should an assertion have failed with the emulator running.
      await env?.close();
      env = undefined;
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});
