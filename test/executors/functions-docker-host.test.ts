import { CreateFunctionCommand, InvokeCommand, LambdaClient, ListFunctionsCommand, UpdateFunctionConfigurationCommand, type InvokeCommandOutput } from '@aws-sdk/client-lambda';
import { CreateBucketCommand, HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { LAMBDA_IMAGE } from '../../src/lambda/index.js';
import { createLogger } from '../../src/shared/index.js';
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

// Runs until the test makes the bucket swarm-release, so that its sandbox is seen while it runs.
const PYTHON_HELD = `import os
import time
import boto3

def handler(event, context):
    s3 = boto3.client("s3")
    s3.create_bucket(Bucket="swarm-started")
    print("held until swarm-release")
    while "swarm-release" not in [b["Name"] for b in s3.list_buckets()["Buckets"]]:
        time.sleep(0.2)
    return {"echo": event, "endpoint": os.environ["AWS_ENDPOINT_URL"], "runtimeApi": os.environ["AWS_LAMBDA_RUNTIME_API"]}
`;

const payloadOf = (out: InvokeCommandOutput) => JSON.parse(Buffer.from(out.Payload ?? []).toString('utf8') || 'null');
const logOf = (out: InvokeCommandOutput) => Buffer.from(out.LogResult ?? '', 'base64').toString('utf8');
const arnOf = (name: string) => `arn:aws:lambda:us-east-1:${TEST_ACCOUNT}:function:${name}`;

describe('--executor docker-host, then swarm: Lambda functions on other engines, calling back to --advertise-url', () => {
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

  const start = async (dockerHosts: string[], overrides: Partial<Config> = { executor: 'docker-host' }) => {
    await env?.close();
    await back?.close();
    env = await startTestEmulator({ dataDir, ...(dockerHosts.length > 0 ? { dockerHosts } : {}), advertiseUrl, ...overrides });
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

  // Last: the second engine becomes a single-node swarm (its own loopback), whose tasks are on its bridge as above.
  it('under --executor swarm, runs an invocation as a replicated-job service, its bootstrap exec\'d into the task, calling back to the advertised URL', { timeout: 2 * INVOKE_TIMEOUT_MS }, async () => {
    await engine.docker('swarm', 'init', '--advertise-addr', '127.0.0.1');
    // Without --advertise-url, functions stay on DOCKER_HOST, and the start-up log says so.
    const said: string[] = [];
    const infoLog = createLogger({ level: 'info', destination: new Writable({ write: (chunk: Buffer, _encoding, done) => (said.push(chunk.toString()), done()) }) });
    const without = await startTestEmulator({ executor: 'swarm', swarmHost: engine.host }, { log: infoLog });
    await without.close();
    rmSync(without.dataDir, { recursive: true, force: true });
    expect(said.join('')).toContain('Lambda functions run on the DOCKER_HOST engine: give --advertise-url to run them as services on the Docker swarm');

    // The function services of this data folder, by the function they run.
    const servicesOf = async () => {
      const ids = (await engine.docker('service', 'ls', '-q', '--filter', `label=${OWNER_LABEL}=${dataDir}`)).split('\n').filter(Boolean);
      return Promise.all(ids.map(async (id) => JSON.parse(await engine.docker('service', 'inspect', id, '--format', '{{json .Spec}}')) as { Labels: Record<string, string>; Mode: object; TaskTemplate: { ContainerSpec: { Image: string; Command?: string[] } } }));
    };
    await engine.docker('service', 'create', '--detach', '--no-resolve-image', '--mode', 'replicated-job', '--name', 'lambda-left-over', '--label', `${OWNER_LABEL}=${dataDir}`, '--label', 'codepipeline-local.lambda-process=earlier', LAMBDA_IMAGE, 'true');
    await start([], { executor: 'swarm', swarmHost: engine.host });
    await lambda.send(new ListFunctionsCommand({}));
    await waitFor(servicesOf, { description: 'the service an earlier process left removed', timeoutMs: 30_000, intervalMs: 200 }, (found) => found.length === 0);

    await create('py-held', { 'app.py': PYTHON_HELD }, 'python3.13', 'app.handler');
    const held = invoke('py-held', { n: 3 });
    await waitFor(() => env!.client(S3Client).send(new HeadBucketCommand({ Bucket: 'swarm-started' })), { description: 'the held function running on the swarm', timeoutMs: 90_000, intervalMs: 200 });
    const [service, ...others] = await servicesOf();
    expect(others).toEqual([]);
    expect(service.Labels[FUNCTION_LABEL]).toBe(arnOf('py-held'));
    expect(service.Mode).toEqual({ ReplicatedJob: { MaxConcurrent: 1, TotalCompletions: 1 } });
    expect(service.TaskTemplate.ContainerSpec).toMatchObject({ Image: LAMBDA_IMAGE, Command: ['tail', '-f', '/dev/null'] });
    await env!.client(S3Client).send(new CreateBucketCommand({ Bucket: 'swarm-release' }));
    const out = await held;
    expect(out.FunctionError, logOf(out)).toBeUndefined();
    expect(payloadOf(out)).toMatchObject({ echo: { n: 3 }, endpoint: advertiseUrl, runtimeApi: expect.stringMatching(/\/codepipeline-local\/lambda-runtime\/[0-9a-f-]{36}$/) });
    expect(logOf(out)).toContain('held until swarm-release');
    expect(logOf(out)).toContain('REPORT RequestId:');
    expect(await sandboxesOn(localDocker)).toEqual([]);

    // A new configuration drops the warm sandbox: its service goes.
    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'py-held', Timeout: 30 }));
    await waitFor(servicesOf, { description: 'the dropped sandbox\'s service removed', timeoutMs: 30_000, intervalMs: 200 }, (found) => found.length === 0);

    // A bootstrap that exits: the exec's exit status, and the sandbox's service goes.
    await create('node-exit', { 'index.mjs': 'export const handler = async () => process.exit(3);' });
    const exited = await invoke('node-exit', {});
    expect(exited.FunctionError).toBe('Unhandled');
    expect(payloadOf(exited)).toMatchObject({ errorType: 'Runtime.ExitError', errorMessage: expect.stringMatching(/Runtime exited with error: exit status 3$/) });
    await waitFor(servicesOf, { description: 'the exited sandbox\'s service removed', timeoutMs: 30_000, intervalMs: 200 }, (found) => found.length === 0);

    // A task that cannot start: the image is untagged on the node after this emulator made it present there (it is
    // not looked at again in this process), so the node has none to run.
    await create('node-swarm', { 'index.mjs': NODE_ECHO });
    await engine.docker('image', 'tag', LAMBDA_IMAGE, 'cpl-kept/lambda:1');
    await engine.docker('image', 'rm', LAMBDA_IMAGE);
    try {
      const error = await invoke('node-swarm', {}).then(() => undefined, (e: Error) => e);
      expect(error?.name).toBe('ServiceException');
      expect(error?.message).toMatch(/^codepipeline-local could not run the function: The Docker swarm could not start the function's sandbox on node .+: the task was (rejected|failed): .*(No such image|pull access denied|not found|does not exist).*\. The next invocation tries again$/is);
      expect(await servicesOf()).toEqual([]);
    } finally {
      await engine.docker('image', 'tag', 'cpl-kept/lambda:1', LAMBDA_IMAGE);
      await engine.docker('image', 'rm', 'cpl-kept/lambda:1');
    }

    // A warm sandbox's service is removed when the emulator stops.
    const echo = await invoke('node-swarm', { n: 4 });
    expect(echo.FunctionError, logOf(echo)).toBeUndefined();
    expect(payloadOf(echo)).toMatchObject({ echo: { n: 4 }, endpoint: advertiseUrl });
    expect(logOf(echo)).toMatch(/\tINFO\techoing {"n":4}/);
    expect((await servicesOf()).map((s) => s.Labels[FUNCTION_LABEL])).toEqual([arnOf('node-swarm')]);
    await env!.close();
    env = undefined;
    expect(await servicesOf()).toEqual([]);
    expect(await sandboxesOn(engine.docker)).toEqual([]);
  });
});
