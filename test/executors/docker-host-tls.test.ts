import { BatchGetBuildsCommand, CodeBuildClient, CreateProjectCommand, StartBuildCommand, type Build } from '@aws-sdk/client-codebuild';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContainerName } from '../../src/codebuild/index.js';
import { PROJECT_LABEL_FILTER } from '../../src/runner/index.js';
import { CLI } from '../helpers/child-server.js';
import { freshDataDir, startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { uniqueName } from '../helpers/pipelines.js';
import { waitFor } from '../helpers/wait.js';
import { startSecondDockerd, type SecondDockerd } from './second-dockerd.js';
import { makeDockerTlsFiles, type DockerTlsFiles } from './tls-certificates.js';

const BASE_IMAGE = 'debian:bookworm-slim';
const BUILDSPEC = 'version: 0.2\nphases:\n  build:\n    commands:\n      - echo "hello over TLS from $(hostname)"\n';

async function finished(client: CodeBuildClient, id: string): Promise<Build> {
  const out = await waitFor(() => client.send(new BatchGetBuildsCommand({ ids: [id] })), { description: `build ${id} to complete`, timeoutMs: 120_000, intervalMs: 100 }, (o) => Boolean(o.builds?.[0]?.buildComplete));
  return out.builds![0];
}

async function createProject(client: CodeBuildClient, prefix: string): Promise<string> {
  const name = uniqueName(prefix);
  await client.send(new CreateProjectCommand({
    name,
    source: { type: 'NO_SOURCE', buildspec: BUILDSPEC },
    artifacts: { type: 'NO_ARTIFACTS' },
    environment: { type: 'LINUX_CONTAINER', image: BASE_IMAGE, computeType: 'BUILD_GENERAL1_SMALL' },
    serviceRole: 'arn:aws:iam::000000000000:role/service-role/codebuild',
  }));
  return name;
}

async function build(client: CodeBuildClient, projectName: string): Promise<Build> {
  return finished(client, (await client.send(new StartBuildCommand({ projectName }))).build!.id!);
}

function provisioningContexts(b: Build) {
  return b.phases!.find((p) => p.phaseType === 'PROVISIONING')!.contexts;
}

describe('--executor docker-host with --docker-tls-verify: builds on an engine reached over TLS', () => {
  let files: DockerTlsFiles;
  let engine: SecondDockerd;
  let tlsHost: string;
  let env: TestEmulator | undefined;

  beforeAll(async () => {
    files = await makeDockerTlsFiles();
    engine = await startSecondDockerd([BASE_IMAGE], { tls: files.server });
    tlsHost = engine.tlsHost!;
  }, 180_000);

  afterAll(async () => {
    await env?.close();
    await engine?.stop();
    if (files) rmSync(files.dir, { recursive: true, force: true });
  }, 120_000);

  async function emulator(dockerHosts: string[], tls: { dockerTlsVerify: boolean; dockerCertPath?: string }): Promise<CodeBuildClient> {
    await env?.close();
    env = await startTestEmulator({ executor: 'docker-host', dockerHosts, buildWarmIdleSeconds: 0, dockerTlsVerify: tls.dockerTlsVerify, dockerCertPath: tls.dockerCertPath ?? files.client });
    return env.client(CodeBuildClient);
  }

  it('serves the engine on TLS only: a plain HTTP request is refused', async () => {
    const answer = await fetch(`${tlsHost.replace('tcp://', 'http://')}/_ping`);
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain('Client sent an HTTP request to an HTTPS server');
  });

  it('runs a build there, verifying the engine against ca.pem and presenting cert.pem', async () => {
    const client = await emulator([tlsHost], { dockerTlsVerify: true, dockerCertPath: files.client });
    const done = await build(client, await createProject(client, 'tls'));
    expect(done.buildStatus, JSON.stringify(done.phases)).toBe('SUCCEEDED');
    expect(await (await fetch(done.logs!.deepLink!)).text()).toMatch(/^hello over TLS from /m);
    // The build's container was on that engine (asked here through its plain unix socket).
    const events = await engine.docker('events', '--since', '0', '--until', `${Math.ceil(Date.now() / 1000) + 1}`, '--filter', `label=${PROJECT_LABEL_FILTER}`, '--format', '{{.Actor.Attributes.name}}');
    expect(events).toContain(buildContainerName(done.id!));
  });

  it('fails the build as a client error naming the TLS problem when the engine\'s certificate does not verify, and places the next elsewhere', async () => {
    // The TLS engine first: on a tie the first engine is chosen. The unix engine second: TLS is for tcp:// engines only.
    const client = await emulator([tlsHost, engine.host], { dockerTlsVerify: true, dockerCertPath: files.otherCa });
    const project = await createProject(client, 'tls-other-ca');
    const refused = await build(client, project);
    expect(refused.buildStatus).toBe('FAILED');
    expect(provisioningContexts(refused)).toEqual([{
      statusCode: 'CLIENT_ERROR',
      message: `Unable to reach the Docker engine ${tlsHost}: TLS: unable to verify the first certificate (UNABLE_TO_VERIFY_LEAF_SIGNATURE). The build was not started; the next build is placed on another engine`,
    }]);
    expect(await (await fetch(refused.logs!.deepLink!)).text()).toContain('Phase context status code: CLIENT_ERROR Message: Unable to reach the Docker engine');
    const next = await build(client, project);
    expect(next.buildStatus, JSON.stringify(next.phases)).toBe('SUCCEEDED');
  });

  it('fails the build as a client error when the engine refuses the client certificate', async () => {
    const client = await emulator([tlsHost], { dockerTlsVerify: true, dockerCertPath: files.strangerClient });
    const refused = await build(client, await createProject(client, 'tls-stranger'));
    expect(refused.buildStatus).toBe('FAILED');
    // dockerd (Go) answers a certificate of an unknown CA with the "bad certificate" alert.
    expect(provisioningContexts(refused)).toEqual([{ statusCode: 'CLIENT_ERROR', message: expect.stringMatching(new RegExp(`^Unable to reach the Docker engine ${tlsHost}: TLS: .*bad certificate \\(ERR_SSL_\\w+\\)\\.`)) }]);
  });

  it('fails the build as a client error saying the engine speaks TLS when the emulator was not told to use it', async () => {
    const client = await emulator([tlsHost], { dockerTlsVerify: false });
    const refused = await build(client, await createProject(client, 'tls-plain'));
    expect(refused.buildStatus).toBe('FAILED');
    expect(provisioningContexts(refused)).toEqual([{
      statusCode: 'CLIENT_ERROR',
      message: `Unable to reach the Docker engine ${tlsHost}: the engine speaks TLS only, and the emulator was not told to use it (--docker-tls-verify). The build was not started; the next build is placed on another engine`,
    }]);
  });

  it('does not start when a certificate file is missing, naming the file', async () => {
    const empty = join(files.dir, 'empty');
    mkdirSync(empty, { recursive: true });
    const dataDir = freshDataDir();
    try {
      const failure = await promisify(execFile)(process.execPath, [...CLI, 'serve', '--port', '0', '--data-dir', dataDir, '--executor', 'docker-host',
        '--docker-hosts', tlsHost, '--docker-tls-verify', '--docker-cert-path', empty], { timeout: 60_000 }).then(() => undefined, (e: { code?: number; stderr?: string }) => e);
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toContain(`Cannot read the Docker TLS file ${join(empty, 'ca.pem')} (DOCKER_CERT_PATH holds ca.pem, cert.pem and key.pem): ENOENT`);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);

  it('does not start when the key is not the certificate\'s', async () => {
    const mixed = join(files.dir, 'mixed');
    mkdirSync(mixed, { recursive: true });
    copyFileSync(join(files.client, 'ca.pem'), join(mixed, 'ca.pem'));
    copyFileSync(join(files.client, 'cert.pem'), join(mixed, 'cert.pem'));
    copyFileSync(join(files.strangerClient, 'key.pem'), join(mixed, 'key.pem'));
    await env?.close();
    env = undefined;
    await expect(startTestEmulator({ executor: 'docker-host', dockerHosts: [tlsHost], dockerTlsVerify: true, dockerCertPath: mixed }))
      .rejects.toThrow(`The Docker TLS files ${join(mixed, 'ca.pem')}, ${join(mixed, 'cert.pem')}, ${join(mixed, 'key.pem')} do not make a TLS client: `);
  });
});
