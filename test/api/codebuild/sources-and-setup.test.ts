import { BatchGetBuildsCommand, CreateProjectCommand, StartBuildCommand, type CreateProjectCommandInput } from '@aws-sdk/client-codebuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImageUnavailableError, type RunBuild } from '../../../src/codebuild/index.js';
import { uniqueName } from '../../helpers/pipelines.js';
import { finishedBuild, scriptedPhases, startCodeBuildServer, type CodeBuildTestServer } from './codebuild-server.js';

const ROLE = 'arn:aws:iam::000000000000:role/service-role/codebuild';
const ENVIRONMENT = { type: 'LINUX_CONTAINER', image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_SMALL' } as const;

// Records the primary source's files and writes the primary artifact zip, as the runner would.
const seen = new Map<string, Record<string, string>>();
const script: RunBuild = async (request) => {
  const primary = request.sources.find((s) => s.identifier === undefined)!;
  const files: Record<string, string> = {};
  for (const name of ['app.txt', 'README.md']) if (existsSync(join(primary.dir, name))) files[name] = readFileSync(join(primary.dir, name), 'utf8');
  seen.set(request.buildId, { ...files, resolved: primary.resolvedSourceVersion ?? '' });
  if (request.artifacts.primary) writeFileSync(join(request.artifacts.outDir, `${request.artifacts.primary}.zip`), zipSync({ 'out.txt': strToU8('built') }));
  return { status: 'SUCCEEDED', phases: await scriptedPhases(request), exportedVariables: {}, artifacts: request.artifacts.primary ? { [request.artifacts.primary]: join(request.artifacts.outDir, `${request.artifacts.primary}.zip`) } : {} };
};

describe('CodeBuild builds outside pipelines', () => {
  let server: CodeBuildTestServer;
  let repoDir: string;
  let commit: string;
  const secretsDir = mkdtempSync(join(tmpdir(), 'cpl-secrets-'));
  beforeAll(async () => {
    repoDir = join(secretsDir, 'repo.git');
    const work = join(secretsDir, 'work');
    mkdirSync(work);
    const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd }).toString().trim();
    git(work, 'init', '-q', '-b', 'main');
    writeFileSync(join(work, 'README.md'), 'from git\n');
    git(work, 'add', '.');
    git(work, 'commit', '-qm', 'first');
    commit = git(work, 'rev-parse', 'HEAD');
    git(secretsDir, 'clone', '-q', '--bare', work, repoDir);
    writeFileSync(join(secretsDir, 'secrets.json'), JSON.stringify({ 'parameter-store': { '/app/token': 's3cr3t-value' } }));
    server = await startCodeBuildServer({
      script,
      secretsFile: join(secretsDir, 'secrets.json'),
      repository: (_scope, name) => (name === 'web-app' ? { gitDir: repoDir } : undefined),
      images: {
        prepare: async (image) => {
          if (image === 'registry.example/unreachable:1') throw new ImageUnavailableError("Unable to pull customer's container image. registry.example/unreachable:1 could not be pulled");
          return 'local/fake:1';
        },
      },
    });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(secretsDir, { recursive: true, force: true });
  });

  const project = (overrides: Partial<CreateProjectCommandInput>): CreateProjectCommandInput => ({
    name: uniqueName('src'),
    source: { type: 'NO_SOURCE', buildspec: 'version: 0.2\n' },
    artifacts: { type: 'NO_ARTIFACTS' },
    environment: ENVIRONMENT,
    serviceRole: ROLE,
    ...overrides,
  });

  describe('when the source is an S3 zip and the artifacts go to S3', () => {
    it('unzips the object for the build and puts the artifact as an S3 object under location/path/name', async () => {
      mkdirSync(join(server.s3Dir, 'sources'), { recursive: true });
      mkdirSync(join(server.s3Dir, 'out-bucket'), { recursive: true });
      writeFileSync(join(server.s3Dir, 'sources', 'app.zip'), zipSync({ 'app.txt': strToU8('from s3') }));
      const input = project({
        source: { type: 'S3', location: 'sources/app.zip', buildspec: 'version: 0.2\n' },
        artifacts: { type: 'S3', location: 'out-bucket', path: 'builds', name: 'app.zip', packaging: 'ZIP' },
      });
      await server.client.send(new CreateProjectCommand(input));
      const { build } = await server.client.send(new StartBuildCommand({ projectName: input.name }));
      const done = await finishedBuild(server.client, build!.id!);
      expect(done.buildStatus).toBe('SUCCEEDED');
      expect(seen.get(build!.id!)).toEqual({ 'app.txt': 'from s3', resolved: '' });
      expect(done.artifacts).toEqual({ location: 'arn:aws:s3:::out-bucket/builds/app.zip' });
      const zip = readFileSync(join(server.s3Dir, 'out-bucket', 'builds', 'app.zip'));
      expect((await server.s3.objects.head('out-bucket', 'builds/app.zip')).etag).toBe(createHash('md5').update(zip).digest('hex'));
    });

    it('builds the object version sourceVersion names, and resolves the source to it', async () => {
      await server.s3.buckets.create('versioned-sources', undefined);
      await server.s3.buckets.update('versioned-sources', (c) => ({ ...c, versioning: 'Enabled' }));
      const first = await server.s3.objects.put('versioned-sources', 'app.zip', zipSync({ 'app.txt': strToU8('version one') }), { headers: {}, metadata: {} });
      await server.s3.objects.put('versioned-sources', 'app.zip', zipSync({ 'app.txt': strToU8('version two') }), { headers: {}, metadata: {} });
      const input = project({ source: { type: 'S3', location: 'arn:aws:s3:::versioned-sources/app.zip', buildspec: 'version: 0.2\n' } });
      await server.client.send(new CreateProjectCommand(input));
      const { build } = await server.client.send(new StartBuildCommand({ projectName: input.name, sourceVersion: first.versionId }));
      const done = await finishedBuild(server.client, build!.id!);
      expect(done).toMatchObject({ buildStatus: 'SUCCEEDED', sourceVersion: first.versionId, resolvedSourceVersion: first.versionId });
      expect(seen.get(build!.id!)).toEqual({ 'app.txt': 'version one', resolved: first.versionId });
    });

    describe('when the source or artifact bucket does not exist', () => {
      it('fails DOWNLOAD_SOURCE or UPLOAD_ARTIFACTS with CLIENT_ERROR and S3 words, creating no bucket', async () => {
        const missingSource = project({ source: { type: 'S3', location: 'no-such-sources/app.zip', buildspec: 'version: 0.2\n' } });
        await server.client.send(new CreateProjectCommand(missingSource));
        const one = await finishedBuild(server.client, (await server.client.send(new StartBuildCommand({ projectName: missingSource.name }))).build!.id!);
        expect(one.buildStatus).toBe('FAILED');
        expect(one.phases?.find((p) => p.phaseType === 'DOWNLOAD_SOURCE')?.contexts).toEqual([
          { statusCode: 'CLIENT_ERROR', message: 'NoSuchBucket: The specified bucket does not exist (s3://no-such-sources/app.zip)' },
        ]);
        const missingOutput = project({ artifacts: { type: 'S3', location: 'no-such-output', name: 'app.zip', packaging: 'ZIP' } });
        await server.client.send(new CreateProjectCommand(missingOutput));
        const two = await finishedBuild(server.client, (await server.client.send(new StartBuildCommand({ projectName: missingOutput.name }))).build!.id!);
        expect(two.buildStatus).toBe('FAILED');
        expect(two.phases?.find((p) => p.phaseType === 'UPLOAD_ARTIFACTS')).toMatchObject({
          phaseStatus: 'FAILED',
          contexts: [{ statusCode: 'CLIENT_ERROR', message: 'Error uploading artifacts to s3://no-such-output/app.zip: NoSuchBucket: The specified bucket does not exist' }],
        });
        expect(existsSync(join(server.s3Dir, 'no-such-output'))).toBe(false);
      });
    });
  });

  describe('when the source is a CodeCommit repository of the emulator', () => {
    it('clones it at the source version and reports the resolved commit', async () => {
      const input = project({ source: { type: 'CODECOMMIT', location: 'https://git-codecommit.us-east-1.amazonaws.com/v1/repos/web-app', buildspec: 'version: 0.2\n' } });
      await server.client.send(new CreateProjectCommand(input));
      const { build } = await server.client.send(new StartBuildCommand({ projectName: input.name, sourceVersion: 'refs/heads/main' }));
      const done = await finishedBuild(server.client, build!.id!);
      expect(done).toMatchObject({ buildStatus: 'SUCCEEDED', sourceVersion: 'refs/heads/main', resolvedSourceVersion: commit });
      expect(seen.get(build!.id!)).toMatchObject({ 'README.md': 'from git\n', resolved: commit });
    });

    describe('when the repository does not exist', () => {
      it('fails DOWNLOAD_SOURCE with CLIENT_ERROR', async () => {
        const input = project({ source: { type: 'CODECOMMIT', location: 'https://git-codecommit.us-east-1.amazonaws.com/v1/repos/missing', buildspec: 'version: 0.2\n' } });
        await server.client.send(new CreateProjectCommand(input));
        const done = await finishedBuild(server.client, (await server.client.send(new StartBuildCommand({ projectName: input.name }))).build!.id!);
        expect(done.buildStatus).toBe('FAILED');
        expect(done.phases!.map((p) => [p.phaseType, p.phaseStatus])).toEqual([
          ['SUBMITTED', 'SUCCEEDED'],
          ['QUEUED', 'SUCCEEDED'],
          ['PROVISIONING', 'SUCCEEDED'],
          ['DOWNLOAD_SOURCE', 'FAILED'],
          ['FINALIZING', 'SUCCEEDED'],
          ['COMPLETED', undefined],
        ]);
        expect(done.phases![3].contexts![0]).toMatchObject({ statusCode: 'CLIENT_ERROR', message: expect.stringContaining('repository not found') });
      });
    });
  });

  describe('when a PARAMETER_STORE variable is in the secrets file', () => {
    it('hands the runner its value and masks it in the log', async () => {
      const input = project({});
      await server.client.send(new CreateProjectCommand(input));
      const { build } = await server.client.send(
        new StartBuildCommand({ projectName: input.name, environmentVariablesOverride: [{ name: 'TOKEN', value: '/app/token', type: 'PARAMETER_STORE' }] }),
      );
      await finishedBuild(server.client, build!.id!);
      const request = server.requests.find((r) => r.buildId === build!.id)!;
      expect(request.environmentVariables).toContainEqual({ name: 'TOKEN', value: 's3cr3t-value', type: 'PARAMETER_STORE' });
      request.onLog('echo s3cr3t-value');
      expect(server.logs.read(build!.id!)).not.toContain('s3cr3t-value');
      const shown = (await server.client.send(new BatchGetBuildsCommand({ ids: [build!.id!] }))).builds![0];
      expect(shown.environment!.environmentVariables).toContainEqual({ name: 'TOKEN', value: '/app/token', type: 'PARAMETER_STORE' });
    });
  });

  describe('when a PARAMETER_STORE variable is missing from the secrets file', () => {
    it('fails DOWNLOAD_SOURCE naming the parameter, without running the build', async () => {
      const input = project({});
      await server.client.send(new CreateProjectCommand(input));
      const { build } = await server.client.send(
        new StartBuildCommand({ projectName: input.name, environmentVariablesOverride: [{ name: 'TOKEN', value: '/app/missing', type: 'PARAMETER_STORE' }] }),
      );
      const done = await finishedBuild(server.client, build!.id!);
      expect(done.buildStatus).toBe('FAILED');
      expect(done.phases!.find((p) => p.phaseType === 'DOWNLOAD_SOURCE')!.contexts![0]).toMatchObject({
        statusCode: 'Decrypted Variables Error',
        message: expect.stringContaining('parameter does not exist: /app/missing'),
      });
      expect(server.requests.some((r) => r.buildId === build!.id)).toBe(false);
    });
  });

  describe('when the image cannot be had', () => {
    it('fails PROVISIONING with BUILD_CONTAINER_UNABLE_TO_PULL_IMAGE', async () => {
      const input = project({ environment: { ...ENVIRONMENT, image: 'registry.example/unreachable:1' } });
      await server.client.send(new CreateProjectCommand(input));
      const done = await finishedBuild(server.client, (await server.client.send(new StartBuildCommand({ projectName: input.name }))).build!.id!);
      expect(done.buildStatus).toBe('FAILED');
      expect(done.phases!.map((p) => p.phaseType)).toEqual(['SUBMITTED', 'QUEUED', 'PROVISIONING', 'FINALIZING', 'COMPLETED']);
      expect(done.phases![2]).toMatchObject({ phaseStatus: 'FAILED', contexts: [{ statusCode: 'BUILD_CONTAINER_UNABLE_TO_PULL_IMAGE', message: expect.stringContaining('registry.example/unreachable:1') }] });
    });
  });
});
