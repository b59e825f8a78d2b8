/**
 * bench:e2e — the tutorial's whole journey, timed: from `git push` returning to the instance serving the new page
 * (version.json showing the pushed commit), through the emulator (change detection, CodeCommit source, CodeBuild in
 * Docker, CodeDeploy to an Nginx instance container), next to the same work done by hand in the same run: `git
 * archive` of the commit, a `docker run` of the build image running the buildspec's commands on the copied source,
 * and `docker cp` + one `docker exec` per hook into a plain instance container. Everything is set up once and warmed
 * up with one push (not counted); then BENCH_RUNS (5) pushes are timed, each followed by the same work by hand.
 * Targets: ratio of the medians under 1.5, and under 10 s in all. Where the emulator's time goes is printed too.
 *
 *   npm run bench:e2e                 # BENCH_RUNS=5, BENCH_TIME_LIMIT_S=900
 */
import { BatchGetBuildsCommand } from '@aws-sdk/client-codebuild';
import { GetDeploymentTargetCommand } from '@aws-sdk/client-codedeploy';
import { ListActionExecutionsCommand, ListPipelineExecutionsCommand } from '@aws-sdk/client-codepipeline';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { BuildImages, DEFAULT_BUILD_IMAGE, loadImageMap } from '../src/codebuild/index.js';
import { InstanceImage } from '../src/codedeploy/instance-image.js';
import { readConfig } from '../src/config.js';
import { startEmulator } from '../src/main.js';
import { createDockerClient } from '../src/runner/index.js';
import { createLogger, silentLogger } from '../src/shared/index.js';
import * as journey from '../test/e2e/journey-helpers.js';
import { median } from './bench-common.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TIME_LIMIT_MS = Number(process.env.BENCH_TIME_LIMIT_S ?? 900) * 1000;
const RUN_TIMEOUT_MS = 120_000;
const LABELS = ['--label', 'codepipeline-local=true', '--label', 'codepipeline-local.kind=bench'];
const say = journey.progressPrinter('bench:e2e');
const exec = promisify(execFile);

/** Things to undo at the end, newest first, whether the bench ends, fails, times out or is interrupted. */
const cleanups: (() => Promise<unknown>)[] = [];
// Stops the git and docker commands still running when the bench is cut short.
const stopCommands = new AbortController();
let cleaning: Promise<void> | undefined;
/** Undoes everything once; every way out of the bench awaits the same clean-up. */
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    stopCommands.abort();
    for (const undo of cleanups.splice(0).reverse()) await undo().catch((error: unknown) => say(`cleanup: ${String(error)}`));
  })();
  return cleaning;
}

async function sh(cmd: string, args: string[], cwd?: string): Promise<string> {
  return (await exec(cmd, args, { cwd, timeout: RUN_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, signal: stopCommands.signal })).stdout.trim();
}

/** Runs a clean-up command even after the other commands were stopped. */
async function shAlways(cmd: string, args: string[]): Promise<void> {
  await exec(cmd, args, { timeout: 30_000 });
}

/** The buildspec's commands phase after phase, as one bash script for `docker run`, ending with a copy of dist/ out. */
function buildScript(): string {
  const spec = parse(readFileSync(join(journey.SAMPLE_APP_DIR, 'buildspec.yml'), 'utf8')) as { phases: Record<string, { commands: string[] }> };
  const commands = ['install', 'pre_build', 'build', 'post_build'].flatMap((p) => spec.phases[p]?.commands ?? []);
  // The build runs as root in the container: hand the output to this user so the temp folder can be removed.
  const owner = `${process.getuid?.() ?? 0}:${process.getgid?.() ?? 0}`;
  return ['set -e', 'cp -r /app /src', 'cd /src', ...commands, 'cp -r dist/. /out/', `chown -R ${owner} /out`].join('\n');
}

/** The hooks the agent runs for the sample app's appspec, in order; INSTALL is the agent's own file copy. */
const HOOKS = ['scripts/before-install.sh', 'INSTALL', 'scripts/configure-nginx.sh', 'scripts/reload-nginx.sh', 'scripts/validate.sh'];

/** The same work by hand, for one commit: milliseconds of source, build and deploy, and their sum. */
interface ByHand {
  source: number;
  build: number;
  deploy: number;
  total: number;
}

