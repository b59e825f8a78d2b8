/**
 * API throughput benchmark: drives GetPipeline and ListPipelines with autocannon against the emulator
 * (a child process, as users run it) and, when `moto_server` is on PATH, against moto in the same run.
 *
 * Environment: BENCH_DURATION (seconds per measured run, default 10), BENCH_CONNECTIONS (default 32),
 * BENCH_WARMUP (seconds of unmeasured load before each run, default 2), BENCH_SKIP_MOTO=1,
 * BENCH_DRIVER=http (drive the emulator with the node:http driver too, to cross-check the two drivers),
 * BENCH_IAM=1 (run `serve --iam`: every request is signed by a user whose policies are evaluated, so the figures
 * include SigV4 verification and policy evaluation).
 * Exits 1 when the emulator answered anything but 2xx (or dropped connections), or could not be benchmarked.
 */
import { spawnSync } from 'node:child_process';
import { Agent } from 'node:http';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { percentile, progress } from './bench-common.js';
import { closedLoops, timedPost } from './bench-load.js';
import { authorization, call, freePort, headers, HOST, launch, runBenchmark, sign, startEmulatorServer, stop, useSigningKey, waitUntilAnswering, type Server } from './bench-server.js';
import { iamCall, type SigningKey } from './bench-signing.js';

/** The slice of autocannon's result this script reads (the package ships no types). */
interface CannonResult { duration: number; errors: number; timeouts: number; non2xx: number; '2xx': number; latency: { p50: number; p99: number } }
type Cannon = (opts: Record<string, unknown>, done: (err: Error | null, result: CannonResult) => void) => unknown;
const autocannon = createRequire(import.meta.url)('autocannon') as Cannon;

const DURATION_S = positive('BENCH_DURATION', 10);
const CONNECTIONS = positive('BENCH_CONNECTIONS', 32);
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 2);
const EMULATOR_DRIVER: Driver = process.env.BENCH_DRIVER === 'http' ? 'node:http' : 'autocannon';
const PIPELINE = 'bench';
const IAM = process.env.BENCH_IAM === '1';
const ROOT_KEY: SigningKey = { accessKeyId: 'AKIABENCHROOTKEY0001', secretAccessKey: 'bench-root-secret' };
// Generous ceiling so a wedged server can never hang CI: two servers, two operations, warm-up, start-up.
const BUDGET_MS = (4 * (DURATION_S + WARMUP_S) + 180) * 1000;

function positive(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

/** The pipeline both servers get; only the role's account differs (moto checks the role exists in its IAM). */
function pipeline(roleAccount: string) {
  return {
    name: PIPELINE,
    roleArn: `arn:aws:iam::${roleAccount}:role/cp`,
    artifactStore: { type: 'S3', location: 'bucket' },
    stages: [
      { name: 'Source', actions: [{ name: 'Source', actionTypeId: { category: 'Source', owner: 'AWS', provider: 'CodeCommit', version: '1' }, configuration: { RepositoryName: 'r', BranchName: 'main' }, outputArtifacts: [{ name: 'SourceArtifact' }] }] },
      { name: 'Build', actions: [{ name: 'Build', actionTypeId: { category: 'Build', owner: 'AWS', provider: 'CodeBuild', version: '1' }, configuration: { ProjectName: 'p' }, inputArtifacts: [{ name: 'SourceArtifact' }] }] },
    ],
  };
}

async function startMoto(started: (server: Server) => void): Promise<Server> {
  const port = await freePort();
  const server = launch('moto', 'moto_server', ['-H', HOST, '-p', String(port)], port);
  started(server);
  await waitUntilAnswering(server, async () => {
    const res = await fetch(`${server.url}moto-api/`, { signal: AbortSignal.timeout(1000) });
    if (!res.ok) throw new Error('not ready');
  });
  // moto's CreatePipeline insists the role exists and trusts CodePipeline.
  const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'codepipeline.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
  const form = new URLSearchParams({ Action: 'CreateRole', RoleName: 'cp', AssumeRolePolicyDocument: trust, Version: '2010-05-08' });
  const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: authorization('iam') }, body: form.toString() });
  if (!res.ok) throw new Error(`moto CreateRole answered ${res.status}: ${await res.text()}`);
  return server;
}

async function createAndCheck(server: Server, roleAccount: string): Promise<void> {
  const created = await call(server.url, 'CreatePipeline', { pipeline: pipeline(roleAccount) });
  if (created.status !== 200) throw new Error(`${server.name} CreatePipeline answered ${created.status}: ${JSON.stringify(created.json)}`);
  // One checked call per operation, so the load below measures real answers rather than fast errors.
  const got = await call(server.url, 'GetPipeline', { name: PIPELINE });
  if (got.status !== 200 || got.json.pipeline?.name !== PIPELINE) throw new Error(`${server.name} GetPipeline answered ${got.status}: ${JSON.stringify(got.json)}`);
  const listed = await call(server.url, 'ListPipelines', {});
  if (listed.status !== 200 || !listed.json.pipelines?.some((p: { name: string }) => p.name === PIPELINE)) {
    throw new Error(`${server.name} ListPipelines answered ${listed.status}: ${JSON.stringify(listed.json)}`);
  }
}

