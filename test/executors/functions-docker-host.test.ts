import { CreateFunctionCommand, InvokeCommand, LambdaClient, ListFunctionsCommand, type InvokeCommandOutput } from '@aws-sdk/client-lambda';
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAMBDA_IMAGE } from '../../src/lambda/index.js';
import { freshDataDir, startTestEmulator, TEST_ACCOUNT, type TestEmulator } from '../helpers/emulator.js';
import { waitFor } from '../helpers/wait.js';
import { ensureLambdaImage, LAMBDA_IMAGE_TIMEOUT_MS, zipOf } from '../lambda/lambda-image.js';
import type { ReverseRelay } from './reverse-relay.js';
import { freePort, relayToSocket, startSecondDockerd, type Relay, type SecondDockerd } from './second-dockerd.js';

const run = promisify(execFile);
const ROLE = `arn:aws:iam::${TEST_ACCOUNT}:role/lambda-role`;
const OWNER_LABEL = 'codepipeline-local.lambda-owner';
const FUNCTION_LABEL = 'codepipeline-local.function';
// Where the emulator is reached inside the second engine's namespace (its bridge's gateway, on this port).
const PORT_INSIDE = 4599;
// A cold start of the runtime, boto3 included, on a shared machine.
const INVOKE_TIMEOUT_MS = 120_000;

const NODE_ECHO = `export const handler = async (event) => {
  console.log('echoing', JSON.stringify(event));
  return { echo: event, runtimeApi: process.env.AWS_LAMBDA_RUNTIME_API, endpoint: process.env.AWS_ENDPOINT_URL };
};`;

const PYTHON_BUCKET = `import os
import boto3

def handler(event, context):
    print("making bucket", event["bucket"])
    boto3.client("s3").create_bucket(Bucket=event["bucket"])
    return {"made": event["bucket"], "endpoint": os.environ["AWS_ENDPOINT_URL"]}
`;

// The SDK for JavaScript of the image, asking the emulator's Lambda API about the function itself.
const NODE_SELF = `import { GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
export const handler = async () => {
  const found = await new LambdaClient({}).send(new GetFunctionCommand({ FunctionName: process.env.AWS_LAMBDA_FUNCTION_NAME }));
  return { name: found.Configuration.FunctionName, runtime: found.Configuration.Runtime };
};`;

const PYTHON_SLOW = `import time
import boto3

def handler(event, context):
    boto3.client("s3").create_bucket(Bucket="slow-started")
    time.sleep(50)
    return "late"
`;

const payloadOf = (out: InvokeCommandOutput) => JSON.parse(Buffer.from(out.Payload ?? []).toString('utf8') || 'null');
const logOf = (out: InvokeCommandOutput) => Buffer.from(out.LogResult ?? '', 'base64').toString('utf8');
const arnOf = (name: string) => `arn:aws:lambda:us-east-1:${TEST_ACCOUNT}:function:${name}`;