/** Runs git archive, docker run and docker exec for one commit, as the emulator would for a push of it. */
async function byHand(ctx: { workDir: string; scratch: string; container: string; url: string }, commit: string, round: number): Promise<ByHand> {
  const dir = join(ctx.scratch, `round-${round}`);
  const [src, out] = [join(dir, 'src'), join(dir, 'out')];
  mkdirSync(src, { recursive: true });
  mkdirSync(out, { recursive: true });
  const t0 = Date.now();
  await sh('git', ['archive', '--format=tar', '-o', join(dir, 'source.tar'), commit], ctx.workDir);
  await sh('tar', ['-xf', join(dir, 'source.tar'), '-C', src]);
  const t1 = Date.now();
  const env = ['-e', `COMMIT_ID=${commit}`, '-e', `CODEBUILD_BUILD_NUMBER=${round}`];
  await sh('docker', ['run', '--rm', ...LABELS, '-v', `${src}:/app:ro`, '-v', `${out}:/out`, ...env, DEFAULT_BUILD_IMAGE, 'bash', '-c', buildScript()]);
  const t2 = Date.now();
  const bundle = `/tmp/bundle-${round}`;
  const hookEnv = ['-e', `DEPLOYMENT_ID=d-BENCH${String(round).padStart(4, '0')}`, '-e', 'APPLICATION_NAME=sample-app', '-e', 'DEPLOYMENT_GROUP_NAME=nginx'];
  await sh('docker', ['cp', `${out}/.`, `${ctx.container}:${bundle}`]);
  if (round > 0) await sh('docker', ['exec', ...hookEnv, ctx.container, 'bash', `/tmp/bundle-${round - 1}/scripts/stop.sh`]);
  for (const hook of HOOKS) {
    const cmd = hook === 'INSTALL' ? ['bash', '-c', `mkdir -p /var/www/sample-app && cp -a ${bundle}/site/. /var/www/sample-app/`] : ['bash', `${bundle}/${hook}`];
    await sh('docker', ['exec', ...hookEnv, ctx.container, ...cmd]);
  }
  await journey.untilServed(ctx.url, commit, 10_000, 10);
  const t3 = Date.now();
  rmSync(dir, { recursive: true, force: true });
  return { source: t1 - t0, build: t2 - t1, deploy: t3 - t2, total: t3 - t0 };
}

/** When each step of one execution happened, in ms after `git push` returned. */
type Timeline = Record<string, number>;

/** Reads where an execution's time went from the APIs: the execution, its actions, the build's phases, the deployment's events. */
async function timeline(clients: journey.JourneyClients, executionId: string, pushedAt: number, servedAt: number): Promise<Timeline> {
  const at = (d: Date | undefined) => (d ? d.getTime() - pushedAt : NaN);
  const { pipelineExecutionSummaries: runs } = await clients.codepipeline.send(new ListPipelineExecutionsCommand({ pipelineName: journey.JOURNEY.pipelineName }));
  const run = runs!.find((r) => r.pipelineExecutionId === executionId)!;
  const { actionExecutionDetails } = await clients.codepipeline.send(new ListActionExecutionsCommand({ pipelineName: journey.JOURNEY.pipelineName, filter: { pipelineExecutionId: executionId } }));
  const action = (name: string) => actionExecutionDetails!.find((d) => d.actionName === name)!;
  const t: Timeline = { 'execution start': at(run.startTime) };
  for (const name of ['Source', 'Build', 'Deploy']) Object.assign(t, { [`${name} start`]: at(action(name).startTime), [`${name} end`]: at(action(name).lastUpdateTime) });
  const { builds } = await clients.codebuild.send(new BatchGetBuildsCommand({ ids: [action('Build').output!.executionResult!.externalExecutionId!] }));
  for (const p of builds![0].phases ?? []) if (p.endTime) t[`  build ${p.phaseType}`] = p.endTime.getTime() - p.startTime!.getTime();
  const deploymentId = action('Deploy').output!.executionResult!.externalExecutionId!;
  const target = await clients.codedeploy.send(new GetDeploymentTargetCommand({ deploymentId, targetId: journey.JOURNEY.instanceName }));
  for (const e of target.deploymentTarget?.instanceTarget?.lifecycleEvents ?? []) if (e.endTime) t[`  deploy ${e.lifecycleEventName}`] = e.endTime.getTime() - e.startTime!.getTime();
  return { ...t, 'execution end': at(run.lastUpdateTime), 'page served': servedAt - pushedAt };
}

/** One push through the emulator: commit, push, wait for the new page; returns the ms from push to page and the timeline. */
async function viaEmulator(ctx: { env: { url: string }; clients: journey.JourneyClients; workDir: string; url: string }, round: number): Promise<{ ms: number; commit: string; steps: Timeline }> {
  const known = await journey.executionIds(ctx.clients.codepipeline, journey.JOURNEY.pipelineName);
  const commit = await journey.commitMessageChange(ctx.workDir, `Bench round ${round}`, `Bench round ${round}`);
  await journey.pushMain(ctx.workDir, `${ctx.env.url}/v1/repos/${journey.JOURNEY.repositoryName}`);
  const pushedAt = Date.now();
  await journey.untilServed(ctx.url, commit, RUN_TIMEOUT_MS, 10);
  const servedAt = Date.now();
  const executionId = await journey.untilNewExecution(ctx.clients.codepipeline, journey.JOURNEY.pipelineName, known, 1000);
  await journey.followExecution(ctx.clients.codepipeline, journey.JOURNEY.pipelineName, executionId, RUN_TIMEOUT_MS, () => undefined);
  return { ms: servedAt - pushedAt, commit, steps: await timeline(ctx.clients, executionId, pushedAt, servedAt) };
}

