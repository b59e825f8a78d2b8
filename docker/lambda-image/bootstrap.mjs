// The Node.js runtime of codepipeline-local's Lambda image: a client of the Lambda Runtime API, as AWS's runtime
// interface client is (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html). It loads the handler
// ($_HANDLER, `file.export` under $LAMBDA_TASK_ROOT), then loops: GET the next invocation, run the handler, POST its
// result or error. console.* lines carry a timestamp, the request id and a level, as in CloudWatch.
import http from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';

// host:port, as AWS gives it; the emulator may add a path (its own port serving each sandbox's API under one).
const api = new URL(`http://${process.env.AWS_LAMBDA_RUNTIME_API}`);
const [host, port] = [api.hostname.replace(/^\[|\]$/g, ''), api.port || '80'];
const BASE = `${api.pathname.replace(/\/$/, '')}/2018-06-01/runtime`;
// Written after each invocation's output, so the emulator knows the invocation's log is complete; never shown.
const END_MARKER = '\u001ecodepipeline-local:end ';
let currentRequestId;

function request(method, path, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host, port: Number(port), method, path: BASE + path, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function logLine(level, args) {
  process.stdout.write(`${new Date().toISOString()}\t${currentRequestId ?? 'undefined'}\t${level}\t${format(...args)}\n`);
}
console.log = (...a) => logLine('INFO', a);
console.info = (...a) => logLine('INFO', a);
console.warn = (...a) => logLine('WARN', a);
console.error = (...a) => logLine('ERROR', a);
console.debug = (...a) => logLine('DEBUG', a);
console.trace = (...a) => logLine('TRACE', a);

function maxMemoryHeader() {
  return { 'Codepipeline-Local-Max-Memory-Used': String(Math.ceil(process.resourceUsage().maxRSS / 1024)) };
}

function errorPayload(error) {
  if (error instanceof Error) return { errorType: error.name, errorMessage: error.message, trace: String(error.stack ?? '').split('\n') };
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

class RuntimeError extends Error {
  constructor(name, message) {
    super(message);
    this.name = name;
  }
}

async function loadHandler() {
  const handler = process.env._HANDLER ?? '';
  const dot = handler.lastIndexOf('.');
  const modulePath = dot > 0 ? handler.slice(0, dot) : handler;
  const exportName = dot > 0 ? handler.slice(dot + 1) : '';
  const root = process.env.LAMBDA_TASK_ROOT ?? '/var/task';
  const file = ['.js', '.mjs', '.cjs'].map((ext) => join(root, modulePath + ext)).find((f) => existsSync(f));
  if (!file) throw new RuntimeError('Runtime.ImportModuleError', `Error: Cannot find module '${modulePath}'\nRequire stack:\n- /var/runtime/index.mjs`);
  let mod;
  try {
    mod = await import(pathToFileURL(file).href);
  } catch (error) {
    if (error instanceof SyntaxError) throw new RuntimeError('Runtime.UserCodeSyntaxError', `${error.name}: ${error.message}`);
    throw new RuntimeError('Runtime.ImportModuleError', `${error?.name ?? 'Error'}: ${error?.message ?? error}`);
  }
  const fn = mod[exportName] ?? mod.default?.[exportName];
  if (typeof fn !== 'function') throw new RuntimeError('Runtime.HandlerNotFound', `${handler} is undefined or not exported`);
  return fn;
}

function contextOf(headers) {
  const deadline = Number(headers['lambda-runtime-deadline-ms']);
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: headers['lambda-runtime-aws-request-id'],
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    ...(headers['lambda-runtime-client-context'] ? { clientContext: JSON.parse(headers['lambda-runtime-client-context']) } : {}),
  };
}

function run(handler, event, context) {
  if (handler.length < 3) return Promise.resolve().then(() => handler(event, context));
  return new Promise((resolve, reject) => {
    const callback = (error, result) => (error ? reject(error) : resolve(result));
    const returned = handler(event, context, callback);
    if (returned && typeof returned.then === 'function') returned.then(resolve, reject);
  });
}

async function invocationError(id, error) {
  const payload = errorPayload(error);
  logLine('ERROR', [`Invoke Error \t${JSON.stringify({ errorType: payload.errorType, errorMessage: payload.errorMessage, stack: payload.trace })}`]);
  await request('POST', `/invocation/${id}/error`, JSON.stringify(payload), { 'Content-Type': 'application/json', 'Lambda-Runtime-Function-Error-Type': payload.errorType, ...maxMemoryHeader() });
}

let handler;
try {
  handler = await loadHandler();
} catch (error) {
  const payload = errorPayload(error);
  process.stdout.write(`${new Date().toISOString()}\tundefined\tERROR\tUncaught Exception \t${JSON.stringify({ errorType: payload.errorType, errorMessage: payload.errorMessage, stack: payload.trace })}\n`);
  await request('POST', '/init/error', JSON.stringify(payload), { 'Content-Type': 'application/json', 'Lambda-Runtime-Function-Error-Type': payload.errorType });
  process.exit(1);
}

process.on('uncaughtException', async (error) => {
  if (currentRequestId) await invocationError(currentRequestId, error).catch(() => undefined);
  process.exit(129);
});

for (;;) {
  const next = await request('GET', '/invocation/next');
  const id = next.headers['lambda-runtime-aws-request-id'];
  currentRequestId = id;
  process.env._X_AMZN_TRACE_ID = next.headers['lambda-runtime-trace-id'] ?? '';
  try {
    const event = JSON.parse(next.body);
    const result = await run(handler, event, contextOf(next.headers));
    const body = JSON.stringify(result === undefined ? null : result);
    await request('POST', `/invocation/${id}/response`, body, { 'Content-Type': 'application/json', ...maxMemoryHeader() });
  } catch (error) {
    await invocationError(id, error);
  }
  process.stdout.write(`${END_MARKER}${id}\n`);
  currentRequestId = undefined;
}
