/**
 * History-at-scale benchmark: with 1,000 pipelines and 100,000 executions (3 stages, 4 actions each; made through
 * the store, see bench-history-seed.ts) in the data directory, starts the emulator on it (a child process, as users
 * run it) and times, one request at a time over a keep-alive connection, ListPipelines (first and a later page),
 * GetPipelineState, ListPipelineExecutions (first page and page 50) and ListActionExecutions (first page and one
 * execution's) on the pipeline with the most executions. Prints p50/p99 against the target (p99 < 10 ms) and the
 * data directory's size.
 *
 * Environment: BENCH_PIPELINES (default 1000), BENCH_EXECUTIONS (default 100000), BENCH_REQUESTS (timed requests
 * per operation, default 300). Exits 1 when an answer is not 2xx or not what the data holds.
 */
import { readdirSync, statSync } from 'node:fs';
import { Agent } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { percentile, progress } from './bench-common.js';
import { HOT_PIPELINE, seedHistory } from './bench-history-seed.js';
import { textTable, timedPost } from './bench-load.js';
import { call, headers, runBenchmark, startEmulatorServer, stop, type Server } from './bench-server.js';

const PIPELINES = whole('BENCH_PIPELINES', 1000);
const EXECUTIONS = whole('BENCH_EXECUTIONS', 100_000);
const REQUESTS = whole('BENCH_REQUESTS', 300);
const WARMUP = 30; // unmeasured requests per operation, so statement caches and the page cache are warm
const TARGET_P99_MS = 10;
const HOT_EVERY = 10; // the hot pipeline gets every 10th execution: 10,000 of 100,000
const DEEP_PAGE = 50;
// Generous ceiling so a wedged server can never hang CI: seeding, start-up, and every operation at 0.5 s a request.
const BUDGET_MS = (600 + 8 * (WARMUP + REQUESTS) * 0.5) * 1000;

