import {
  CreateFunctionCommand,
  InvokeCommand,
  LambdaClient,
  UpdateFunctionCodeCommand,
  type CreateFunctionCommandInput,
  type InvokeCommandOutput,
} from '@aws-sdk/client-lambda';
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, TEST_ACCOUNT, type TestEmulator } from '../helpers/emulator.js';
import { waitFor } from '../helpers/wait.js';
import { ensureLambdaImage, LAMBDA_IMAGE_TIMEOUT_MS, zipOf } from './lambda-image.js';

const ROLE = `arn:aws:iam::${TEST_ACCOUNT}:role/lambda-role`;
// A cold start loads the runtime and, for boto3 or the SDK, a few MB of Python or JavaScript on a shared machine.
const INVOKE_TIMEOUT_MS = 120_000;

const NODE_ECHO = `export const handler = async (event, context) => {
  console.log('event', JSON.stringify(event));
  return { echo: event, greeting: process.env.GREETING, requestId: context.awsRequestId, functionName: context.functionName, region: process.env.AWS_REGION };
};`;

const PYTHON_BUCKET = `import boto3

def handler(event, context):
    print("making bucket", event["bucket"])
    boto3.client("s3").create_bucket(Bucket=event["bucket"])
    return {"made": event["bucket"], "remaining": context.get_remaining_time_in_millis() > 0}
`;

const payloadOf = (out: InvokeCommandOutput) => JSON.parse(Buffer.from(out.Payload ?? []).toString('utf8') || 'null');
const logOf = (out: InvokeCommandOutput) => Buffer.from(out.LogResult ?? '', 'base64').toString('utf8');

