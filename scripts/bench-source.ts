/**
 * Source benchmark. Push speed: the wall time of a one-file `git push` over HTTP to the emulator (into a repository
 * a pipeline watches, so the push is detected and starts a run) against `git push` of the same commit to a bare
 * repository over the file:// transport, median of PUSHES each, target < PUSH_TARGET_RATIO. Change-detection
 * latency: the time from `git push` returning (over HTTP) and from a local `git commit` returning (in a registered
 * checkout) to the new execution being visible as InProgress through the API (ListPipelineExecutions, polled
 * tightly), median and p95 over COMMITS commits each. Runs `codepipeline-local serve` (the build in dist/server)
 * as a child process, as a user would. BENCH_PUSH_ONLY=1 measures push speed alone.
 * Exits 1 if a commit starts no execution within LOST_AFTER_MS.
 */
import { CodeCommitClient, CreateRepositoryCommand } from '@aws-sdk/client-codecommit';
import { CodePipelineClient, CreatePipelineCommand, ListPipelineExecutionsCommand, type PipelineDeclaration } from '@aws-sdk/client-codepipeline';
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { median, progress } from './bench-common.js';

const COMMITS = Number(process.env.BENCH_COMMITS ?? 25);
const PUSHES = Number(process.env.BENCH_PUSHES ?? 25);
const PUSH_TARGET_RATIO = 1.5;
const PUSH_ONLY = process.env.BENCH_PUSH_ONLY === '1';
const TARGET_MEDIAN_MS = 300;
const LOST_AFTER_MS = 5_000; // a commit with no execution by then counts as lost
const POLL_MS = 2; // pause between two ListPipelineExecutions calls
// BENCH_CLI runs another build (a checkout of an earlier commit, for before/after figures).
const CLI = process.env.BENCH_CLI ?? fileURLToPath(new URL('../bin/codepipeline-local.js', import.meta.url));

const run = promisify(execFile);
const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'bench@example.com', GIT_TERMINAL_PROMPT: '0' };
const git = (cwd: string, ...args: string[]) => run('git', args, { cwd, env: GIT_ENV });

