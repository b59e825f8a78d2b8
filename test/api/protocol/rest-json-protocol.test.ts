import { GetFunctionCommand, InvokeCommand, LambdaClient, ListFunctionsCommand, ResourceNotFoundException } from '@aws-sdk/client-lambda';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aws } from './tiny/aws-cli.js';
import { sdkSettings, startTinyServer, type TinyServer } from './tiny/tiny-server.js';

describe('the rest-json protocol (a tiny Lambda)', () => {
  let server: TinyServer;
  let lambda: LambdaClient;
  const dir = mkdtempSync(join(tmpdir(), 'cpl-rest-json-'));
  beforeAll(async () => {
    server = await startTinyServer();
    lambda = new LambdaClient(sdkSettings(server.url, 'eu-west-1'));
  });
  afterAll(async () => {
    lambda.destroy();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when the JS SDK calls it', () => {
    it('reads query-string members and answers a JSON body', async () => {
      const all = await lambda.send(new ListFunctionsCommand({}));
      expect(all.Functions?.map((f) => f.FunctionName)).toEqual(['alpha', 'beta']);
      const one = await lambda.send(new ListFunctionsCommand({ MaxItems: 1 }));
      expect(one).toMatchObject({ Functions: [{ FunctionName: 'alpha', MemorySize: 128 }], NextMarker: 'm' });
    });

    it('reads URI labels and query-string members', async () => {
      const got = await lambda.send(new GetFunctionCommand({ FunctionName: 'beta', Qualifier: '7' }));
      expect(got.Configuration).toMatchObject({ FunctionName: 'beta', FunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:beta' });
      expect(got.Tags).toEqual({ qualifier: '7' });
    });

    it('reads a header and a blob payload, and answers the status code, a header and a raw payload', async () => {
      const sync = await lambda.send(new InvokeCommand({ FunctionName: 'alpha', Payload: Buffer.from('{"n":1}') }));
      expect(sync).toMatchObject({ StatusCode: 200, ExecutedVersion: '$LATEST' });
      expect(JSON.parse(Buffer.from(sync.Payload!).toString())).toEqual({ echo: { n: 1 }, type: 'RequestResponse' });
      const queued = await lambda.send(new InvokeCommand({ FunctionName: 'alpha', InvocationType: 'Event', Payload: Buffer.from('2') }));
      expect(queued.StatusCode).toBe(202);
    });

    it('sends a modelled error with x-amzn-errortype that the SDK raises as its exception class', async () => {
      const error = await lambda.send(new GetFunctionCommand({ FunctionName: 'gamma' })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResourceNotFoundException);
      expect(error).toMatchObject({ message: 'Function not found: gamma', $metadata: { httpStatusCode: 404 } });
    });
  });

  describe('when the AWS CLI calls it', () => {
    it('lists, gets and invokes functions', async () => {
      const listed = await aws(server.url, ['lambda', 'list-functions']);
      expect(listed.json.Functions.map((f: { FunctionName: string }) => f.FunctionName)).toEqual(['alpha', 'beta']);
      const got = await aws(server.url, ['lambda', 'get-function', '--function-name', 'alpha', '--qualifier', '3']);
      expect(got.json).toMatchObject({ Configuration: { FunctionName: 'alpha' }, Tags: { qualifier: '3' } });
      const invoked = await aws(server.url, ['lambda', 'invoke', '--function-name', 'beta', '--payload', '{"k":"v"}', join(dir, 'out.json')]);
      expect(invoked.json).toEqual({ StatusCode: 200, ExecutedVersion: '$LATEST' });
      expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'))).toEqual({ echo: { k: 'v' }, type: 'RequestResponse' });
    });

    it('prints the code and message of a modelled error', async () => {
      const res = await aws(server.url, ['lambda', 'get-function', '--function-name', 'gamma']);
      expect(res.stderr).toContain('An error occurred (ResourceNotFoundException) when calling the GetFunction operation: Function not found: gamma');
    });
  });

  describe('when the raw request is malformed', () => {
    const signed = { authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/lambda/aws4_request' };
    it('answers a path no operation has with UnknownOperationException in the rest-json error shape', async () => {
      const res = await fetch(`${server.url}/2015-03-31/nothing`, { headers: signed });
      expect(res.status).toBe(400);
      expect(res.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
      expect(await res.json()).toEqual({ message: expect.stringContaining('GET /2015-03-31/nothing') });
    });

    it('answers a member of the wrong type with a SerializationException naming it', async () => {
      const res = await fetch(`${server.url}/2015-03-31/functions/?MaxItems=many`, { headers: signed });
      expect(res.status).toBe(400);
      expect(res.headers.get('x-amzn-errortype')).toBe('SerializationException');
      expect(await res.json()).toEqual({ message: "Value at 'MaxItems' is not a valid number" });
    });
  });
});
