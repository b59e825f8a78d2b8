import {
  BatchDeleteBuildsCommand,
  BatchGetBuildsCommand,
  CodeBuildClient,
  CreateProjectCommand,
  ListBuildsForProjectCommand,
  RetryBuildCommand,
  StartBuildCommand,
  StopBuildCommand,
} from '@aws-sdk/client-codebuild';
import { CreateBucketCommand, ListObjectsV2Command, PutBucketVersioningCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContainerRunner, createDockerClient } from '../../../src/runner/index.js';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator.js';
import { uniqueName } from '../../helpers/pipelines.js';
import { waitFor } from '../../helpers/wait.js';
import { BUILD_IMAGE_TIMEOUT_MS, DEFAULT_IMAGE_PROJECT, ensureBuildImage } from '../../codebuild/build-image.js';
import { containersOfBuild } from '../../codebuild/build-harness.js';
import { aws } from '../protocol/tiny/aws-cli.js';
import { s3ClientSettings } from '../s3/s3-emulator.js';
import { finishedBuild, SUCCEEDED_PHASES } from './codebuild-server.js';

const BUILDSPEC = `version: 0.2
env:
  exported-variables:
    - GREETING
phases:
  install:
    commands:
      - node --version
  build:
    commands:
      - GREETING="hello from $CODEBUILD_BUILD_NUMBER"
      - echo "$GREETING"
  post_build:
    commands:
      - echo "initiated by $CODEBUILD_INITIATOR"
`;

const FAILING_BUILDSPEC = `version: 0.2
phases:
  build:
    commands:
      - echo before
      - exit 3
  post_build:
    commands:
      - echo "post_build still runs"
`;

