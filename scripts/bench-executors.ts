/**
 * bench:executors — 20 builds of a small buildspec started at once on each executor, one after the other: `local`
 * (the machine's engine), `docker-host` over two engines (the machine's and a second dockerd), and `docker-host-tls`
 * (the second engine reached over TLS, --docker-tls-verify). For each: the wall time from the first StartBuild to the
 * last build's end, throughput (builds per minute), the median and p90 of the builds' own times (StartBuild to
 * endTime, as BatchGetBuilds shows them), where the builds ran, and the overhead per build against `local`.
 *
 *   npm run bench:executors
 *   BENCH_BUILDS=40 BENCH_EXECUTORS=local,docker-host npm run bench:executors
 *
 * The second dockerd runs in its own network namespace (test/executors/second-dockerd.ts), so its containers have no
 * network, which these builds do not need; with TLS, its TCP port is reached through two byte relays, one of them in
 * this process. One warm-up build per engine (not counted) makes the image present and leaves warm containers.
 */
import { BatchGetBuildsCommand, CodeBuildClient, CreateProjectCommand, StartBuildCommand, type Build } from '@aws-sdk/client-codebuild';
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { buildContainerName } from '../src/codebuild/index.js';
import type { Config } from '../src/config.js';
import { PROJECT_LABEL_FILTER } from '../src/runner/index.js';
import { startTestEmulator } from '../test/helpers/emulator.js';
import { startSecondDockerd, type SecondDockerd } from '../test/executors/second-dockerd.js';
import { makeDockerTlsFiles } from '../test/executors/tls-certificates.js';
import { median, percentile, progress } from './bench-common.js';

const BUILDS = Number(process.env.BENCH_BUILDS ?? 20);
const IMAGE = 'debian:bookworm-slim';
const BUILDSPEC = `version: 0.2
phases:
  build:
    commands:
      - echo "building on $(hostname)"
      - seq 1 20000 | sha256sum
      - ls -la /
`;
const POLL_MS = 250;
const LOCAL_ENGINE = process.env.DOCKER_HOST?.startsWith('unix://') || process.env.DOCKER_HOST?.startsWith('tcp://')
  ? process.env.DOCKER_HOST : `unix://${process.env.DOCKER_HOST ?? '/var/run/docker.sock'}`;

/** An executor to measure: the emulator's settings for it, and what it needs running meanwhile. */
interface BenchExecutor {
  name: string;
  /** Starts what it needs; gives the emulator's settings, each engine's label and `docker` CLI, and a teardown. */
  setup(): Promise<{ config: Partial<Config>; engines: BenchEngine[]; teardown(): Promise<void> }>;
}

interface BenchEngine {
  label: string;
  docker?: SecondDockerd['docker'];
}