describe('Invoke (functions run in containers of the Lambda image)', () => {
  let env: TestEmulator;
  let lambda: LambdaClient;
  const create = (name: string, code: Record<string, string>, extra: Partial<CreateFunctionCommandInput> = {}) =>
    lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipOf(code) }, ...extra }));
  const invoke = (name: string, payload: unknown, extra: Partial<{ InvocationType: 'Event' | 'DryRun' | 'RequestResponse' }> = {}) =>
    lambda.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from(JSON.stringify(payload)), LogType: 'Tail', ...extra }));

  beforeAll(async () => {
    await ensureLambdaImage();
    env = await startTestEmulator();
    lambda = env.client(LambdaClient);
  }, LAMBDA_IMAGE_TIMEOUT_MS);
  afterAll(async () => {
    await env?.close();
  });

  describe('when a Node.js function answers', () => {
    it('returns its result, with START, its lines, END and REPORT in LogResult; a second call finds it warm', { timeout: INVOKE_TIMEOUT_MS }, async () => {
      await create('node-echo', { 'index.mjs': NODE_ECHO }, { Environment: { Variables: { GREETING: 'hello' } } });
      const cold = await invoke('node-echo', { n: 1 });
      expect(cold.StatusCode).toBe(200);
      expect(cold.FunctionError).toBeUndefined();
      expect(cold.ExecutedVersion).toBe('$LATEST');
      const result = payloadOf(cold);
      expect(result).toMatchObject({ echo: { n: 1 }, greeting: 'hello', functionName: 'node-echo', region: 'us-east-1' });
      const log = logOf(cold);
      expect(log).toContain(`START RequestId: ${result.requestId} Version: $LATEST`);
      expect(log).toMatch(new RegExp(`\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\t${result.requestId}\\tINFO\\tevent {"n":1}`));
      expect(log).toContain(`END RequestId: ${result.requestId}`);
      expect(log).toMatch(/REPORT RequestId: \S+\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tInit Duration: [\d.]+ ms/);
      const warm = await invoke('node-echo', { n: 2 });
      expect(payloadOf(warm).echo).toEqual({ n: 2 });
      expect(logOf(warm)).toContain('REPORT RequestId:');
      expect(logOf(warm)).not.toContain('Init Duration');
    });

    it('says in the log which Node.js runs nodejs22.x when the image has another', { timeout: INVOKE_TIMEOUT_MS }, async () => {
      await create('node-22', { 'index.js': 'exports.handler = async () => process.versions.node;' }, { Runtime: 'nodejs22.x' });
      const out = await invoke('node-22', {});
      const version = payloadOf(out) as string;
      if (version.startsWith('22.')) expect(logOf(out)).not.toContain('nearest version');
      else expect(logOf(out)).toContain(`codepipeline-local: runtime nodejs22.x runs on Node.js ${version}, the nearest version the local Lambda image has`);
    });

    it('runs a CommonJS handler that answers through its callback, with the SDK from require', { timeout: INVOKE_TIMEOUT_MS }, async () => {
      await create('node-callback', { 'index.js': "const { S3Client } = require('@aws-sdk/client-s3');\nexports.handler = (event, context, callback) => callback(null, { sdk: typeof S3Client });" });
      expect(payloadOf(await invoke('node-callback', {}))).toEqual({ sdk: 'function' });
    });

    it('runs a handler in a subfolder, and the new code after UpdateFunctionCode', { timeout: INVOKE_TIMEOUT_MS }, async () => {
      await create('node-update', { 'src/app.js': 'exports.main = async () => "v1";' }, { Handler: 'src/app.main' });
      expect(payloadOf(await invoke('node-update', {}))).toBe('v1');
      await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'node-update', ZipFile: zipOf({ 'src/app.js': 'exports.main = async () => "v2";' }) }));
      expect(payloadOf(await invoke('node-update', {}))).toBe('v2');
    });
  });

  describe('when the caller sends a ClientContext', () => {
    it('hands it to Node.js as context.clientContext and to Python as context.client_context', { timeout: INVOKE_TIMEOUT_MS }, async () => {
      const ClientContext = Buffer.from(JSON.stringify({ custom: { user: 'ada' }, env: { locale: 'en' } })).toString('base64');
      await create('node-client-context', { 'index.mjs': 'export const handler = async (e, context) => context.clientContext;' });
      const node = await lambda.send(new InvokeCommand({ FunctionName: 'node-client-context', ClientContext }));
      expect(payloadOf(node)).toEqual({ custom: { user: 'ada' }, env: { locale: 'en' } });
      await create('py-client-context', { 'app.py': 'def handler(e, context):\n    return {"custom": context.client_context.custom, "env": context.client_context.env}\n' }, { Runtime: 'python3.13', Handler: 'app.handler' });
      const python = await lambda.send(new InvokeCommand({ FunctionName: 'py-client-context', ClientContext }));
      expect(payloadOf(python)).toEqual({ custom: { user: 'ada' }, env: { locale: 'en' } });
    });
  });

  describe('when a function fails', () => {
    it('answers FunctionError Unhandled with the error AWS returns', { timeout: INVOKE_TIMEOUT_MS }, async () => {
      await create('node-throws', { 'index.mjs': 'export const handler = async () => { throw new TypeError("boom"); };' });
      const out = await invoke('node-throws', {});
      expect(out.StatusCode).toBe(200);
      expect(out.FunctionError).toBe('Unhandled');
      const error = payloadOf(out);
      expect(error).toMatchObject({ errorType: 'TypeError', errorMessage: 'boom' });
      expect(error.trace[0]).toBe('TypeError: boom');
      expect(logOf(out)).toMatch(/\tERROR\tInvoke Error \t\{"errorType":"TypeError","errorMessage":"boom"/);
    });

    it('answers Runtime.HandlerNotFound for a handler the module does not export', { timeout: INVOKE_TIMEOUT_MS }, async () => {
      await create('node-no-handler', { 'index.mjs': 'export const other = 1;' });
      const out = await invoke('node-no-handler', {});
      expect(out.FunctionError).toBe('Unhandled');
      expect(payloadOf(out)).toMatchObject({ errorType: 'Runtime.HandlerNotFound', errorMessage: 'index.handler is undefined or not exported' });
    });

    it('stops a function at its timeout with "Task timed out after N.00 seconds", and the next call runs afresh', { timeout: INVOKE_TIMEOUT_MS }, async () => {
      await create('node-slow', { 'index.mjs': 'export const handler = async (e) => { if (e.wait) await new Promise((r) => setTimeout(r, 30_000)); return "done"; };' }, { Timeout: 1 });
      const out = await invoke('node-slow', { wait: true });
      expect(out.FunctionError).toBe('Unhandled');
      const error = payloadOf(out);
      expect(error.errorMessage).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z [0-9a-f-]{36} Task timed out after 1\.00 seconds$/);
      expect(logOf(out)).toContain(error.errorMessage);
      expect(payloadOf(await invoke('node-slow', { wait: false }))).toBe('done');
    });
  });

  describe('when a function takes longer to load than its timeout', () => {
    it('still answers: the timeout runs from the invocation, not from the init', { timeout: INVOKE_TIMEOUT_MS }, async () => {
      await create('node-slow-init', { 'index.mjs': 'await new Promise((r) => setTimeout(r, 2000));\nexport const handler = async () => "loaded";' }, { Timeout: 1 });
      const out = await invoke('node-slow-init', {});
      expect(out.FunctionError).toBeUndefined();
      expect(payloadOf(out)).toBe('loaded');
      const init = Number(/Init Duration: ([\d.]+) ms/.exec(logOf(out))?.[1]);
      expect(init).toBeGreaterThanOrEqual(2000);
    });
  });

  describe('when a Python function calls AWS with boto3', () => {
    it('reaches the emulator (AWS_ENDPOINT_URL and credentials are set)', { timeout: INVOKE_TIMEOUT_MS }, async () => {
      await create('py-bucket', { 'app.py': PYTHON_BUCKET }, { Runtime: 'python3.13', Handler: 'app.handler', Timeout: 60 });
      const out = await invoke('py-bucket', { bucket: 'made-by-lambda' });
      expect(out.FunctionError).toBeUndefined();
      expect(payloadOf(out)).toEqual({ made: 'made-by-lambda', remaining: true });
      expect(logOf(out)).toContain('making bucket made-by-lambda');
      await env.client(S3Client).send(new HeadBucketCommand({ Bucket: 'made-by-lambda' }));
    });

    it('answers a Python error as AWS does (errorMessage, errorType, requestId, stackTrace)', { timeout: INVOKE_TIMEOUT_MS }, async () => {
      await create('py-error', { 'lambda_function.py': 'def lambda_handler(event, context):\n    raise ValueError("bad input")\n' }, { Runtime: 'python3.12', Handler: 'lambda_function.lambda_handler' });
      const out = await invoke('py-error', {});
      expect(out.FunctionError).toBe('Unhandled');
      const error = payloadOf(out);
      expect(error).toMatchObject({ errorMessage: 'bad input', errorType: 'ValueError' });
      expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(error.stackTrace.join('')).toContain('lambda_function.py", line 2, in lambda_handler');
      expect(logOf(out)).toContain('[ERROR] ValueError: bad input');
    });
  });

  describe('when a Python handler cannot be imported', () => {
    it('answers Runtime.ImportModuleError as AWS does', { timeout: INVOKE_TIMEOUT_MS }, async () => {
      await create('py-missing-module', { 'app.py': 'x = 1\n' }, { Runtime: 'python3.13', Handler: 'nope.handler' });
      const out = await invoke('py-missing-module', {});
      expect(out.FunctionError).toBe('Unhandled');
      expect(payloadOf(out)).toEqual({ errorMessage: "Unable to import module 'nope': No module named 'nope'", errorType: 'Runtime.ImportModuleError', requestId: '', stackTrace: [] });
    });
  });

  describe('when the invocation type is not RequestResponse', () => {
    it('Event answers 202 at once and the function runs in the background', { timeout: INVOKE_TIMEOUT_MS }, async () => {
      await create('py-async', { 'app.py': PYTHON_BUCKET }, { Runtime: 'python3.13', Handler: 'app.handler', Timeout: 60 });
      const out = await invoke('py-async', { bucket: 'made-in-background' }, { InvocationType: 'Event' });
      expect(out.StatusCode).toBe(202);
      expect(Buffer.from(out.Payload ?? []).length).toBe(0);
      await waitFor(() => env.client(S3Client).send(new HeadBucketCommand({ Bucket: 'made-in-background' })), { timeoutMs: INVOKE_TIMEOUT_MS, intervalMs: 250, description: 'the bucket the function makes' });
    });

    it('DryRun answers 204 without running the function', async () => {
      await create('node-dry', { 'index.mjs': NODE_ECHO });
      const out = await invoke('node-dry', {}, { InvocationType: 'DryRun' });
      expect(out.StatusCode).toBe(204);
    });
  });

  describe('when the payload is not JSON', () => {
    it('answers InvalidRequestContentException', async () => {
      await create('node-bad-payload', { 'index.mjs': NODE_ECHO });
      const error = await lambda.send(new InvokeCommand({ FunctionName: 'node-bad-payload', Payload: Buffer.from('{not json') })).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error?.name).toBe('InvalidRequestContentException');
      expect(error?.message).toMatch(/^Could not parse request body into json: Could not parse payload into json/);
    });

    it('answers ResourceNotFoundException for an unknown function', async () => {
      const error = await invoke('no-such-function', {}).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error?.name).toBe('ResourceNotFoundException');
    });
  });
});
