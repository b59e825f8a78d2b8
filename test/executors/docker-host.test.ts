import { BatchGetBuildsCommand, CodeBuildClient, CreateProjectCommand, StartBuildCommand, type Build } from '@aws-sdk/client-codebuild';
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { strFromU8, unzipSync } from 'fflate';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BuildImages, buildContainerName, loadImageMap } from '../../src/codebuild/index.js';
import { createDockerClient, PROJECT_LABEL_FILTER } from '../../src/runner/index.js';
import { silentLogger } from '../../src/shared/index.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { uniqueName } from '../helpers/pipelines.js';
import { waitFor } from '../helpers/wait.js';
import { s3ClientSettings } from '../api/s3/s3-emulator.js';
import { createShellProject } from './shell-project.js';
import { freePort, startSecondDockerd, type SecondDockerd } from './second-dockerd.js';

const BASE_IMAGE = 'debian:bookworm-slim';
// An image that exists on the second engine only: a build that sees its marker ran there.
const REMOTE_IMAGE = `codepipeline-local-test/remote-engine:${process.pid}`;

const BUILDSPEC = `version: 0.2
phases:
  build:
    commands:
      - echo "engine says $(cat /etc/engine-marker)"
      - echo "built remotely" > out.txt
artifacts:
  files:
    - out.txt
`;

async function dockerCli(args: string[]): Promise<string> {
  return (await promisify(execFile)('docker', args)).stdout;
}

async function finished(client: CodeBuildClient, id: string): Promise<Build> {
  const out = await waitFor(() => client.send(new BatchGetBuildsCommand({ ids: [id] })), { description: `build ${id} to complete`, timeoutMs: 120_000, intervalMs: 100 }, (o) => Boolean(o.builds?.[0]?.buildComplete));
  return out.builds![0];
}