describe('--executor docker-host: Lambda functions on the --docker-hosts engines, calling back to --advertise-url', () => {
  const local = process.env.DOCKER_HOST?.startsWith('unix://') ? process.env.DOCKER_HOST : `unix://${process.env.DOCKER_HOST ?? '/var/run/docker.sock'}`;
  const localDocker = (...args: string[]) => run('docker', ['-H', local, ...args]).then((r) => r.stdout);
  const dataDir = freshDataDir();
  let engine: SecondDockerd;
  // The second engine's API as a tcp:// engine, through a relay the test cuts (a network that fails) and restores.
  let api: Relay;
  let farHost: string;
  let advertiseUrl: string;
  let env: TestEmulator | undefined;
  let back: ReverseRelay | undefined;
  let lambda: LambdaClient;
  // An engine where nothing listens.
  let dead: string;

  const start = async (dockerHosts: string[]) => {
    await env?.close();
    await back?.close();
    env = await startTestEmulator({ dataDir, executor: 'docker-host', dockerHosts, advertiseUrl });
    // The emulator's port, reached from the second engine's containers at the advertised URL.
    back = await engine.reverseRelay(Number(new URL(env.url).port), PORT_INSIDE);
    lambda = env.client(LambdaClient);
  };
  const create = (name: string, files: Record<string, string>, runtime = 'nodejs20.x', handler = 'index.handler') =>
    lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: runtime as never, Role: ROLE, Handler: handler, Code: { ZipFile: zipOf(files) }, Timeout: 60 }));
  const invoke = (name: string, payload: unknown) => lambda.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from(JSON.stringify(payload)), LogType: 'Tail' }));
  // The functions whose sandboxes (of this data folder) are on an engine, running or not.
  const sandboxesOn = async (docker: (...args: string[]) => Promise<string>) =>
    (await docker('ps', '-a', '--filter', `label=${OWNER_LABEL}=${dataDir}`, '--format', `{{.Label "${FUNCTION_LABEL}"}}`)).split('\n').filter(Boolean).sort();
  const cut = () => api.close();
  const restore = async () => {
    api = await relayToSocket(new URL(engine.host).pathname, api.port);
  };

  beforeAll(async () => {
    await ensureLambdaImage();
    engine = await startSecondDockerd([LAMBDA_IMAGE], { network: true });
    api = await relayToSocket(new URL(engine.host).pathname);
    farHost = `tcp://127.0.0.1:${api.port}`;
    advertiseUrl = `http://${await engine.bridgeGateway()}:${PORT_INSIDE}`;
  }, LAMBDA_IMAGE_TIMEOUT_MS);

  afterAll(async () => {
    await env?.close();
    await back?.close();
    await api?.close();
    await engine?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);

  it('runs a Node.js and a Python function on the second engine, reaching their Runtime API and the emulator at the advertised URL', { timeout: INVOKE_TIMEOUT_MS }, async () => {
    // The Python sandbox goes to the engine where nothing listens first (it holds fewer), is refused, and goes on.
    dead = `tcp://127.0.0.1:${await freePort()}`;
    await start([farHost, dead]);
    await create('node-echo', { 'index.mjs': NODE_ECHO });
    await create('py-bucket', { 'app.py': PYTHON_BUCKET }, 'python3.13', 'app.handler');

    const node = await invoke('node-echo', { n: 1 });
    expect(node.FunctionError, logOf(node)).toBeUndefined();
    const answer = payloadOf(node);
    expect(answer.echo).toEqual({ n: 1 });
    expect(answer.endpoint).toBe(advertiseUrl);
    expect(answer.runtimeApi).toMatch(new RegExp(`^${new URL(advertiseUrl).host.replace(/\./g, '\\.')}/codepipeline-local/lambda-runtime/[0-9a-f-]{36}$`));
    expect(logOf(node)).toMatch(/\tINFO\techoing {"n":1}/);
    expect(logOf(node)).toContain('REPORT RequestId:');

    // The function's own call of the emulator's API (S3 CreateBucket with boto3) goes through the advertised URL.
    const python = await invoke('py-bucket', { bucket: 'made-far-away' });
    expect(python.FunctionError, logOf(python)).toBeUndefined();
    expect(payloadOf(python)).toEqual({ made: 'made-far-away', endpoint: advertiseUrl });
    expect(logOf(python)).toContain('making bucket made-far-away');
    await env!.client(S3Client).send(new HeadBucketCommand({ Bucket: 'made-far-away' }));

    // And the SDK for JavaScript's (Lambda GetFunction).
    await create('node-self', { 'index.mjs': NODE_SELF });
    const self = await invoke('node-self', {});
    expect(self.FunctionError, logOf(self)).toBeUndefined();
    expect(payloadOf(self)).toEqual({ name: 'node-self', runtime: 'nodejs20.x' });

    expect(await sandboxesOn(engine.docker)).toEqual([arnOf('node-echo'), arnOf('node-self'), arnOf('py-bucket')]);
    expect(await sandboxesOn(localDocker)).toEqual([]);
  });

  it('fails an invocation as ServiceException when its engine goes away during it, or when no engine can be reached, and removes its sandboxes on stopping', { timeout: INVOKE_TIMEOUT_MS }, async () => {
    await create('py-slow', { 'app.py': PYTHON_SLOW }, 'python3.13', 'app.handler');
    await create('node-late', { 'index.mjs': NODE_ECHO });
    const slow = invoke('py-slow', {}).then(() => undefined, (e: Error) => e);
    // Its bucket says the function runs: the sandbox was started, and the invocation handed to it.
    await waitFor(() => env!.client(S3Client).send(new HeadBucketCommand({ Bucket: 'slow-started' })), { description: 'the slow function running on the second engine', timeoutMs: 60_000, intervalMs: 200 });
    await cut();
    const wentAway = await slow;
    expect(wentAway?.name).toBe('ServiceException');
    expect(wentAway?.message).toMatch(new RegExp(`^codepipeline-local could not run the function: The Docker engine ${farHost} went away during the invocation \\(.+\\)\\. The next invocation is placed on another engine$`));

    const error = await invoke('node-late', {}).then(() => undefined, (e: Error) => e);
    expect(error?.name).toBe('ServiceException');
    // Each engine with its error (a refused connection, or the hang-up of one the client kept open), in the order tried.
    expect(error?.message).toMatch(/^codepipeline-local could not run the function: Unable to reach the Docker engines .+\. The function was not started; the next invocation tries them again$/);
    expect(error?.message).toMatch(new RegExp(`${farHost} \\((connect ECONNREFUSED|socket hang up)[^)]*\\)`));
    expect(error?.message).toMatch(new RegExp(`${dead} \\(connect ECONNREFUSED[^)]*\\)`));
    await restore();
    await env!.close();
    env = undefined;
    // The sandboxes whose engine was cut off when they were dropped are removed once it answers again.
    expect(await sandboxesOn(engine.docker)).toEqual([]);
    expect(await sandboxesOn(localDocker)).toEqual([]);
  });

  it('removes at start what an earlier process left, places a sandbox on the other engine when one is cut off, and leaves nothing', { timeout: INVOKE_TIMEOUT_MS }, async () => {
    await engine.docker('create', '--label', `${OWNER_LABEL}=${dataDir}`, '--label', 'codepipeline-local.lambda-process=earlier', '--label', `${FUNCTION_LABEL}=left-over`, LAMBDA_IMAGE, 'true');
    await start([farHost, local]);
    // The sweep runs once the emulator has answered.
    await lambda.send(new ListFunctionsCommand({}));
    await waitFor(() => sandboxesOn(engine.docker), { description: 'the leftover removed from the second engine', timeoutMs: 30_000, intervalMs: 200 }, (found) => found.length === 0);

    // On a tie the first engine (the second dockerd) is chosen: cut off, it is passed over.
    await cut();
    const out = await invoke('node-echo', { n: 2 });
    expect(out.FunctionError, logOf(out)).toBeUndefined();
    // On the machine's socket the sandbox uses the host's network and the emulator's own address, as with `local`.
    expect(payloadOf(out)).toMatchObject({ echo: { n: 2 }, endpoint: env!.url.replace('://0.0.0.0:', '://127.0.0.1:'), runtimeApi: expect.stringMatching(/^127\.0\.0\.1:\d+$/) });
    expect(await sandboxesOn(localDocker)).toEqual([arnOf('node-echo')]);
    await restore();
    expect(await sandboxesOn(engine.docker)).toEqual([]);

    await env!.close();
    env = undefined;
    expect(await sandboxesOn(engine.docker)).toEqual([]);
    expect(await sandboxesOn(localDocker)).toEqual([]);
  });
});
