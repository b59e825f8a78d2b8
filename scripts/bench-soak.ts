/**
 * Soak benchmark: mixed API load at 64 keep-alive connections while 50 executions are kept running, against the
 * emulator in a child process (`codepipeline-local serve`, as users run it), for 10 minutes by default. Prints
 * throughput, p50/p99 per operation, errors, and the server's RSS and open files at start, after warm-up and at the
 * end (those two under load, each the lowest RSS of its last 5 s, so a pending garbage collection does not decide
 * the growth). Targets: zero errors, RSS growth under 10% from the end of warm-up to the end.
 *
 * Options: `--seconds N` (or BENCH_SOAK_SECONDS; measured time, default 600). Environment: BENCH_CONNECTIONS
 * (default 64), BENCH_EXECUTIONS (default 50), BENCH_HOLD_MS (how long an execution waits at its approval before the
 * benchmark approves it, default 2000), BENCH_WARMUP (seconds of load before measuring, default a tenth of the
 * measured time, 5 to 60; V8's heap takes a minute or two to settle, so short runs overstate the growth). Exits 1
 * when a target is missed.
 */
import { zipSync, strToU8 } from 'fflate';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { progress } from './bench-common.js';
import { closedLoops, OperationStats, recordingCaller, textTable, type RecordedCall } from './bench-load.js';
import { processUsage, UsageSampler, type ProcessUsage } from './bench-process.js';
import { ExecutionKeeper, SOAK_SOURCE, soakPipeline } from './bench-soak-executions.js';
import { call, runBenchmark, SERVICES, startEmulatorServer, type Server } from './bench-server.js';

const { values: args } = parseArgs({ options: { seconds: { type: 'string' } }, strict: true });
const SECONDS = positive('--seconds', args.seconds ?? process.env.BENCH_SOAK_SECONDS, 600);
const CONNECTIONS = positive('BENCH_CONNECTIONS', process.env.BENCH_CONNECTIONS, 64);
const EXECUTIONS = positive('BENCH_EXECUTIONS', process.env.BENCH_EXECUTIONS, 50);
const HOLD_MS = positive('BENCH_HOLD_MS', process.env.BENCH_HOLD_MS, 2000);
const WARMUP_S = positive('BENCH_WARMUP', process.env.BENCH_WARMUP, Math.min(60, Math.max(5, Math.round(SECONDS / 10))));
const SAMPLE_MS = 15_000; // milliseconds between two progress lines with the server's RSS
const RSS_GROWTH_TARGET = 0.1;
// Generous ceiling so a wedged server can never hang the run: warm-up, measured time, setup and verification.
const BUDGET_MS = (WARMUP_S + SECONDS + 300) * 1000;
const START_PIPELINE = 'soak-start';
const REPOSITORY = 'soak-repo';
const PROJECT = 'soak-project';