describe('--executor docker-host: builds on another Docker engine', () => {
  let engine: SecondDockerd;
  let env: TestEmulator | undefined;
  let deadHost: string;

  beforeAll(async () => {
    engine = await startSecondDockerd([BASE_IMAGE]);
    const context = mkdtempSync(join(tmpdir(), 'cpl-remote-image-'));
    try {
      writeFileSync(join(context, 'Dockerfile'), `FROM ${BASE_IMAGE}\nRUN echo remote > /etc/engine-marker\n`);
      await engine.docker('build', '-q', '-t', REMOTE_IMAGE, context);
    } finally {
      rmSync(context, { recursive: true, force: true });
    }
    deadHost = `tcp://127.0.0.1:${await freePort()}`;
  }, 180_000);

  afterAll(async () => {
    await env?.close();
    await engine?.stop();
  }, 120_000);

  it('builds the build image on the chosen engine on first use, with its progress lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cpl-tiny-build-image-'));
    try {
      writeFileSync(join(dir, 'Dockerfile'), `FROM ${BASE_IMAGE}\nRUN mkdir -p /codebuild/output/tmp\n`);
      const tag = `codepipeline-local-test/tiny-build:${process.pid}`;
      const images = new BuildImages({ docker: createDockerClient(engine.host), map: loadImageMap(), log: silentLogger(), buildImageDir: dir, defaultImage: tag });
      const lines: string[] = [];
      await images.ensureDefault((line) => lines.push(line));
      expect(lines[0]).toMatch(new RegExp(`^Building the build image ${tag} from .*Dockerfile \\(first use;`));
      expect(lines, lines.join('\n')).toContain('[build image] Step 2/4 : RUN mkdir -p /codebuild/output/tmp');
      expect(lines.at(-1)).toMatch(/^Built the build image .* in \d+ s$/);
      expect((await engine.docker('images', '-q', tag)).trim()).not.toBe('');
      // The machine's own engine was not used.
      expect(await createDockerClient(process.env.DOCKER_HOST).getImage(tag).inspect().then(() => true, () => false)).toBe(false);
      const again: string[] = [];
      await images.ensureDefault((line) => again.push(line));
      expect(again).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails a build on an engine that cannot be reached as a client error, places the next one on the other engine, and leaves nothing running there', async () => {
    // The unreachable engine is first: on a tie the first engine is chosen, so the first build goes there.
    env = await startTestEmulator({ executor: 'docker-host', dockerHosts: [deadHost, engine.host] });
    const client = env.client(CodeBuildClient);
    const s3 = new S3Client({ ...s3ClientSettings(env.url), forcePathStyle: true });
    try {
      await s3.send(new CreateBucketCommand({ Bucket: 'remote-artifacts' }));
      const name = uniqueName('remote');
      await client.send(new CreateProjectCommand({
        name,
        source: { type: 'NO_SOURCE', buildspec: BUILDSPEC },
        artifacts: { type: 'S3', location: 'remote-artifacts', path: 'out', name: 'result.zip', packaging: 'ZIP', namespaceType: 'NONE' },
        environment: { type: 'LINUX_CONTAINER', image: REMOTE_IMAGE, computeType: 'BUILD_GENERAL1_SMALL' },
        serviceRole: 'arn:aws:iam::000000000000:role/service-role/codebuild',
      }));

      const first = await finished(client, (await client.send(new StartBuildCommand({ projectName: name }))).build!.id!);
      expect(first.buildStatus).toBe('FAILED');
      const provisioning = first.phases!.find((p) => p.phaseType === 'PROVISIONING')!;
      expect(provisioning.phaseStatus).toBe('FAILED');
      expect(provisioning.contexts).toEqual([{ statusCode: 'CLIENT_ERROR', message: expect.stringContaining(`Unable to reach the Docker engine ${deadHost}: connect ECONNREFUSED`) }]);
      const failedLog = await (await fetch(first.logs!.deepLink!)).text();
      expect(failedLog).toContain('Phase context status code: CLIENT_ERROR Message: Unable to reach the Docker engine');

      const second = await finished(client, (await client.send(new StartBuildCommand({ projectName: name }))).build!.id!);
      expect(second.buildStatus, JSON.stringify(second.phases)).toBe('SUCCEEDED');
      expect(second.phases!.map((p) => [p.phaseType, p.phaseStatus])).toEqual([
        ['SUBMITTED', 'SUCCEEDED'], ['QUEUED', 'SUCCEEDED'], ['PROVISIONING', 'SUCCEEDED'], ['DOWNLOAD_SOURCE', 'SUCCEEDED'], ['INSTALL', 'SUCCEEDED'],
        ['PRE_BUILD', 'SUCCEEDED'], ['BUILD', 'SUCCEEDED'], ['POST_BUILD', 'SUCCEEDED'], ['UPLOAD_ARTIFACTS', 'SUCCEEDED'], ['FINALIZING', 'SUCCEEDED'], ['COMPLETED', undefined],
      ]);
      const log = await (await fetch(second.logs!.deepLink!)).text();
      expect(log).toMatch(/^engine says remote$/m);
      const zip = await s3.send(new GetObjectCommand({ Bucket: 'remote-artifacts', Key: 'out/result.zip' }));
      expect(strFromU8(unzipSync(await zip.Body!.transformToByteArray())['out.txt'])).toBe('built remotely\n');

      // The build's container was created (or renamed to its name) on the second engine, with our label.
      const events = await engine.docker('events', '--since', '0', '--until', `${Math.ceil(Date.now() / 1000) + 1}`, '--filter', `label=${PROJECT_LABEL_FILTER}`, '--format', '{{.Action}} {{.Actor.Attributes.name}}');
      expect(events).toContain(buildContainerName(second.id!));
      // A warm container waits there for the next build while the emulator runs.
      expect((await engine.docker('ps', '-a', '--filter', `label=${PROJECT_LABEL_FILTER}`, '--format', '{{.Names}}')).trim()).not.toBe('');
    } finally {
      s3.destroy();
      await env.close();
      env = undefined;
    }
    expect((await engine.docker('ps', '-a', '--filter', `label=${PROJECT_LABEL_FILTER}`, '--format', '{{.Names}}')).trim()).toBe('');
  });

  it('fails a build whose engine goes away mid-build, and places the next build on the engine left', async () => {
    const doomed = await startSecondDockerd([BASE_IMAGE]);
    try {
      // The doomed engine first, the surviving one second: the first build goes to the doomed one.
      env = await startTestEmulator({ executor: 'docker-host', dockerHosts: [doomed.host, engine.host], buildWarmIdleSeconds: 0 });
      const client = env.client(CodeBuildClient);
      const name = uniqueName('doomed');
      await createShellProject(client, name, ['echo waiting', 'while [ "$WAIT" = yes ]; do sleep 1; done', 'echo done'], BASE_IMAGE, 'BUILD_GENERAL1_SMALL', { timeoutInMinutes: 5 });
      const wait = (value: string) => [{ name: 'WAIT', value, type: 'PLAINTEXT' as const }];
      const id = (await client.send(new StartBuildCommand({ projectName: name, environmentVariablesOverride: wait('yes') }))).build!.id!;
      await waitFor(() => client.send(new BatchGetBuildsCommand({ ids: [id] })), { description: 'the build to reach BUILD', timeoutMs: 60_000, intervalMs: 100 }, (o) => o.builds?.[0]?.currentPhase === 'BUILD');
      // The engine dies at once, as a host that goes down: a daemon shutting down would first kill the build's
      // container, and the build would fail as a plain command failure while the daemon still answered.
      await doomed.crash();
      const lost = await finished(client, id);
      expect(lost.buildStatus).toBe('FAILED');
      const build = lost.phases!.find((p) => p.phaseType === 'BUILD')!;
      expect(build.phaseStatus).toBe('FAILED');
      expect(build.contexts).toEqual([{ statusCode: 'CLIENT_ERROR', message: expect.stringContaining(`The Docker engine ${doomed.host} went away during the build: `) }]);
      const log = await (await fetch(lost.logs!.deepLink!)).text();
      expect(log).toMatch(/Phase complete: BUILD State: FAILED\n.*Phase context status code: CLIENT_ERROR Message: The Docker engine unix:\/\/\/tmp\/cpl-dockerd-\w+\/docker\.sock went away during the build/);

      const next = await finished(client, (await client.send(new StartBuildCommand({ projectName: name, environmentVariablesOverride: wait('no') }))).build!.id!);
      expect(next.buildStatus).toBe('SUCCEEDED');
      expect(await (await fetch(next.logs!.deepLink!)).text()).toMatch(/^done$/m);
      const events = await engine.docker('events', '--since', '0', '--until', `${Math.ceil(Date.now() / 1000) + 1}`, '--filter', `label=${PROJECT_LABEL_FILTER}`, '--format', '{{.Actor.Attributes.name}}');
      expect(events).toContain(buildContainerName(next.id!));
    } finally {
      await env?.close();
      env = undefined;
      await doomed.stop();
    }
  }, 180_000);

  it('places two builds running at once on two engines, the machine\'s and another', async () => {
    const local = process.env.DOCKER_HOST?.startsWith('unix://') ? process.env.DOCKER_HOST : `unix://${process.env.DOCKER_HOST ?? '/var/run/docker.sock'}`;
    env = await startTestEmulator({ executor: 'docker-host', dockerHosts: [local, engine.host], buildWarmIdleSeconds: 0 });
    try {
      const client = env.client(CodeBuildClient);
      const name = uniqueName('spread');
      // Each build waits until the test has seen where both run, then ends.
      await createShellProject(client, name, ['while [ ! -f /tmp/go ]; do sleep 0.2; done', 'echo released'], BASE_IMAGE);
      const ids: string[] = [];
      for (let i = 0; i < 2; i++) ids.push((await client.send(new StartBuildCommand({ projectName: name }))).build!.id!);
      await waitFor(() => client.send(new BatchGetBuildsCommand({ ids })), { description: 'both builds to reach BUILD', timeoutMs: 60_000, intervalMs: 100 }, (o) => o.builds?.length === 2 && o.builds.every((b) => b.currentPhase === 'BUILD'));
      const names = ids.map(buildContainerName);
      const onEngine = async (docker: (...args: string[]) => Promise<string>) =>
        (await docker('ps', '--filter', `label=${PROJECT_LABEL_FILTER}`, '--format', '{{.Names}}')).split('\n').filter((n) => names.includes(n));
      const localDocker = (...args: string[]) => dockerCli(['-H', local, ...args]);
      const [here, there] = [await onEngine(localDocker), await onEngine(engine.docker)];
      expect([here.length, there.length]).toEqual([1, 1]);
      await localDocker('exec', here[0], 'touch', '/tmp/go');
      await engine.docker('exec', there[0], 'touch', '/tmp/go');
      for (const id of ids) expect((await finished(client, id)).buildStatus).toBe('SUCCEEDED');
    } finally {
      await env.close();
      env = undefined;
    }
  });
});