/** Starts `codepipeline-local serve` on a free port; resolves with its URL and a way to stop it. */
async function serve(dataDir: string, checkout: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data-dir', dataDir, '--repo', `app=${checkout}`], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = /listening on (http:\/\/[^"\s]+)/.exec(buffer);
      if (match) resolve(match[1]);
      if (buffer.length > 100_000) buffer = buffer.slice(-1000);
    });
    child.once('exit', (code) => reject(new Error(`codepipeline-local serve exited (${code}) before listening`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

/** A pipeline whose source is a CodeCommit repository and whose second stage is a Manual approval (runs never pile up work). */
function pipeline(name: string, repositoryName: string): PipelineDeclaration {
  return {
    name,
    roleArn: 'arn:aws:iam::000000000000:role/cp',
    artifactStore: { type: 'S3', location: 'bench-artifacts' },
    pipelineType: 'V2',
    executionMode: 'SUPERSEDED',
    stages: [
      { name: 'Source', actions: [{ name: 'Source', actionTypeId: { category: 'Source', owner: 'AWS', provider: 'CodeCommit', version: '1' }, configuration: { RepositoryName: repositoryName, BranchName: 'main', PollForSourceChanges: 'false' }, outputArtifacts: [{ name: 'SourceArtifact' }] }] },
      { name: 'Approve', actions: [{ name: 'Approve', actionTypeId: { category: 'Approval', owner: 'AWS', provider: 'Manual', version: '1' } }] },
    ],
  };
}

/** Waits until a new InProgress execution (not in `known`) is listed; returns its id and when it was seen. */
async function nextExecution(client: CodePipelineClient, pipelineName: string, known: Set<string>): Promise<{ id: string; seenMs: number } | undefined> {
  const deadline = performance.now() + LOST_AFTER_MS;
  while (performance.now() < deadline) {
    const out = await client.send(new ListPipelineExecutionsCommand({ pipelineName, maxResults: 5 }));
    const fresh = out.pipelineExecutionSummaries?.find((s) => !known.has(s.pipelineExecutionId!) && s.status === 'InProgress');
    if (fresh) return { id: fresh.pipelineExecutionId!, seenMs: performance.now() };
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return undefined;
}

/** Makes COMMITS changes with `change` (which returns when git returned) and measures each one's latency. */
async function measure(client: CodePipelineClient, pipelineName: string, change: (i: number) => Promise<void>): Promise<{ latencies: number[]; lost: number }> {
  const known = new Set((await client.send(new ListPipelineExecutionsCommand({ pipelineName }))).pipelineExecutionSummaries!.map((s) => s.pipelineExecutionId!));
  const latencies: number[] = [];
  let lost = 0;
  for (let i = 0; i < COMMITS; i++) {
    await change(i);
    const returned = performance.now();
    const seen = await nextExecution(client, pipelineName, known);
    if (!seen) lost++;
    else {
      known.add(seen.id);
      latencies.push(seen.seenMs - returned);
    }
    await new Promise((resolve) => setTimeout(resolve, 100)); // let the source action finish before the next commit
  }
  return { latencies, lost };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function report(label: string, { latencies, lost }: { latencies: number[]; lost: number }): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  if (!sorted.length) return `${label}: no execution started (${lost} lost)`;
  const [median, p95] = [percentile(sorted, 50), percentile(sorted, 95)];
  const verdict = median < TARGET_MEDIAN_MS ? 'meets' : 'MISSES';
  return `${label}: median ${median.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, min ${sorted[0].toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms over ${sorted.length} commits${lost ? `, ${lost} LOST` : ''} (${verdict} the ${TARGET_MEDIAN_MS} ms median target)`;
}

/** Milliseconds a promise-returning call takes. */
async function timed(action: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await action();
  return performance.now() - start;
}

/**
 * Pushes PUSHES one-file commits from `clone`, each first to a bare repository over file:// (the floor), then over
 * HTTP to the emulator, and waits for the execution the HTTP push starts before the next, so both pushes meet a
 * quiet server. Returns the two medians.
 */
async function measurePushSpeed(client: CodePipelineClient, clone: string, floor: string): Promise<{ http: number; file: number; lost: number }> {
  const known = new Set((await client.send(new ListPipelineExecutionsCommand({ pipelineName: 'bench-push' }))).pipelineExecutionSummaries!.map((s) => s.pipelineExecutionId!));
  const [http, file] = [[] as number[], [] as number[]];
  let lost = 0;
  for (let i = 0; i < PUSHES; i++) {
    writeFileSync(join(clone, 'speed.txt'), `speed ${i}\n`);
    await git(clone, 'add', 'speed.txt');
    await git(clone, 'commit', '--quiet', '-m', `speed ${i}`);
    file.push(await timed(() => git(clone, 'push', '--quiet', `file://${floor}`, 'main')));
    http.push(await timed(() => git(clone, 'push', '--quiet', 'origin', 'main')));
    const seen = await nextExecution(client, 'bench-push', known);
    if (seen) known.add(seen.id);
    else lost++;
    await new Promise((resolve) => setTimeout(resolve, 100)); // the source action finishes
  }
  return { http: median(http), file: median(file), lost };
}

function pushReport({ http, file, lost }: { http: number; file: number; lost: number }): string {
  const ratio = http / file;
  const verdict = ratio < PUSH_TARGET_RATIO ? 'meets' : 'MISSES';
  // Both sides are measured in turn under the same load; the ratio is what to compare between runs.
  const load = loadavg().map((l) => l.toFixed(1)).join(' ');
  return `git push, one file: HTTP to the emulator median ${http.toFixed(1)} ms, file:// to a bare repository median ${file.toFixed(1)} ms over ${PUSHES} pushes; ratio ${ratio.toFixed(2)} (${verdict} the < ${PUSH_TARGET_RATIO}x target)${lost ? `, ${lost} pushes started no execution` : ''}; load average ${load}`;
}

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'cpl-bench-source-'));
  const checkout = join(dir, 'checkout');
  mkdirSync(checkout);
  await git(checkout, 'init', '--quiet', '--initial-branch=main');
  writeFileSync(join(checkout, 'README.md'), '# bench\n');
  await git(checkout, 'add', 'README.md');
  await git(checkout, 'commit', '--quiet', '-m', 'Initial commit');
  const server = await serve(join(dir, 'data'), checkout);
  const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
  const client = new CodePipelineClient({ endpoint: server.url, region: 'us-east-1', credentials });
  const codecommit = new CodeCommitClient({ endpoint: server.url, region: 'us-east-1', credentials });
  try {
    progress(`emulator at ${server.url}; creating a repository over the CodeCommit API and cloning it over HTTP`);
    const meta = (await codecommit.send(new CreateRepositoryCommand({ repositoryName: 'pushed' }))).repositoryMetadata!;
    await git(dir, 'clone', '--quiet', meta.cloneUrlHttp!, 'clone');
    const clone = join(dir, 'clone');
    await git(clone, 'checkout', '--quiet', '-b', 'main');
    writeFileSync(join(clone, 'README.md'), '# pushed\n');
    await git(clone, 'add', 'README.md');
    await git(clone, 'commit', '--quiet', '-m', 'Initial commit');
    await git(clone, 'push', '--quiet', 'origin', 'main');
    await client.send(new CreatePipelineCommand({ pipeline: pipeline('bench-push', 'pushed') }));
    await client.send(new CreatePipelineCommand({ pipeline: pipeline('bench-commit', 'app') }));
    await new Promise((resolve) => setTimeout(resolve, 500)); // the first executions' source actions settle

    const floor = join(dir, 'floor.git');
    await git(dir, 'init', '--quiet', '--bare', floor);
    await git(clone, 'push', '--quiet', `file://${floor}`, 'main');
    progress(`${PUSHES} one-file pushes, over file:// and over HTTP`);
    const speed = await measurePushSpeed(client, clone, floor);
    console.log(pushReport(speed));
    if (PUSH_ONLY) return speed.lost > 0 ? 1 : 0;

    progress(`${COMMITS} pushes over HTTP`);
    const pushed = await measure(client, 'bench-push', async (i) => {
      writeFileSync(join(clone, 'file.txt'), `push ${i}\n`);
      await git(clone, 'add', 'file.txt');
      await git(clone, 'commit', '--quiet', '-m', `push ${i}`);
      await git(clone, 'push', '--quiet', 'origin', 'main');
    });
    progress(`${COMMITS} local commits in the registered checkout`);
    const committed = await measure(client, 'bench-commit', async (i) => {
      writeFileSync(join(checkout, 'file.txt'), `commit ${i}\n`);
      await git(checkout, 'add', 'file.txt');
      await git(checkout, 'commit', '--quiet', '-m', `commit ${i}`);
    });
    console.log(report('git push (HTTP) -> execution InProgress', pushed));
    console.log(report('git commit (registered checkout) -> execution InProgress', committed));
    return pushed.lost + committed.lost + speed.lost > 0 ? 1 : 0;
  } finally {
    client.destroy();
    codecommit.destroy();
    server.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
