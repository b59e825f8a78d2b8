/** Helpers for benchmarks that drive a server in a child process over HTTP: start, probe, call and stop it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The only address benchmarks listen on and talk to. */
export const HOST = '127.0.0.1';
const FAKE_SIGNATURE = 'Signature=' + '0123456789abcdef'.repeat(4);

/** A SigV4 Authorization header with a fake signature for a service (the emulator reads its scope, never checks it). */
export function authorization(service: string): string {
  return `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, ${FAKE_SIGNATURE}`;
}

/** The headers of a CodePipeline JSON request for an operation. */
export function headers(operation: string): Record<string, string> {
  return {
    'x-amz-target': `CodePipeline_20150709.${operation}`,
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-date': '20260101T000000Z',
    authorization: authorization('codepipeline'),
  };
}

/** Sends one CodePipeline request and returns its status and parsed body. */
export async function call(url: string, operation: string, body: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(url, { method: 'POST', headers: headers(operation), body: JSON.stringify(body), signal: AbortSignal.timeout(5000) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : {} };
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer().once('error', reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
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
export async function startEmulatorServer(dataDir: string, started: (server: Server) => void): Promise<Server> {
  const port = await freePort();
  const args = [join(ROOT, 'bin/codepipeline-local.js'), 'serve', '--host', HOST, '--port', String(port), '--data-dir', dataDir, '--log-level', 'warn'];
  const server = launch('emulator', process.execPath, args, port);
  started(server);
  await waitUntilAnswering(server, async () => {
    if ((await call(server.url, 'ListPipelines', {})).status !== 200) throw new Error('not ready');
  });
  return server;
}
