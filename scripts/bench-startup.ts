/**
 * Startup benchmark: runs the installed command (bin/codepipeline-local.js) as a user would and reports
 * - `serve` cold start: from spawning it (fresh data dir each time) to its first answered API request
 *   (CodePipeline ListPipelines, polled tightly on a port chosen beforehand), median of ROUNDS;
 * - short commands: `--version`, `instances` and `wait` (against a running server; `wait` follows the tutorial
 *   pipeline's first execution, which has ended, through the SDK client), spawn to exit, median of ROUNDS;
 * - idle RSS of `serve` IDLE_MS after it first answered.
 * Each figure is printed with its target.
 */
import { CodePipelineClient, CreatePipelineCommand, ListPipelineExecutionsCommand, type PipelineDeclaration } from '@aws-sdk/client-codepipeline';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer as createHttpServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { accepts, freePort } from '../test/helpers/ports.js';
import { median, progress } from './bench-common.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const IDLE_MS = 10_000; // how long `serve` idles before its RSS is read
const POLL_MS = 5; // pause between two connection attempts while `serve` starts (milliseconds)
const TARGET_SERVE_MS = 300;
const TARGET_COMMAND_MS = 250;
const TARGET_RSS_MB = 80;
const HOST = '127.0.0.1';
const CLI = fileURLToPath(new URL('../bin/codepipeline-local.js', import.meta.url));

/**
 * Makes one fetch to a throwaway local server: fetch loads its HTTP client on first use (100-200 ms of this
 * process's CPU on the loaded machine), which would otherwise be counted in `serve`'s first answer of round 1.
 */
async function warmFetch(): Promise<void> {
  const server = createHttpServer((_req, res) => res.end()).listen(0, HOST);
  await once(server, 'listening');
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  await (await fetch(`http://${HOST}:${address.port}/`, { method: 'POST', body: '{}' })).arrayBuffer();
  server.close();
  await once(server, 'close');
}

/** True once the server at `port` answers ListPipelines with 200. */
async function answers(port: number): Promise<boolean> {
  if (!(await accepts(port))) return false;
  try {
    const response = await fetch(`http://${HOST}:${port}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'CodePipeline_20150709.ListPipelines' },
      body: '{}',
    });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** A `serve` child on a fresh data dir, and the milliseconds it took to answer its first request. */
async function startServe(): Promise<{ child: ChildProcess; ms: number; stop: () => Promise<void> }> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'cpl-bench-startup-'));
  let stderr = '';
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, 'serve', '--host', HOST, '--port', String(port), '--data-dir', dataDir, '--log-level', 'warn'], { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.on('data', (d) => (stderr += d));
  let exited = false;
  const exit = once(child, 'exit').then(() => (exited = true));
  while (!(await answers(port))) {
    if (exited) throw new Error(`serve exited before answering: ${stderr}`);
    await sleep(POLL_MS);
  }
  const ms = performance.now() - started;
  const stop = async () => {
    child.kill('SIGTERM');
    await exit;
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { child, ms, stop };
}

/** Milliseconds from spawning `codepipeline-local ...args` to its exit (which must be `expectedCode`). */
async function timeCommand(args: string[], expectedCode = 0): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const [code] = await once(child, 'exit');
  if (code !== expectedCode) throw new Error(`codepipeline-local ${args.join(' ')} exited ${code}: ${stderr}`);
  return performance.now() - started;
}

/** The resident set size of a process in MB, from /proc (Linux) or ps. */
async function rssMb(pid: number): Promise<number> {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    if (kb) return Number(kb) / 1024;
  } catch {
    // not Linux: ask ps
  }
  const ps = spawn('ps', ['-o', 'rss=', '-p', String(pid)]);
  let out = '';
  ps.stdout.on('data', (d) => (out += d));
  await once(ps, 'exit');
  return Number(out.trim()) / 1024;
}

/** Creates the tutorial's pipeline on the server at `port` and waits until its first execution has ended; returns its name. */
async function endedExecution(port: number): Promise<string> {
  const { pipeline } = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/tutorial/pipeline.json', import.meta.url)), 'utf8')) as { pipeline: PipelineDeclaration };
  const client = new CodePipelineClient({ endpoint: `http://${HOST}:${port}`, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
  await client.send(new CreatePipelineCommand({ pipeline }));
  for (;;) {
    const [execution] = (await client.send(new ListPipelineExecutionsCommand({ pipelineName: pipeline.name! }))).pipelineExecutionSummaries ?? [];
    if (execution && !['InProgress', 'Stopping'].includes(execution.status!)) return pipeline.name!;
    await sleep(100);
  }
}

function line(label: string, value: number, unit: string, target: number): string {
  const verdict = value < target ? 'ok' : 'MISSED';
  return `${label.padEnd(44)} ${value.toFixed(unit === 'MB' ? 1 : 0).padStart(7)} ${unit}   target < ${target} ${unit}   ${verdict}`;
}

await warmFetch();
const serveMs: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  const server = await startServe();
  serveMs.push(server.ms);
  progress(`serve round ${i + 1}/${ROUNDS}: first answer after ${server.ms.toFixed(0)} ms`);
  await server.stop();
}

const versionMs: number[] = [];
for (let i = 0; i < ROUNDS; i++) versionMs.push(await timeCommand(['--version']));
progress(`--version: ${versionMs.map((v) => v.toFixed(0)).join(' ')} ms`);

progress(`serve idles ${IDLE_MS / 1000} s before its RSS is read`);
const idle = await startServe();
await sleep(IDLE_MS);
const rss = await rssMb(idle.child.pid!);
const port = /--port (\d+)/.exec((idle.child.spawnargs ?? []).join(' '))![1];
const instancesMs: number[] = [];
for (let i = 0; i < ROUNDS; i++) instancesMs.push(await timeCommand(['instances', '--port', port]));
progress(`instances: ${instancesMs.map((v) => v.toFixed(0)).join(' ')} ms`);
const pipelineName = await endedExecution(Number(port));
const waitMs: number[] = [];
// The tutorial's repository does not exist in a fresh data dir: the execution failed at Source, so `wait` exits 1.
for (let i = 0; i < ROUNDS; i++) waitMs.push(await timeCommand(['wait', pipelineName, '--port', port], 1));
progress(`wait: ${waitMs.map((v) => v.toFixed(0)).join(' ')} ms`);
await idle.stop();

console.log(`codepipeline-local startup (${ROUNDS} rounds, medians; node ${process.version})`);
console.log(line('serve: spawn to first answered request', median(serveMs), 'ms', TARGET_SERVE_MS));
console.log(line('--version: spawn to exit', median(versionMs), 'ms', TARGET_COMMAND_MS));
console.log(line('instances: spawn to exit (server running)', median(instancesMs), 'ms', TARGET_COMMAND_MS));
console.log(line('wait: spawn to exit (execution ended)', median(waitMs), 'ms', TARGET_COMMAND_MS));
console.log(line(`serve: idle RSS after ${IDLE_MS / 1000} s`, rss, 'MB', TARGET_RSS_MB));