/**
 * How load is generated. autocannon is the faster client, but it ignores `Connection: close` (it writes
 * the next request onto the closing socket and stalls), which werkzeug's dev server, hence moto, sends on
 * every response; the node:http keep-alive agent honours it and opens a fresh socket instead.
 */
type Driver = 'autocannon' | 'node:http';

/** One measured run's figures. */
interface Figures { driver: Driver; rps: number; p50: number; p99: number; ok: number; non2xx: number; errors: number }

async function withAutocannon(url: string, operation: string, body: unknown, seconds: number): Promise<Figures> {
  const opts = { url, method: 'POST', headers: headers(operation, undefined, JSON.stringify(body)), body: JSON.stringify(body), connections: CONNECTIONS, duration: seconds, timeout: 10 };
  const r = await new Promise<CannonResult>((resolve, reject) => autocannon(opts, (err, result) => (err ? reject(err) : resolve(result))));
  return { driver: 'autocannon', rps: r['2xx'] / r.duration, p50: r.latency.p50, p99: r.latency.p99, ok: r['2xx'], non2xx: r.non2xx, errors: r.errors + r.timeouts };
}

/** A closed loop per connection over a keep-alive agent: each loop sends its next request when the last is answered. */
async function withNodeHttp(url: string, operation: string, body: unknown, seconds: number): Promise<Figures> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const payload = JSON.stringify(body);
  const hdrs = headers(operation, undefined, payload);
  const latencies: number[] = [];
  const f = { ok: 0, non2xx: 0, errors: 0 };
  const started = performance.now();
  await closedLoops(CONNECTIONS, started + seconds * 1000, async () => {
    const r = await timedPost(agent, url, hdrs, payload);
    if (r.status === 0) {
      f.errors++;
      return false;
    }
    latencies.push(r.ms);
    void (r.status >= 200 && r.status < 300 ? f.ok++ : f.non2xx++);
    return true;
  });
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  return { driver: 'node:http', rps: f.ok / elapsed, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), ...f };
}

async function load(server: Server, driver: Driver, operation: string, body: unknown): Promise<Figures> {
  const run = driver === 'autocannon' ? withAutocannon : withNodeHttp;
  // Signed now (with --iam), so the signature is well within its 15 minutes for the whole run.
  if (server.name === 'emulator') await sign(server.url, operation, JSON.stringify(body));
  if (WARMUP_S > 0) {
    progress(`${server.name}: warming up ${operation} for ${WARMUP_S} s`);
    await run(server.url, operation, body, WARMUP_S);
  }
  progress(`${server.name}: ${operation} with ${CONNECTIONS} connections for ${DURATION_S} s (${driver})`);
  const figures = await run(server.url, operation, body, DURATION_S);
  progress(`${server.name}: ${operation} ${figures.rps.toFixed(0)} req/s, p50 ${figures.p50} ms, p99 ${figures.p99} ms, non-2xx ${figures.non2xx}, errors ${figures.errors}`);
  return figures;
}

const OPERATIONS: Array<[string, unknown]> = [['GetPipeline', { name: PIPELINE }], ['ListPipelines', {}]];