describe('CodeBuild builds in Docker (through the SDK)', () => {
  let env: TestEmulator;
  let client: CodeBuildClient;
  const containers = new ContainerRunner({ docker: createDockerClient(process.env.DOCKER_HOST) });
  const project = uniqueName('docker');

  beforeAll(async () => {
    await ensureBuildImage();
    env = await startTestEmulator();
    client = env.client(CodeBuildClient);
    await client.send(new CreateProjectCommand({ name: project, source: { type: 'NO_SOURCE', buildspec: BUILDSPEC }, artifacts: { type: 'NO_ARTIFACTS' }, ...DEFAULT_IMAGE_PROJECT }));
  }, BUILD_IMAGE_TIMEOUT_MS);
  afterAll(async () => env?.close());

  it('runs a NO_SOURCE build with an inline buildspec and shows it as AWS does', async () => {
    const { build } = await client.send(new StartBuildCommand({ projectName: project }));
    const done = await finishedBuild(client, build!.id!, 120_000);
    expect(done).toMatchObject({ buildStatus: 'SUCCEEDED', currentPhase: 'COMPLETED', buildComplete: true, initiator: 'root' });
    expect(done.exportedEnvironmentVariables).toEqual([{ name: 'GREETING', value: `hello from ${done.buildNumber}` }]);
    expect(done.phases!.map((p) => [p.phaseType, p.phaseStatus])).toEqual(SUCCEEDED_PHASES);
    for (const phase of done.phases!.slice(1, -1)) {
      expect(phase.contexts).toEqual([]);
      expect(phase.durationInSeconds).toBeGreaterThanOrEqual(0);
    }
    const log = await (await fetch(done.logs!.deepLink!)).text();
    expect(log).toMatch(/^\[Container\] \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}\.\d{6} Entering phase BUILD$/m);
    expect(log).toContain(`hello from ${done.buildNumber}`);
    expect(log).toMatch(/^v\d+\.\d+\.\d+$/m);
    expect(log).toContain('initiated by root');
  });

  it('reports a failing command in BUILD with its exit code, and still runs POST_BUILD', async () => {
    const { build } = await client.send(new StartBuildCommand({ projectName: project, buildspecOverride: FAILING_BUILDSPEC }));
    const done = await finishedBuild(client, build!.id!, 120_000);
    expect(done.buildStatus).toBe('FAILED');
    expect(done.phases!.find((p) => p.phaseType === 'BUILD')).toMatchObject({
      phaseStatus: 'FAILED',
      contexts: [{ statusCode: 'COMMAND_EXECUTION_ERROR', message: 'Error while executing command: exit 3. Reason: exit status 3' }],
    });
    expect(done.phases!.find((p) => p.phaseType === 'POST_BUILD')!.phaseStatus).toBe('SUCCEEDED');
    expect(await (await fetch(done.logs!.deepLink!)).text()).toContain('post_build still runs');
  });

  it('stops a running build with StopBuild and leaves no container behind', async () => {
    const sleepy = 'version: 0.2\nphases:\n  build:\n    commands:\n      - echo sleeping\n      - sleep 300\n';
    const { build } = await client.send(new StartBuildCommand({ projectName: project, buildspecOverride: sleepy }));
    await waitFor(async () => (await fetch(build!.logs!.deepLink!).then((r) => r.text())).includes('sleep 300'), { timeoutMs: 120_000, intervalMs: 200 });
    expect(await containersOfBuild(containers, build!.id!)).toHaveLength(1);
    const stopped = (await client.send(new StopBuildCommand({ id: build!.id! }))).build!;
    expect(stopped).toMatchObject({ buildStatus: 'STOPPED', buildComplete: true });
    expect(stopped.phases!.find((p) => p.phaseType === 'BUILD')!.phaseStatus).toBe('STOPPED');
    // The runner removes the container as the build stops; Docker may take a moment to finish the removal.
    await waitFor(() => containersOfBuild(containers, build!.id!), { timeoutMs: 10_000, description: 'the build container to be removed' }, (list) => list.length === 0);
  });

  it('retries a build, lists the project builds newest first and deletes builds', async () => {
    const { build } = await client.send(new StartBuildCommand({ projectName: project }));
    await finishedBuild(client, build!.id!, 120_000);
    const retried = (await client.send(new RetryBuildCommand({ id: build!.id! }))).build!;
    const done = await finishedBuild(client, retried.id!, 120_000);
    expect(done.buildStatus).toBe('SUCCEEDED');
    const ids = (await client.send(new ListBuildsForProjectCommand({ projectName: project }))).ids!;
    expect(ids.slice(0, 2)).toEqual([retried.id, build!.id]);
    const deleted = await client.send(new BatchDeleteBuildsCommand({ ids: [retried.id!] }));
    expect(deleted.buildsDeleted).toEqual([retried.id]);
    expect((await client.send(new BatchGetBuildsCommand({ ids: [retried.id!] }))).buildsNotFound).toEqual([retried.id]);
  });

  it('builds an S3 source object version and puts S3 artifacts that S3 clients list and fetch', async () => {
    const s3 = new S3Client({ ...s3ClientSettings(env.url), forcePathStyle: true });
    try {
      await s3.send(new CreateBucketCommand({ Bucket: 'docker-sources' }));
      await s3.send(new PutBucketVersioningCommand({ Bucket: 'docker-sources', VersioningConfiguration: { Status: 'Enabled' } }));
      await s3.send(new CreateBucketCommand({ Bucket: 'docker-artifacts' }));
      const put = await s3.send(new PutObjectCommand({ Bucket: 'docker-sources', Key: 'app.zip', Body: zipSync({ 'app.txt': strToU8('from s3\n') }) }));
      const name = uniqueName('s3-artifacts');
      const buildspec = 'version: 0.2\nphases:\n  build:\n    commands:\n      - cp app.txt out.txt\nartifacts:\n  files:\n    - out.txt\n  name: named-$CODEBUILD_BUILD_NUMBER.zip\n';
      const artifacts = { type: 'S3' as const, location: 'docker-artifacts', path: 'builds', namespaceType: 'BUILD_ID' as const, packaging: 'ZIP' as const, overrideArtifactName: true, encryptionDisabled: true };
      await client.send(new CreateProjectCommand({ name, source: { type: 'S3', location: 'docker-sources/app.zip', buildspec }, artifacts, ...DEFAULT_IMAGE_PROJECT }));
      const { build } = await client.send(new StartBuildCommand({ projectName: name }));
      const done = await finishedBuild(client, build!.id!, 120_000);
      expect(done).toMatchObject({ buildStatus: 'SUCCEEDED', resolvedSourceVersion: put.VersionId });
      const key = `builds/${build!.id!.split(':')[1]}/named-${done.buildNumber}.zip`;
      expect(done.artifacts?.location).toBe(`arn:aws:s3:::docker-artifacts/${key}`);
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'docker-artifacts', Prefix: 'builds/' }));
      expect(listed.Contents?.map((o) => o.Key)).toEqual([key]);
      const local = join(env.dataDir, 'fetched.zip');
      const copied = await aws(env.url, ['s3', 'cp', `s3://docker-artifacts/${key}`, local]);
      expect(copied.code, copied.stderr).toBe(0);
      expect(strFromU8(unzipSync(readFileSync(local))['out.txt'])).toBe('from s3\n');
      expect(listed.Contents?.[0].ETag).toBe(`"${createHash('md5').update(readFileSync(local)).digest('hex')}"`);
    } finally {
      s3.destroy();
    }
  });
});