// The executors measured, in order; `local` first: the others are compared to it.
const EXECUTORS: BenchExecutor[] = [
  {
    name: 'local',
    setup: async () => ({ config: {}, engines: [{ label: 'machine' }], teardown: async () => undefined }),
  },
  {
    name: 'docker-host',
    setup: async () => {
      const second = await startSecondDockerd([IMAGE]);
      return {
        config: { executor: 'docker-host', dockerHosts: [LOCAL_ENGINE, second.host] },
        engines: [{ label: 'machine' }, { label: 'second dockerd', docker: second.docker }],
        teardown: () => second.stop(),
      };
    },
  },
  {
    name: 'docker-host-tls',
    setup: async () => {
      const files = await makeDockerTlsFiles();
      const second = await startSecondDockerd([IMAGE], { tls: files.server });
      return {
        config: { executor: 'docker-host', dockerHosts: [LOCAL_ENGINE, second.tlsHost!], dockerTlsVerify: true, dockerCertPath: files.client },
        engines: [{ label: 'machine' }, { label: 'second dockerd, TLS', docker: second.docker }],
        teardown: async () => {
          await second.stop();
          rmSync(files.dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'swarm',
    setup: async () => {
      // A single-node swarm on a second dockerd in its own namespace (its loopback up for the swarm's own traffic).
      const second = await startSecondDockerd([IMAGE], { loopback: true });
      await second.docker('swarm', 'init', '--advertise-addr', '127.0.0.1');
      return {
        config: { executor: 'swarm', swarmHost: second.host },
        engines: [{ label: 'single-node swarm (second dockerd)' }],
        teardown: () => second.stop(),
      };
    },
  },
];

// The same build limits under every executor. A swarm reserves what a build may use, so each of the 20 builds
// reserves 0.1 CPU and 512 MB, and all of them fit on this machine at once, as they run at once under the others.
const LIMITS: Partial<Config> = { buildMaxCpus: 0.1, buildMaxMemoryMb: 512 };

interface Result {
  name: string;
  wallMs: number;
  buildMs: number[];
  placement: string;
}

async function untilComplete(client: CodeBuildClient, ids: string[], name: string): Promise<Build[]> {
  let reported = -1;
  for (;;) {
    const builds: Build[] = [];
    // BatchGetBuilds takes at most 100 ids.
    for (let i = 0; i < ids.length; i += 100) builds.push(...((await client.send(new BatchGetBuildsCommand({ ids: ids.slice(i, i + 100) }))).builds ?? []));
    const done = builds.filter((b) => b.buildComplete);
    if (done.length !== reported) progress(`${name}: ${done.length}/${ids.length} builds done`);
    reported = done.length;
    if (done.length === ids.length) return builds;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

async function measure(executor: BenchExecutor): Promise<Result> {
  progress(`${executor.name}: starting what it needs`);
  const { config, engines, teardown } = await executor.setup();
  const env = await startTestEmulator({ ...LIMITS, ...config });
  try {
    const client = env.client(CodeBuildClient);
    const projectName = `bench-executors-${executor.name}`;
    await client.send(new CreateProjectCommand({
      name: projectName,
      source: { type: 'NO_SOURCE', buildspec: BUILDSPEC },
      artifacts: { type: 'NO_ARTIFACTS' },
      environment: { type: 'LINUX_CONTAINER', image: IMAGE, computeType: 'BUILD_GENERAL1_SMALL' },
      serviceRole: 'arn:aws:iam::000000000000:role/service-role/bench',
    }));
    progress(`${executor.name}: warm-up, one build per engine at once (not counted)`);
    const warm = await Promise.all(engines.map(() => client.send(new StartBuildCommand({ projectName }))));
    const warmed = await untilComplete(client, warm.map((w) => w.build!.id!), `${executor.name} warm-up`);
    const failedWarm = warmed.find((b) => b.buildStatus !== 'SUCCEEDED');
    if (failedWarm) throw new Error(`warm-up build ${failedWarm.id} ended ${failedWarm.buildStatus}: ${JSON.stringify(failedWarm.phases?.flatMap((p) => p.contexts ?? []))}`);

    progress(`${executor.name}: starting ${BUILDS} builds at once`);
    const started = Date.now();
    const starts = await Promise.all(Array.from({ length: BUILDS }, async () => ({ at: Date.now(), id: (await client.send(new StartBuildCommand({ projectName }))).build!.id! })));
    const builds = await untilComplete(client, starts.map((s) => s.id), executor.name);
    const failed = builds.filter((b) => b.buildStatus !== 'SUCCEEDED');
    if (failed.length > 0) throw new Error(`${failed.length} builds did not succeed, e.g. ${failed[0].id} ${failed[0].buildStatus}: ${failed[0].logs?.deepLink}`);
    // Same machine, same clock: the server's record of each end against the client's start.
    const ends = new Map(builds.map((b) => [b.id!, b.endTime!.getTime()]));
    const buildMs = starts.map((s) => ends.get(s.id)! - s.at);
    const wallMs = Math.max(...ends.values()) - started;
    return { name: executor.name, wallMs, buildMs, placement: await placement(engines, starts.map((s) => s.id)) };
  } finally {
    await env.close();
    await teardown();
  }
}

// How many of the builds ran on each engine: those found in a second engine's events, the rest on the machine's.
async function placement(engines: BenchEngine[], ids: string[]): Promise<string> {
  if (engines.length === 1) return `${ids.length} on the ${engines[0].label}`;
  const counts = new Map<string, number>();
  let elsewhere = 0;
  for (const engine of engines.filter((e) => e.docker)) {
    const events = await engine.docker!('events', '--since', '0', '--until', `${Math.ceil(Date.now() / 1000) + 1}`, '--filter', `label=${PROJECT_LABEL_FILTER}`, '--format', '{{.Actor.Attributes.name}}');
    const names = new Set(events.split('\n'));
    const here = ids.filter((id) => names.has(buildContainerName(id))).length;
    counts.set(engine.label, here);
    elsewhere += here;
  }
  const first = engines.find((e) => !e.docker)!;
  return [`${ids.length - elsewhere} on the ${first.label}`, ...[...counts].map(([label, n]) => `${n} on the ${label}`)].join(', ');
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const loadAverage = () => loadavg().map((l) => l.toFixed(2)).join(' ');

async function main(): Promise<void> {
  const wanted = process.env.BENCH_EXECUTORS?.split(',').map((e) => e.trim());
  const executors = EXECUTORS.filter((e) => !wanted || wanted.includes(e.name));
  const loadBefore = loadAverage();
  const results: Result[] = [];
  for (const executor of executors) results.push(await measure(executor));
  const local = results.find((r) => r.name === 'local');
  console.log('');
  console.log(`${BUILDS} builds started at once per executor (StartBuild → endTime each; wall: first StartBuild → last end)`);
  console.log('executor          wall      builds/min   median     p90        overhead per build vs local            placement');
  for (const r of results) {
    const overhead = local && r !== local ? `${((median(r.buildMs) - median(local.buildMs)) / 1000).toFixed(2)} s median, ${((r.wallMs - local.wallMs) / BUILDS / 1000).toFixed(2)} s wall/build` : '-';
    console.log(`${r.name.padEnd(17)} ${seconds(r.wallMs).padStart(8)}  ${(BUILDS / (r.wallMs / 60_000)).toFixed(1).padStart(10)}   ${seconds(median(r.buildMs)).padStart(8)}   ${seconds(percentile(r.buildMs, 0.9)).padStart(8)}   ${overhead.padEnd(36)}  ${r.placement}`);
  }
  console.log(`load average before ${loadBefore}, after ${loadAverage()} (2 cores shared with other work: above 2 the timings are the machine's, not ours)`);
}

await main();