function whole(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number`);
  return value;
}

/** Every file's size under a directory, in bytes. */
function sizeOf(dir: string): number {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .reduce((sum, e) => sum + statSync(join(e.parentPath, e.name)).size, 0);
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** One timed operation: the request body, and a check that the answer holds what the data says it should. */
interface Operation { label: string; operation: string; body: unknown; check: (json: any) => string | undefined }

/** Follows nextToken from the first page to page `n` (1-based) and returns the token that asks for it. */
async function tokenFor(url: string, operation: string, body: Record<string, unknown>, n: number): Promise<string> {
  let token: string | undefined;
  for (let page = 1; page < n; page++) {
    const res = await call(url, operation, { ...body, ...(token ? { nextToken: token } : {}) });
    token = res.json.nextToken;
    if (res.status !== 200 || !token) throw new Error(`${operation} page ${page} answered ${res.status} without a nextToken: ${JSON.stringify(res.json).slice(0, 300)}`);
  }
  return token!;
}

const count = (key: string, n: number) => (json: any) => (json[key]?.length === n ? undefined : `expected ${n} ${key}, got ${json[key]?.length}`);

async function operations(url: string, hotIds: string[]): Promise<Operation[]> {
  const hot = { pipelineName: HOT_PIPELINE };
  const hotExecutions = hotIds.length;
  const deepPageSize = Math.max(0, Math.min(100, hotExecutions - (DEEP_PAGE - 1) * 100));
  const oldest = hotIds[0];
  const ops: Operation[] = [
    { label: 'ListPipelines, first page', operation: 'ListPipelines', body: {}, check: count('pipelines', Math.min(100, PIPELINES)) },
    { label: 'GetPipelineState, hot pipeline', operation: 'GetPipelineState', body: { name: HOT_PIPELINE }, check: (j) => (j.stageStates?.[2]?.latestExecution ? undefined : 'no latest Deploy execution') },
    { label: 'ListPipelineExecutions, first page', operation: 'ListPipelineExecutions', body: hot, check: count('pipelineExecutionSummaries', Math.min(100, hotExecutions)) },
    { label: 'ListActionExecutions, first page', operation: 'ListActionExecutions', body: hot, check: count('actionExecutionDetails', 100) },
    {
      label: 'ListActionExecutions, oldest execution',
      operation: 'ListActionExecutions',
      body: { ...hot, filter: { pipelineExecutionId: oldest } },
      check: (j) => (j.actionExecutionDetails?.length >= 3 && j.actionExecutionDetails.every((d: any) => d.pipelineExecutionId === oldest) ? undefined : 'not the execution\'s actions'),
    },
  ];
  if (PIPELINES > 500) {
    ops.splice(1, 0, { label: 'ListPipelines, page 5 by nextToken', operation: 'ListPipelines', body: { nextToken: await tokenFor(url, 'ListPipelines', {}, 5) }, check: count('pipelines', 100) });
  }
  if (deepPageSize > 0) {
    const nextToken = await tokenFor(url, 'ListPipelineExecutions', hot, DEEP_PAGE);
    ops.splice(-2, 0, { label: `ListPipelineExecutions, page ${DEEP_PAGE} by nextToken`, operation: 'ListPipelineExecutions', body: { ...hot, nextToken }, check: count('pipelineExecutionSummaries', deepPageSize) });
  }
  return ops;
}

interface Figures { label: string; p50: number; p99: number; max: number; problem?: string }

async function measure(url: string, agent: Agent, op: Operation): Promise<Figures> {
  const latencies: number[] = [];
  const hdrs = headers(op.operation);
  const payload = JSON.stringify(op.body);
  let problem: string | undefined;
  for (let i = 0; i < WARMUP + REQUESTS; i++) {
    const res = await timedPost(agent, url, hdrs, payload);
    if (i >= WARMUP) latencies.push(res.ms);
    problem ??= res.status === 200 ? op.check(JSON.parse(res.body)) : `answered ${res.status || res.error}: ${res.body.slice(0, 300)}`;
  }
  const figures = { label: op.label, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), max: percentile(latencies, 1), problem };
  progress(`${op.label}: p50 ${figures.p50} ms, p99 ${figures.p99} ms${problem ? ` (${problem})` : ''}`);
  return figures;
}

function table(rows: Figures[]): string {
  const verdict = (f: Figures) => (f.p99 < TARGET_P99_MS ? 'met' : 'MISSED');
  return textTable([['operation', 'p50 ms', 'p99 ms', 'max ms', `target p99 < ${TARGET_P99_MS} ms`], ...rows.map((f) => [f.label, String(f.p50), String(f.p99), String(f.max), verdict(f)])]);
}

async function main(dataDir: string, servers: Server[]): Promise<number> {
  progress(`seeding ${PIPELINES} pipelines and ${EXECUTIONS} executions into ${dataDir}`);
  const t0 = performance.now();
  const hotIds = seedHistory(dataDir, { pipelines: PIPELINES, executions: EXECUTIONS, hotEvery: HOT_EVERY }, progress);
  const seedSeconds = (performance.now() - t0) / 1000;
  const seededBytes = sizeOf(dataDir);
  progress(`seeded in ${seedSeconds.toFixed(1)} s; starting the emulator on it (it applies any pending migration first)`);
  const server = await startEmulatorServer(dataDir, (s) => servers.push(s));
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const figures: Figures[] = [];
  for (const op of await operations(server.url, hotIds)) figures.push(await measure(server.url, agent, op));
  agent.destroy();
  await stop(server);
  const stoppedBytes = sizeOf(dataDir);

  console.log(`\nHistory benchmark: ${PIPELINES} pipelines, ${EXECUTIONS} executions (${hotIds.length} of them on ${HOT_PIPELINE}), 3 stages and up to 4 actions each`);
  console.log(`${REQUESTS} timed requests per operation, one at a time over one keep-alive connection, after ${WARMUP} untimed`);
  console.log(`node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(2)} at the end\n`);
  console.log(table(figures));
  console.log(`\nData directory: ${mb(seededBytes)} after seeding (${seedSeconds.toFixed(1)} s through the store), ${mb(stoppedBytes)} after the server ran and stopped`);
  console.log(`Every operation p99 < ${TARGET_P99_MS} ms: ${figures.every((f) => f.p99 < TARGET_P99_MS) ? 'MET' : 'MISSED'}`);
  const bad = figures.filter((f) => f.problem);
  for (const f of bad) console.error(`${f.label}: ${f.problem}`);
  return bad.length > 0 ? 1 : 0;
}

runBenchmark('bench-history', BUDGET_MS, main);