function positive(name: string, raw: string | undefined, fallback: number): number {
  const value = Number(raw ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

const slotNames = Array.from({ length: EXECUTIONS }, (_, i) => `soak-run-${i}`);
const anySlot = () => slotNames[Math.floor(Math.random() * slotNames.length)];

/** Creates what the load reads: the source zip, the pipelines, a repository and a build project (unrecorded calls). */
async function setUp(server: Server, dataDir: string): Promise<void> {
  const bucket = join(dataDir, 's3', SOAK_SOURCE.bucket);
  mkdirSync(bucket, { recursive: true });
  writeFileSync(join(bucket, SOAK_SOURCE.key), zipSync({ 'index.html': strToU8('<h1>soak</h1>') }));
  const must = async (what: string, answer: Promise<{ status: number; json: unknown }>) => {
    const { status, json } = await answer;
    if (status !== 200) throw new Error(`${what} answered ${status}: ${JSON.stringify(json)}`);
  };
  for (const name of [...slotNames, START_PIPELINE]) await must(`CreatePipeline ${name}`, call(server.url, 'CreatePipeline', { pipeline: soakPipeline(name) }));
  await must('CreateRepository', call(server.url, 'CreateRepository', { repositoryName: REPOSITORY }, SERVICES.codecommit));
  const project = {
    name: PROJECT,
    source: { type: 'NO_SOURCE', buildspec: 'version: 0.2\nphases:\n  build:\n    commands:\n      - echo soak\n' },
    artifacts: { type: 'NO_ARTIFACTS' },
    environment: { type: 'LINUX_CONTAINER', image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_SMALL' },
    serviceRole: 'arn:aws:iam::000000000000:role/soak',
  };
  await must('CreateProject', call(server.url, 'CreateProject', project, SERVICES.codebuild));
}

/** The mixed load: each entry is one step of a loop, listed as often as its share of the calls. */
function mix(api: RecordedCall): Array<() => Promise<unknown>> {
  let throwAway = 0;
  const steps: Array<[number, () => Promise<unknown>]> = [
    [4, () => api('GetPipeline', { name: anySlot() })],
    [2, () => api('ListPipelines', {})],
    [4, () => api('GetPipelineState', { name: anySlot() })],
    [3, () => api('ListPipelineExecutions', { pipelineName: anySlot(), maxResults: 20 })],
    [1, () => api('StartPipelineExecution', { name: START_PIPELINE })],
    [
      1,
      async () => {
        const name = `soak-tmp-${throwAway++}`;
        return (await api('CreatePipeline', { pipeline: soakPipeline(name) })) && api('DeletePipeline', { name });
      },
    ],
    [1, () => api('ListRepositories', {}, SERVICES.codecommit)],
    [1, () => api('GetRepository', { repositoryName: REPOSITORY }, SERVICES.codecommit)],
    [1, () => api('ListProjects', {}, SERVICES.codebuild)],
    [1, () => api('BatchGetProjects', { names: [PROJECT] }, SERVICES.codebuild)],
  ];
  return steps.flatMap(([weight, step]) => Array<() => Promise<unknown>>(weight).fill(step));
}

function figuresTable(stats: OperationStats, seconds: number): string {
  const rows = [['operation', 'calls', 'req/s', 'p50 ms', 'p99 ms', 'errors']];
  for (const f of stats.figures()) rows.push([f.operation, String(f.calls), (f.calls / seconds).toFixed(0), String(f.p50), String(f.p99), String(f.errors)]);
  return textTable(rows);
}

const usageLine = (label: string, u: ProcessUsage) => `${label.padEnd(14)} RSS ${u.rssMb.toFixed(1).padStart(7)} MB   open fds ${String(u.openFds).padStart(5)}`;

function report(load: OperationStats, executions: OperationStats, approved: number, usage: Record<'start' | 'warm' | 'end' | 'peak', ProcessUsage>, seconds: number): boolean {
  const growth = (usage.end.rssMb - usage.warm.rssMb) / usage.warm.rssMb;
  const errors = load.errors + executions.errors;
  console.log(`\nSoak: ${seconds.toFixed(0)} s measured after ${WARMUP_S} s warm-up; mixed API load at ${CONNECTIONS} keep-alive connections + ${EXECUTIONS} executions kept running (each held ${HOLD_MS} ms at a Manual approval)`);
  console.log(`node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(2)} at the end\n`);
  console.log(`Mixed API load: ${(load.calls / seconds).toFixed(0)} req/s\n${figuresTable(load, seconds)}\n`);
  console.log(`Execution keeper (its polling, approvals and starts): ${approved} executions approved, ${(approved / seconds).toFixed(1)}/s\n${figuresTable(executions, seconds)}\n`);
  console.log(`Emulator process\n${usageLine('start', usage.start)}\n${usageLine('after warm-up', usage.warm)}\n${usageLine('end', usage.end)}\n${usageLine('peak', usage.peak)}`);
  console.log(`RSS growth since warm-up: ${(growth * 100).toFixed(1)}% (since start ${(((usage.end.rssMb - usage.start.rssMb) / usage.start.rssMb) * 100).toFixed(1)}%)\n`);
  const firstErrors = [...load.firstErrors, ...executions.firstErrors];
  if (firstErrors.length) console.log(`First errors:\n${firstErrors.map((e) => `  ${e}`).join('\n')}\n`);
  const errorsMet = errors === 0;
  const growthMet = growth < RSS_GROWTH_TARGET;
  console.log(`target: zero errors: ${errors} ${errorsMet ? 'MET' : 'MISSED'}`);
  console.log(`target: RSS growth under ${RSS_GROWTH_TARGET * 100}%: ${(growth * 100).toFixed(1)}% ${growthMet ? 'MET' : 'MISSED'}`);
  return errorsMet && growthMet;
}

/** The load of a run: the mixed calls and the kept executions, counted afresh from when measuring starts. */
class SoakLoad {
  load = new OperationStats();
  executions = new OperationStats();
  readonly keeper: ExecutionKeeper;
  private approvedBefore = 0;
  private readonly loadAgent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  private readonly keeperAgent = new Agent({ keepAlive: true, maxSockets: EXECUTIONS });
  private readonly steps: Array<() => Promise<unknown>>;

  constructor(url: string) {
    this.keeper = new ExecutionKeeper(slotNames, recordingCaller(url, this.keeperAgent, () => this.executions), () => this.executions, HOLD_MS);
    this.steps = mix(recordingCaller(url, this.loadAgent, () => this.load));
  }

  /** Runs both until `untilMs`; each connection walks the mix from its own offset. */
  run(untilMs: number): Promise<unknown> {
    const next = new Array<number>(CONNECTIONS).fill(0);
    const step = async (loop: number) => (await this.steps[(loop + next[loop]++) % this.steps.length]()) !== undefined;
    return Promise.all([closedLoops(CONNECTIONS, untilMs, step), this.keeper.run(untilMs)]);
  }

  /** Starts counting afresh; the loops run on without a pause, so warm-up calls simply stop counting. */
  restartStats(): void {
    this.load = new OperationStats();
    this.executions = new OperationStats();
    this.approvedBefore = this.keeper.completed;
  }

  /** Executions approved since the stats restarted. */
  get approved(): number {
    return this.keeper.completed - this.approvedBefore;
  }

  close(): void {
    this.loadAgent.destroy();
    this.keeperAgent.destroy();
  }
}

async function main(dataDir: string, servers: Server[]): Promise<number> {
  progress(`starting the emulator (data dir ${dataDir})`);
  const server = await startEmulatorServer(dataDir, (s) => servers.push(s));
  const pid = server.child.pid!;
  const start = processUsage(pid);
  const usage = { start, warm: start, end: start, peak: start };
  const sampler = new UsageSampler(pid);
  progress(`emulator ${pid} answering at ${server.url}; creating ${EXECUTIONS + 1} pipelines, a repository and a build project`);
  await setUp(server, dataDir);
  const soak = new SoakLoad(server.url);
  try {
    progress(`warming up for ${WARMUP_S} s: ${CONNECTIONS} connections of mixed calls, ${EXECUTIONS} executions kept running`);
    const running = soak.run(performance.now() + (WARMUP_S + SECONDS) * 1000);
    await new Promise((r) => setTimeout(r, WARMUP_S * 1000));
    usage.warm = sampler.settled();
    soak.restartStats();
    const measuredFrom = performance.now();
    progress(`measuring for ${SECONDS} s (RSS ${usage.warm.rssMb.toFixed(1)} MB, ${usage.warm.openFds} open fds after warm-up)`);
    const ticker = setInterval(() => {
      const now = sampler.sample();
      const elapsed = (performance.now() - measuredFrom) / 1000;
      progress(`${elapsed.toFixed(0)} s: ${(soak.load.calls / elapsed).toFixed(0)} req/s, ${soak.load.errors + soak.executions.errors} errors, ${soak.approved} executions approved, RSS ${now.rssMb.toFixed(1)} MB, ${now.openFds} fds`);
    }, SAMPLE_MS);
    // The end reading is taken while the load still runs, as the warm-up one was.
    await new Promise((r) => setTimeout(r, Math.max(0, measuredFrom + SECONDS * 1000 - performance.now() - 1000)));
    usage.end = sampler.settled();
    usage.peak = sampler.peak;
    await running;
    clearInterval(ticker);
    const seconds = (performance.now() - measuredFrom) / 1000;
    progress('load over; checking that every approved execution succeeded');
    for (const problem of await soak.keeper.verify(server.url)) soak.executions.fail('execution', problem);
    return report(soak.load, soak.executions, soak.approved, usage, seconds) ? 0 : 1;
  } finally {
    sampler.stop();
    soak.close();
  }
}

runBenchmark('bench-soak', BUDGET_MS, main);