function table(emulator: Map<string, Figures>, moto: Map<string, Figures> | undefined): string {
  const rows = [['operation', 'server', 'driver', 'req/s', 'p50 ms', 'p99 ms', '2xx', 'non-2xx', 'errors', 'req/s vs moto']];
  for (const [operation] of OPERATIONS) {
    const e = emulator.get(operation)!;
    const m = moto?.get(operation);
    const ratio = m && m.rps > 0 ? `${(e.rps / m.rps).toFixed(1)}x` : '-';
    const row = (name: string, f: Figures, r: string) => [operation, name, f.driver, f.rps.toFixed(0), String(f.p50), String(f.p99), String(f.ok), String(f.non2xx), String(f.errors), r];
    rows.push(row('emulator', e, ratio));
    if (m) rows.push(row('moto', m, '1.0x'));
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

function verdict(emulator: Map<string, Figures>, moto: Map<string, Figures> | undefined): string {
  const e = emulator.get('GetPipeline')!;
  const m = moto?.get('GetPipeline');
  const ratio = m && m.rps > 0 ? e.rps / m.rps : undefined;
  const ratioText = ratio === undefined ? 'moto not measured' : `${ratio.toFixed(1)}x moto (target >= 20x)`;
  const met = (ratio === undefined || ratio >= 20) && e.p99 < 10;
  return `GetPipeline: ${ratioText}, p99 ${e.p99} ms (target < 10 ms): ${met ? 'MET' : 'MISSED'}`;
}

/** Starts moto with the pipeline in place, or explains why the run goes on without it (a broken moto is no emulator failure). */
async function startMotoIfPresent(servers: Server[]): Promise<Server | undefined> {
  if (process.env.BENCH_SKIP_MOTO === '1' || spawnSync('sh', ['-c', 'command -v moto_server'], { stdio: 'ignore' }).status !== 0) {
    progress('moto_server not on PATH (or BENCH_SKIP_MOTO=1): measuring the emulator only');
    return undefined;
  }
  progress('starting moto_server');
  try {
    const moto = await startMoto((server) => servers.push(server));
    progress(`moto answering at ${moto.url}; role created; creating pipeline '${PIPELINE}'`);
    await createAndCheck(moto, '123456789012');
    return moto;
  } catch (error) {
    progress(`moto could not be benchmarked, going on without it: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/** With --iam: a user whose policies allow the benchmark's calls (and the pipeline's role), so each request is verified and evaluated. */
async function useBenchUser(emulator: Server): Promise<void> {
  progress('--iam: creating the benchmark user, its policy and key, and the pipeline role');
  const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'codepipeline.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
  await iamCall(emulator.url, ROOT_KEY, { Action: 'CreateRole', RoleName: 'cp', AssumeRolePolicyDocument: trust });
  await iamCall(emulator.url, ROOT_KEY, { Action: 'CreateUser', UserName: 'bench' });
  const policy = JSON.stringify({ Version: '2012-10-17', Statement: [
    { Effect: 'Deny', Action: 'codepipeline:DeletePipeline', Resource: '*' },
    { Effect: 'Allow', Action: ['codepipeline:*Pipeline', 'codepipeline:ListPipelines', 'iam:PassRole'], Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } } },
  ] });
  await iamCall(emulator.url, ROOT_KEY, { Action: 'PutUserPolicy', UserName: 'bench', PolicyName: 'bench', PolicyDocument: policy });
  const created = await iamCall(emulator.url, ROOT_KEY, { Action: 'CreateAccessKey', UserName: 'bench' });
  const field = (name: string) => new RegExp(`<${name}>([^<]+)</${name}>`).exec(created)?.[1] ?? '';
  useSigningKey({ accessKeyId: field('AccessKeyId'), secretAccessKey: field('SecretAccessKey') });
}

async function main(dataDir: string, servers: Server[]): Promise<number> {
  progress(`starting the emulator (data dir ${dataDir})`);
  if (IAM) useSigningKey(ROOT_KEY);
  const iamArgs = IAM ? ['--iam', '--root-access-key-id', ROOT_KEY.accessKeyId, '--root-secret-access-key', ROOT_KEY.secretAccessKey] : [];
  const emulator = await startEmulatorServer(dataDir, (server) => servers.push(server), iamArgs);
  if (IAM) await useBenchUser(emulator);
  progress(`emulator answering at ${emulator.url}; creating pipeline '${PIPELINE}'`);
  await createAndCheck(emulator, '000000000000');

  const moto = await startMotoIfPresent(servers);

  // Each operation runs on both servers back to back, so a busy neighbour on the machine skews both alike.
  const emulatorFigures = new Map<string, Figures>();
  const motoFigures = moto && new Map<string, Figures>();
  for (const [operation, body] of OPERATIONS) {
    emulatorFigures.set(operation, await load(emulator, EMULATOR_DRIVER, operation, body));
    if (moto) motoFigures!.set(operation, await load(moto, 'node:http', operation, body));
  }
  progress('stopping the servers');
  await Promise.all(servers.map(stop));

  if (IAM) console.log('\nserve --iam: every emulator request signed by an IAM user, its signature verified and its policy evaluated');
  console.log(`\nAPI benchmark: ${CONNECTIONS} concurrent keep-alive connections, ${DURATION_S} s per run after ${WARMUP_S} s warm-up`);
  // Load generator and server share the machine, so its size and how busy it was belong with the figures.
  console.log(`node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(2)} at the end\n`);
  console.log(table(emulatorFigures, motoFigures));
  if (motoFigures) console.log('\nmoto is driven by node:http: its werkzeug server closes every connection, which autocannon mishandles.');
  console.log(`\n${verdict(emulatorFigures, motoFigures)}`);
  const bad = [...emulatorFigures.entries()].filter(([, f]) => f.non2xx > 0 || f.errors > 0);
  for (const [operation, f] of bad) console.error(`emulator ${operation}: ${f.non2xx} non-2xx responses, ${f.errors} errors/timeouts`);
  return bad.length > 0 ? 1 : 0;
}

runBenchmark('bench-api', BUDGET_MS, main);
