import { CreatePipelineCommand, ListActionExecutionsCommand, ListPipelinesCommand } from '@aws-sdk/client-codepipeline';
import Fastify, { type FastifyInstance } from 'fastify';
import { unzipSync, strFromU8 } from 'fflate';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineEventBus } from '../../src/engine/index.js';
import { ConsoleEventStream, registerConsoleRoutes } from '../../src/ui/server/index.js';
import { TEST_ACCOUNT, useTestEmulator } from '../helpers/emulator.js';
import { executionProbes } from '../helpers/execution-probes.js';
import { localPipeline, testAction } from '../helpers/local-pipelines.js';
import { uniqueName } from '../helpers/pipelines.js';
import { localTestProviders } from '../helpers/test-provider.js';
import { openEventStream } from '../ui/helpers/event-stream-client.js';

describe('consoleFeature', () => {
  const emulator = useTestEmulator({}, { overrides: { providers: localTestProviders() } });
  const probe = executionProbes(() => emulator.client);
  const get = (path: string, init?: RequestInit) => fetch(`${emulator.env.url}${path}`, { redirect: 'manual', ...init });

  describe('when the root path is requested', () => {
    it('redirects GET / to /console/ and leaves POST / to the AWS API', async () => {
      const answer = await get('/');
      expect(answer.status).toBe(302);
      expect(answer.headers.get('location')).toBe('/console/');
      expect((await get('/console')).headers.get('location')).toBe('/console/');
      const listed = await emulator.client.send(new ListPipelinesCommand({}));
      expect(listed.pipelines).toBeDefined();
    });
  });

  describe('when the console asks for its context', () => {
    it('answers the default account and region as JSON', async () => {
      const answer = await get('/console/api/context');
      expect(await answer.json()).toEqual({ account: '000000000000', region: 'us-east-1' });
    });

    it('answers 404 in plain text for an unknown console API path, not the app page', async () => {
      const answer = await get('/console/api/nothing-here');
      expect(answer.status).toBe(404);
      expect(answer.headers.get('content-type')).toMatch(/^text\/plain/);
    });
  });

  describe('when a browser listens to the event stream', () => {
    it('sends ready, then one small message per engine event of the run, in order', async () => {
      const stream = await openEventStream(`${emulator.env.url}/console/api/events?account=${TEST_ACCOUNT}&region=us-east-1`);
      try {
        const name = uniqueName('sse');
        await emulator.client.send(new CreatePipelineCommand({ pipeline: localPipeline(name, [{ name: 'Build', actions: [testAction('Build', 'Build')] }]) }));
        const done = await stream.next((e) => e.pipelineName === name && e.type === 'execution:succeeded');
        const types = stream.events().filter((e) => e.pipelineName === name).map((e) => e.type);
        expect(types).toEqual(['execution:started', 'stage:entered', 'action:started', 'action:progressed', 'action:succeeded', 'stage:succeeded', 'stage:entered', 'action:started', 'action:progressed', 'action:succeeded', 'stage:succeeded', 'execution:succeeded']);
        const action = stream.events().find((e) => e.pipelineName === name && e.type === 'action:succeeded')!;
        expect(action).toEqual({
          type: 'action:succeeded',
          account: TEST_ACCOUNT,
          region: 'us-east-1',
          pipelineName: name,
          pipelineExecutionId: done.pipelineExecutionId,
          stageName: 'Source',
          actionName: 'Source',
          actionExecutionId: expect.any(String),
          status: 'Succeeded',
        });
      } finally {
        stream.close();
      }
    });

    it('sends nothing of another region to a browser that asked for one region', async () => {
      const other = await openEventStream(`${emulator.env.url}/console/api/events?account=${TEST_ACCOUNT}&region=eu-west-1`);
      const all = await openEventStream(`${emulator.env.url}/console/api/events`);
      try {
        const name = uniqueName('sse');
        await emulator.client.send(new CreatePipelineCommand({ pipeline: localPipeline(name, [{ name: 'Build', actions: [testAction('Build', 'Build')] }]) }));
        await all.next((e) => e.pipelineName === name && e.type === 'execution:succeeded');
        expect(other.events().filter((e) => e.pipelineName === name)).toEqual([]);
      } finally {
        other.close();
        all.close();
      }
    });

    it('reports transition changes with the stage and whether it is enabled', async () => {
      const stream = await openEventStream(`${emulator.env.url}/console/api/events`);
      try {
        const name = uniqueName('sse');
        await probe.create(localPipeline(name, [{ name: 'Build', actions: [testAction('Build', 'Build')] }]));
        await get('/', {
          method: 'POST',
          headers: { 'X-Amz-Target': 'CodePipeline_20150709.DisableStageTransition', 'Content-Type': 'application/x-amz-json-1.1' },
          body: JSON.stringify({ pipelineName: name, stageName: 'Build', transitionType: 'Inbound', reason: 'Freeze' }),
        });
        const event = await stream.next((e) => e.pipelineName === name && e.type === 'transition:disabled');
        expect(event).toMatchObject({ stageName: 'Build', enabled: false });
      } finally {
        stream.close();
      }
    });
  });

  describe('when an artifact is downloaded', () => {
    async function sourceArtifact() {
      const name = uniqueName('art');
      const id = await probe.create(localPipeline(name, [{ name: 'Build', actions: [testAction('Build', 'Build', {}, { inputArtifacts: [{ name: 'SourceArtifact' }] })] }], {}, { Content: 'hello' }));
      await probe.untilStatus(name, id, 'Succeeded');
      const out = await emulator.client.send(new ListActionExecutionsCommand({ pipelineName: name, filter: { pipelineExecutionId: id } }));
      const source = out.actionExecutionDetails!.find((a) => a.actionName === 'Source')!;
      return source.output!.outputArtifacts![0].s3location!;
    }

    it('serves the zip from the artifact store with the artifact name as file name', async () => {
      const location = await sourceArtifact();
      const answer = await get(`/console/api/artifacts/${location.bucket}/${location.key}?name=SourceArtifact`);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('application/zip');
      expect(answer.headers.get('content-disposition')).toBe('attachment; filename="SourceArtifact.zip"');
      const files = unzipSync(new Uint8Array(await answer.arrayBuffer()));
      expect(strFromU8(files['Source-Source.txt'])).toBe('hello');
    });

    it('refuses locations that leave the artifact store, and says when a zip is gone', async () => {
      const location = await sourceArtifact();
      expect((await get(`/console/api/artifacts/${location.bucket}/..%2F..%2Fcodepipeline.db`)).status).toBe(400);
      expect((await get(`/console/api/artifacts/..%2F..%2Fetc/passwd`)).status).toBe(400);
      const gone = await get(`/console/api/artifacts/${location.bucket}/no/such/key`);
      expect(gone.status).toBe(404);
      expect(await gone.text()).toMatch(/retention rule/);
    });
  });
});