/** Makes the images ready, starts the emulator, walks the tutorial once and starts the plain instance container. */
async function setUp() {
  const docker = createDockerClient(process.env.DOCKER_HOST);
  say('making the build and instance images ready (built on first use)');
  await new BuildImages({ docker, map: loadImageMap(), log: silentLogger() }).ensureDefault((line) => say(line));
  const instanceImage = await new InstanceImage({ docker, log: silentLogger() }).ensure((line) => say(line.trim()));
  const scratch = mkdtempSync(join(tmpdir(), 'cpl-bench-e2e-'));
  cleanups.push(async () => rmSync(scratch, { recursive: true, force: true }));
  const workDir = join(scratch, 'checkout');
  mkdirSync(workDir);
  const config = readConfig({ port: '0', host: '127.0.0.1', dataDir: join(scratch, 'data') }, {}, false);
  const env = await startEmulator(config, process.env.BENCH_LOG ? createLogger({ level: process.env.BENCH_LOG }) : silentLogger());
  cleanups.push(() => env.close());
  const clients = journey.journeyClients(env.url);
  cleanups.push(async () => clients.destroy());
  cleanups.push(() => journey.deregisterInstance(clients, say));
  const { firstCommitId } = await journey.setUpJourney(clients, workDir, say);
  const [first] = await journey.executionIds(clients.codepipeline, journey.JOURNEY.pipelineName);
  const ended = await journey.followExecution(clients.codepipeline, journey.JOURNEY.pipelineName, first, 10 * 60_000, say);
  if (ended.status !== 'Succeeded') throw new Error(`the first execution ended ${ended.status}; run with BENCH_LOG=info to see why`);
  const url = await journey.instanceUrl(env.url, journey.JOURNEY.instanceName);
  await journey.untilServed(url, firstCommitId, 10_000);
  // Named, so it is removed even when the bench is cut short while `docker run` is creating it.
  const container = `cpl-bench-e2e-${process.pid}`;
  cleanups.push(() => shAlways('docker', ['rm', '-f', container]));
  await sh('docker', ['run', '-d', '--init', '--name', container, ...LABELS, '-p', '127.0.0.1::80', instanceImage]);
  const port = (await sh('docker', ['port', container, '80/tcp'])).split('\n')[0].split(':').pop();
  const plainUrl = `http://127.0.0.1:${port}/`;
  await untilAnswering(plainUrl);
  return { env, clients, workDir, url, hand: { workDir, scratch, container, url: plainUrl } };
}

/** Waits until Nginx in a fresh container answers at all. */
async function untilAnswering(url: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await fetch(url).then((r) => r.ok, () => false))) {
    if (Date.now() > deadline) throw new Error(`Nginx did not answer at ${url} within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function report(emulated: { ms: number; steps: Timeline }[], plain: ByHand[]): boolean {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`\nrun   emulator (push -> page)   by hand (git archive + docker run + docker exec)   ratio`);
  emulated.forEach((e, i) => console.log(`${String(i + 1).padEnd(5)} ${s(e.ms).padStart(25)}   ${s(plain[i].total).padStart(48)}   ${(e.ms / plain[i].total).toFixed(2)}`));
  const [em, pm] = [median(emulated.map((e) => e.ms)), median(plain.map((p) => p.total))];
  const ok = em / pm < 1.5 && em < 10_000;
  console.log(`median ${s(em).padStart(24)}   ${s(pm).padStart(48)}   ${(em / pm).toFixed(2)}`);
  console.log(`target: ratio < 1.5 and < 10 s in all: ${ok ? 'met' : 'NOT met'}`);
  console.log(`\nby hand, median per stage: source ${s(median(plain.map((p) => p.source)))}, build ${s(median(plain.map((p) => p.build)))}, deploy (+ page check) ${s(median(plain.map((p) => p.deploy)))}`);
  console.log('emulator, median ms after `git push` returned (indented: durations of build phases and deployment events):');
  for (const key of Object.keys(emulated[0].steps)) console.log(`  ${key.padEnd(28)} ${median(emulated.map((e) => e.steps[key])).toFixed(0).padStart(6)}`);
  return ok;
}

async function main(): Promise<number> {
  const ctx = await setUp();
  say('warm-up: one push through the emulator and the same work by hand (not counted)');
  const warm = await viaEmulator(ctx, 0);
  await byHand(ctx.hand, warm.commit, 0);
  const emulated: { ms: number; steps: Timeline }[] = [];
  const plain: ByHand[] = [];
  for (let round = 1; round <= RUNS; round++) {
    const e = await viaEmulator(ctx, round);
    emulated.push(e);
    plain.push(await byHand(ctx.hand, e.commit, round));
    say(`run ${round}/${RUNS}: emulator ${e.ms} ms, by hand ${plain.at(-1)!.total} ms`);
  }
  return report(emulated, plain) ? 0 : 1;
}

const limit = setTimeout(() => {
  say(`time limit of ${TIME_LIMIT_MS / 1000} s reached: cleaning up`);
  void cleanUp().finally(() => process.exit(3));
}, TIME_LIMIT_MS);
limit.unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanUp().finally(() => process.exit(130)));

main()
  .then(async (code) => (await cleanUp(), process.exit(code)))
  // An error after the clean-up began is the bench being cut short, already reported.
  .catch(async (error: unknown) => (cleaning ? undefined : console.error(error), await cleanUp(), process.exit(2)));
