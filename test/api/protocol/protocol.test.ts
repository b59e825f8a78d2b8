import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { codeBuildService, type CodeBuildDeps } from '../../../src/api/codebuild/index.js';
import { buildServer, Dispatcher, type ServiceDefinition } from '../../../src/api/index.js';
import { randomIds, silentLogger } from '../../../src/shared/index.js';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator.js';

import { AMZ_JSON, rawJsonCall, signedAuthorization as auth } from '../../helpers/raw-json.js';

describe('the AWS JSON 1.1 protocol', () => {
  let env: TestEmulator;
  const call = (target: string | undefined, body: string, headers: Record<string, string> = {}) => rawJsonCall(env.url, target, body, headers);

  beforeAll(async () => {
    env = await startTestEmulator();
  });
  afterAll(async () => env.close());

  describe('when a call succeeds', () => {
    it('answers 200 in application/x-amz-json-1.1 with an x-amzn-RequestId', async () => {
      const res = await call('CodePipeline_20150709.ListPipelines', '{}');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain(AMZ_JSON);
      expect(res.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
      expect(JSON.parse(res.text)).toEqual({ pipelines: [] });
    });

    it('accepts an empty body for an operation with no required input', async () => {
      const res = await call('CodePipeline_20150709.ListPipelines', '');
      expect(res.status).toBe(200);
    });
  });

  describe('when the body is not valid JSON', () => {
    it('answers 400 SerializationException with a request id', async () => {
      const res = await call('CodePipeline_20150709.GetPipeline', '{"name": ');
      expect(res.status).toBe(400);
      expect(res.headers['x-amzn-requestid']).toBeTruthy();
      expect(res.headers['x-amzn-errortype']).toBe('SerializationException');
      expect(JSON.parse(res.text)).toMatchObject({ __type: 'SerializationException', message: expect.stringContaining('not valid JSON') });
    });
  });

  describe('when a member has the wrong JSON type', () => {
    it('answers SerializationException naming the member', async () => {
      const res = await call('CodePipeline_20150709.GetPipeline', '{"name": 42}');
      expect(res.status).toBe(400);
      expect(JSON.parse(res.text)).toEqual({ __type: 'SerializationException', message: "Value at 'name' is not a valid string" });
    });
  });

  describe('when a required member is missing', () => {
    it('answers a Coral-style ValidationException', async () => {
      const res = await call('CodePipeline_20150709.GetPipeline', '{}');
      expect(JSON.parse(res.text)).toEqual({
        __type: 'ValidationException',
        message: "1 validation error detected: Value at 'name' failed to satisfy constraint: Member must not be null",
      });
    });
  });

  describe('when the target names no operation', () => {
    it('answers UnknownOperationException for an unknown operation', async () => {
      const res = await call('CodePipeline_20150709.MakeCoffee', '{}');
      expect(res.status).toBe(400);
      expect(JSON.parse(res.text)).toEqual({ __type: 'UnknownOperationException', message: 'Unknown operation CodePipeline_20150709.MakeCoffee' });
    });

    it('answers UnknownOperationException for an unknown service prefix', async () => {
      const res = await call('Nope_20200101.ListThings', '{}');
      expect(JSON.parse(res.text).__type).toBe('UnknownOperationException');
    });

    it('answers UnknownOperationException when the header is missing', async () => {
      const res = await call(undefined, '{}');
      expect(res.status).toBe(400);
      expect(JSON.parse(res.text)).toMatchObject({ __type: 'UnknownOperationException', message: expect.stringContaining('X-Amz-Target') });
    });
  });

  describe('when the operation exists in AWS but its service has no handler for it', () => {
    // Every JSON 1.1 operation the emulator hosts has a handler now, so this server holds CodeBuild with a
    // table of one operation: the dispatcher's answer for the others is what an unimplemented operation gets.
    let partial: FastifyInstance;
    let partialUrl: string;
    beforeAll(async () => {
      const full = codeBuildService({} as CodeBuildDeps);
      const definition: ServiceDefinition = { ...full, handlers: { ListProjects: full.handlers.ListProjects } };
      partial = await buildServer({ dispatcher: new Dispatcher([definition], silentLogger()), ids: randomIds, log: silentLogger(), defaults: { account: '000000000000', region: 'us-east-1' } });
      await partial.listen({ host: '127.0.0.1', port: 0 });
      const address = partial.server.address();
      partialUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    });
    afterAll(async () => partial?.close());

    it.each([
      // A valid body: the model's required members are checked before the handler is looked up.
      ['CodeBuild_20161006.ListSandboxes', 'ListSandboxes', '{}'],
      ['CodeBuild_20161006.ListFleets', 'ListFleets', '{}'],
      ['CodeBuild_20161006.BatchGetFleets', 'BatchGetFleets', '{"names":["f"]}'],
      ['CodeBuild_20161006.StopSandbox', 'StopSandbox', '{"id":"p:1"}'],
    ])('answers a clear error naming %s, never a 500', async (target, operation, payload) => {
      const res = await rawJsonCall(partialUrl, target, payload, { Authorization: auth('us-east-1', 'AKIDEXAMPLE', 'codebuild') });
      expect(res.status).toBe(501);
      const body = JSON.parse(res.text);
      expect(body.__type).toBe('NotImplementedException');
      expect(body.message).toContain(operation);
      expect(body.message).toContain('not implemented');
    });
  });

  describe('when the path is not an API path', () => {
    it('answers 404 with an AWS-shaped body', async () => {
      // Any GET /<name> is S3's ListObjects (a bucket), so a method no service routes stands for "not an API path".
      const res = await request(env.url).patch('/nothing-here');
      expect(res.status).toBe(404);
      expect(JSON.parse(res.text).__type).toBe('UnknownOperationException');
      expect(res.headers['x-amzn-requestid']).toBeTruthy();
    });
  });

  describe('when requests are signed for different regions and accounts', () => {
    it('keeps state apart per region and per account', async () => {
      const body = JSON.stringify({
        pipeline: {
          name: 'regional',
          roleArn: 'arn:aws:iam::000000000000:role/cp',
          artifactStore: { type: 'S3', location: 'bucket' },
          stages: [
            { name: 'Source', actions: [{ name: 'S', actionTypeId: { category: 'Source', owner: 'AWS', provider: 'CodeCommit', version: '1' }, configuration: { RepositoryName: 'r', BranchName: 'main' }, outputArtifacts: [{ name: 'A' }] }] },
            { name: 'Build', actions: [{ name: 'B', actionTypeId: { category: 'Build', owner: 'AWS', provider: 'CodeBuild', version: '1' }, configuration: { ProjectName: 'p' }, inputArtifacts: [{ name: 'A' }] }] },
          ],
        },
      });
      const created = await call('CodePipeline_20150709.CreatePipeline', body, { Authorization: auth('eu-west-1', '111122223333') });
      expect(created.status).toBe(200);
      const list = (region: string, key?: string) =>
        call('CodePipeline_20150709.ListPipelines', '{}', { Authorization: auth(region, key) }).then((r) => JSON.parse(r.text).pipelines.map((p: { name: string }) => p.name));
      expect(await list('eu-west-1', '111122223333')).toEqual(['regional']);
      expect(await list('us-east-1', '111122223333')).toEqual([]);
      expect(await list('eu-west-1')).toEqual([]);
      const got = await call('CodePipeline_20150709.GetPipeline', '{"name":"regional"}', { Authorization: auth('eu-west-1', '111122223333') });
      expect(JSON.parse(got.text).metadata.pipelineArn).toBe('arn:aws:codepipeline:eu-west-1:111122223333:regional');
    });
  });
});