describe('registerConsoleRoutes', () => {
  let app: FastifyInstance;
  let root: string;
  const dist = () => join(root, 'dist');
  const artifacts = () => join(root, 'artifacts');

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'cpl-console-'));
    mkdirSync(join(dist(), 'assets'), { recursive: true });
    mkdirSync(join(artifacts(), 'bucket'), { recursive: true });
    writeFileSync(join(root, 'secret.txt'), 'not an artifact');
    symlinkSync(join(root, 'secret.txt'), join(artifacts(), 'bucket', 'link'));
    app = Fastify();
    registerConsoleRoutes(app, { distDir: dist(), artifactsDir: artifacts(), stream: new ConsoleEventStream({ events: new EngineEventBus() }), context: { account: '111122223333', region: 'eu-west-1' } });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    rmSync(root, { recursive: true, force: true });
  });

  describe('when the console has not been built', () => {
    it('answers a page saying how to build it', async () => {
      const answer = await app.inject({ method: 'GET', url: '/console/' });
      expect(answer.statusCode).toBe(503);
      expect(answer.headers['content-type']).toMatch(/^text\/html/);
      expect(answer.body).toContain('npm run build:console');
    });
  });

  describe('when the console is built', () => {
    beforeAll(() => {
      writeFileSync(join(dist(), 'index.html'), '<!doctype html><title>console</title><!--console-context--><script type="module" src="/console/assets/index-abc.js"></script>');
      writeFileSync(join(dist(), 'assets', 'index-abc.js'), `console.log(${JSON.stringify('x'.repeat(2000))});`);
    });

    it('serves index.html for the app and for its routes, never cached', async () => {
      const dotted = ['/console/pipelines/web.app', '/console/repositories/web/file/main/src/index.html', '/console/repositories/web/browse/release%2F1.2'];
      for (const url of ['/console/', '/console/pipelines/web', '/console/pipelines/web/executions/1234', ...dotted]) {
        const answer = await app.inject({ method: 'GET', url });
        expect(answer.statusCode).toBe(200);
        expect(answer.body).toContain('<title>console</title>');
        expect(answer.headers['cache-control']).toBe('no-cache');
      }
    });

    it('writes the default account and region into index.html, so the app needs no request for them', async () => {
      const embedded = '<script id="console-context" type="application/json">{"account":"111122223333","region":"eu-west-1"}</script>';
      const plain = await app.inject({ method: 'GET', url: '/console/pipelines/web' });
      expect(plain.body).toContain(`<title>console</title>${embedded}<script`);
      const gzipped = await app.inject({ method: 'GET', url: '/console/', headers: { 'accept-encoding': 'gzip' } });
      expect(gunzipSync(gzipped.rawPayload).toString()).toContain(embedded);
    });

    it('serves hashed assets gzipped to browsers that accept it, cached for good', async () => {
      const answer = await app.inject({ method: 'GET', url: '/console/assets/index-abc.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
      expect(answer.statusCode).toBe(200);
      expect(answer.headers['content-type']).toMatch(/^text\/javascript/);
      expect(answer.headers['content-encoding']).toBe('gzip');
      expect(answer.headers['cache-control']).toContain('immutable');
      expect(answer.rawPayload.length).toBeLessThan(200);
      expect(gunzipSync(answer.rawPayload).toString()).toContain('console.log');
      const plain = await app.inject({ method: 'GET', url: '/console/assets/index-abc.js' });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body).toContain('console.log');
    });

    it('answers 404 for a missing file and refuses paths that leave the folder', async () => {
      expect((await app.inject({ method: 'GET', url: '/console/assets/missing.js' })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: '/console/favicon.ico' })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: '/console/..%2F..%2Fsecret.txt' })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: '/console/%2e%2e/secret.txt' })).statusCode).toBe(404);
    });

    it('serves the configured account and region as the console context', async () => {
      const answer = await app.inject({ method: 'GET', url: '/console/api/context' });
      expect(answer.json()).toEqual({ account: '111122223333', region: 'eu-west-1' });
    });
  });

  describe('when the stream is closed while browsers listen', () => {
    it('ends their responses, so the server can close', async () => {
      const events = new EngineEventBus();
      const stream = new ConsoleEventStream({ events });
      const server = Fastify();
      registerConsoleRoutes(server, { distDir: dist(), artifactsDir: artifacts(), stream, context: { account: '111122223333', region: 'eu-west-1' } });
      const url = await server.listen({ host: '127.0.0.1', port: 0 });
      try {
        const client = await openEventStream(`${url}/console/api/events`);
        expect(stream.size).toBe(1);
        stream.close();
        await client.ended;
        expect(stream.size).toBe(0);
      } finally {
        await server.close();
      }
    });
  });

  describe('when an artifact location is a symbolic link', () => {
    it('does not follow it', async () => {
      const answer = await app.inject({ method: 'GET', url: '/console/api/artifacts/bucket/link' });
      expect(answer.statusCode).toBe(404);
      expect(answer.body).not.toContain('not an artifact');
    });
  });
});
