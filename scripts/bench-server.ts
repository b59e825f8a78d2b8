/** Helpers for benchmarks that drive a server in a child process over HTTP: start, probe, call and stop it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { progress } from './bench-common.js';
import { signedHeaders, type SigningKey } from './bench-signing.js';
import { freePort } from '../test/helpers/ports.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The only address benchmarks listen on and talk to. */
export const HOST = '127.0.0.1';
const FAKE_SIGNATURE = 'Signature=' + '0123456789abcdef'.repeat(4);

/** A SigV4 Authorization header with a fake signature for a service (the emulator reads its scope, never checks it). */
export function authorization(service: string): string {
  return `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, ${FAKE_SIGNATURE}`;
}

/** An AWS JSON 1.1 service as the emulator routes it: its X-Amz-Target prefix and its SigV4 signing name. */
export interface JsonService {
  target: string;
  signingName: string;
}

/** The JSON services benchmarks call; CodePipeline is the default everywhere. */
export const SERVICES = {
  codepipeline: { target: 'CodePipeline_20150709', signingName: 'codepipeline' },
  codecommit: { target: 'CodeCommit_20150413', signingName: 'codecommit' },
  codebuild: { target: 'CodeBuild_20161006', signingName: 'codebuild' },
} as const satisfies Record<string, JsonService>;

/** Requests signed for `serve --iam` (by operation and body), which headers() hands out instead of the fake signature. */
const signed = new Map<string, Record<string, string>>();
let signingKey: SigningKey | undefined;

/** Signs every later request with this key (`serve --iam`). */
export function useSigningKey(key: SigningKey): void {
  signingKey = key;
  signed.clear();
}

/** Signs a request to the server at `url` now (so good for the next 15 minutes), when a signing key is in use. */
export async function sign(url: string, operation: string, body: string, service: JsonService = SERVICES.codepipeline): Promise<void> {
  if (!signingKey) return;
  const plain = { 'x-amz-target': `${service.target}.${operation}`, 'content-type': 'application/x-amz-json-1.1' };
  signed.set(`${service.target}.${operation}\n${body}`, await signedHeaders(url, service.signingName, signingKey, plain, body));
}

/** The headers of a JSON request for an operation of a service (CodePipeline unless told); signed when sign() signed it. */
export function headers(operation: string, service: JsonService = SERVICES.codepipeline, body?: string): Record<string, string> {
  const real = body === undefined ? undefined : signed.get(`${service.target}.${operation}\n${body}`);
  if (real) return real;
  return {
    'x-amz-target': `${service.target}.${operation}`,
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-date': '20260101T000000Z',
    authorization: authorization(service.signingName),
  };
}

/** Sends one JSON request (CodePipeline unless told) and returns its status and parsed body. */
export async function call(url: string, operation: string, body: unknown, service: JsonService = SERVICES.codepipeline): Promise<{ status: number; json: any }> {
  const payload = JSON.stringify(body);
  await sign(url, operation, payload, service);
  const res = await fetch(url, { method: 'POST', headers: headers(operation, service, payload), body: payload, signal: AbortSignal.timeout(5000) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : {} };
}

/** A child server whose last output is kept, so a failed start explains itself. */
export interface Server { name: string; url: string; child: ChildProcess; output: () => string }

/** Spawns a server process in the repository root. */
export function launch(name: string, command: string, args: string[], port: number): Server {
  const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let tail = '';
  const keep = (chunk: Buffer) => void (tail = (tail + chunk.toString()).slice(-4000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return { name, url: `http://${HOST}:${port}/`, child, output: () => tail };
}

/** Retries a probe until the server answers it, failing early when the server exits. */
export async function waitUntilAnswering(server: Server, probe: () => Promise<unknown>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`${server.name} exited with ${server.child.exitCode}:\n${server.output()}`);
    try {
      await probe();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`${server.name} did not answer within ${timeoutMs / 1000} s:\n${server.output()}`);
}

/** Stops a server with SIGTERM, or SIGKILL when it has not exited 5 s later. */
export async function stop(server: Server): Promise<void> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts `codepipeline-local serve` on a data directory and waits until ListPipelines answers;
 * `started` hands the child over before it answers, so a failed start is still stopped by the cleanup.
 */
export async function startEmulatorServer(dataDir: string, started: (server: Server) => void, extraArgs: string[] = []): Promise<Server> {
  const port = await freePort();
  const args = [join(ROOT, 'bin/codepipeline-local.js'), 'serve', '--host', HOST, '--port', String(port), '--data-dir', dataDir, '--log-level', 'warn', ...extraArgs];
  const server = launch('emulator', process.execPath, args, port);
  started(server);
  await waitUntilAnswering(server, async () => {
    if ((await call(server.url, 'ListPipelines', {})).status !== 200) throw new Error('not ready');
  });
  return server;
}

/**
 * Runs a benchmark's body on a fresh temporary data directory within a time budget, then exits with the code it
 * returns: the servers it lists are stopped and the folder removed when it ends, on SIGINT or SIGTERM, or when the
 * budget runs out (exit 2).
 */
export function runBenchmark(name: string, budgetMs: number, body: (dataDir: string, servers: Server[]) => Promise<number>): void {
  const dataDir = mkdtempSync(join(tmpdir(), `cpl-${name}-`));
  const servers: Server[] = [];
  const cleanup = async () => {
    await Promise.all(servers.map(stop));
    rmSync(dataDir, { recursive: true, force: true });
  };
  const budget = setTimeout(() => {
    progress(`giving up: the run exceeded its ${budgetMs / 1000} s budget`);
    void cleanup().finally(() => process.exit(2));
  }, budgetMs);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanup().finally(() => process.exit(130)));
  body(dataDir, servers)
    .finally(async () => {
      clearTimeout(budget);
      await cleanup();
    })
    .then(
      (code) => process.exit(code),
      (error) => {
        console.error(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
}

export { freePort };
