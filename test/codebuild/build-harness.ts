import { randomUUID } from 'node:crypto';
import { mkdtemp, mkdir, rm, symlink, writeFile, chmod, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { createBuildRunner } from '../../src/codebuild/build-runner.js';
import type { BuildOutcome, BuildPhase, BuildRequest, RunBuild } from '../../src/codebuild/build-request.js';
import { DISK_CHECK_MS, type BuildLimits } from '../../src/codebuild/compute-limits.js';
import { BUILD_LABELS } from '../../src/codebuild/provisioning.js';
import { buildContainerName, isWarmContainerName, WarmBuildContainers } from '../../src/codebuild/warm-containers.js';
import { ContainerRunner, createDockerClient, type ProjectContainer } from '../../src/runner/index.js';
import { silentLogger, systemClock, systemTimers } from '../../src/shared/index.js';

/** The image the runner tests build in: bash and coreutils are all they need. */
export const IMAGE = 'debian:bookworm-slim';

/** A file of a test source tree: text, text with a mode, or a symlink. */
export type TreeFile = string | { content: string; mode: number } | { symlink: string };

/** What one build left: its outcome, every log line, and every phase report. */
export interface BuildRun {
  outcome: BuildOutcome;
  lines: string[];
  phaseReports: BuildPhase[];
}

/** One zip entry as read back from an artifact. */
export interface ZipEntryInfo {
  name: string;
  /** Unix mode bits including the file type (0o100644, 0o120777, ...). */
  mode: number;
  content: string;
}

/** Real Docker, a real runner, temp folders and a project of its own per test file, all cleaned up. */
export class BuildHarness {
  readonly docker = createDockerClient(process.env.DOCKER_HOST);
  readonly runner = new ContainerRunner({ docker: this.docker });
  readonly project = `runner-test-${randomUUID().slice(0, 8)}`;
  readonly runBuild: RunBuild;
  /** The harness's own warm build containers, owned by its project name. */
  readonly warm: WarmBuildContainers;
  private readonly dirs: string[] = [];
  private readonly volumes = new Set<string>();
  private dockerProblem: string | undefined;

  /**
   * `limits`: what each build container may use, over test defaults (2 GB, 2 CPUs, 4096 processes, 10 GB written);
   * `idleMs`: how long a warm container waits for a build (a minute by default, longer than a test file's builds).
   */
  constructor(limits: Partial<BuildLimits> = {}, { idleMs = 60_000 }: { idleMs?: number } = {}) {
    const all = { maxMemoryMb: 2048, maxCpus: 2, pidsLimit: 4096, diskMb: 10_240, diskCheckMs: DISK_CHECK_MS, ...limits };
    const log = silentLogger();
    this.warm = new WarmBuildContainers({ docker: this.docker, runner: this.runner, clock: systemClock, timers: systemTimers(systemClock), log, idleMs, owner: this.project });
    this.runBuild = createBuildRunner({ runner: this.runner, docker: this.docker, clock: systemClock, log, limits: all, containers: this.warm });
  }

  /** Checks Docker and the image once; {@link assertReady} then fails each test (never skips) when they are missing. */
  async setUp(): Promise<void> {
    if (!(await this.runner.ping())) this.dockerProblem = 'Docker is not available: run `npm run setup` (scripts/setup-docker.sh)';
    else if (!(await this.runner.imageExists(IMAGE))) this.dockerProblem = `Docker image ${IMAGE} is missing: run \`npm run setup\``;
  }

  /** Throws when Docker or the image is missing, so a run without them counts as failed tests. */
  assertReady(): void {
    if (this.dockerProblem !== undefined) throw new Error(this.dockerProblem);
  }

  /** Removes the project's containers, its cache volumes and the temp folders. */
  async tearDown(): Promise<void> {
    if (this.dockerProblem === undefined) {
      await this.warm.close();
      await this.runner.removeProjectContainers({ labels: { [BUILD_LABELS.owner]: this.project } });
      for (const volume of this.volumes) await this.docker.getVolume(volume).remove().catch(() => undefined);
    }
    await Promise.all(this.dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  }

  /** A new temp folder. */
  async tempDir(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'cb-runner-'));
    this.dirs.push(dir);
    return dir;
  }

  /** A temp folder holding the given files. */
  async source(files: Record<string, TreeFile>): Promise<string> {
    const dir = await this.tempDir();
    for (const [path, file] of Object.entries(files)) {
      const full = join(dir, path);
      await mkdir(dirname(full), { recursive: true });
      if (typeof file === 'string') await writeFile(full, file);
      else if ('symlink' in file) await symlink(file.symlink, full);
      else {
        await writeFile(full, file.content);
        await chmod(full, file.mode);
      }
    }
    return dir;
  }

  /** A cache volume name for this project, removed at tear-down. */
  cacheVolume(): string {
    const name = `${this.project}-cache`;
    this.volumes.add(name);
    return name;
  }

  /** A build request with test defaults: one source, no artifacts, a five-minute timeout. */
  async request(buildspec: string, overrides: Partial<BuildRequest> = {}): Promise<BuildRequest> {
    return {
      buildId: `${this.project}:${randomUUID()}`,
      buildNumber: 1,
      projectName: this.project,
      account: '000000000000',
      region: 'us-east-1',
      image: IMAGE,
      buildspec,
      buildspecLocation: '/codebuild/readonly/buildspec.yml',
      environmentVariables: [],
      sources: [{ dir: await this.source({ 'README.md': 'hello\n' }) }],
      artifacts: { secondary: [], outDir: await this.tempDir() },
      timeoutInMinutes: 5,
      privilegedMode: false,
      initiator: 'tester',
      signal: new AbortController().signal,
      onLog: () => undefined,
      onPhase: () => undefined,
      ...overrides,
    };
  }

  /** Runs a build and collects its log lines and phase reports. */
  async run(request: BuildRequest): Promise<BuildRun> {
    const lines: string[] = [];
    const phaseReports: BuildPhase[] = [];
    const outcome = await this.runBuild({
      ...request,
      onLog: (line) => {
        lines.push(line);
        request.onLog(line);
      },
      onPhase: (phase) => {
        phaseReports.push(phase);
        request.onPhase(phase);
      },
    });
    return { outcome, lines, phaseReports };
  }

  /** Runs a buildspec with default settings. */
  async build(buildspec: string, overrides: Partial<BuildRequest> = {}): Promise<BuildRun> {
    return this.run(await this.request(buildspec, overrides));
  }

  /**
   * The names of the harness's build containers still in Docker once the removals under way have ended: those builds
   * took, not the warm ones.
   */
  async containers(): Promise<string[]> {
    await this.warm.drained();
    return (await this.allContainers()).filter((c) => !isWarmContainerName(c.name)).map((c) => c.name);
  }

  /** The harness's warm containers in Docker, which no build has taken. */
  async warmContainers(): Promise<ProjectContainer[]> {
    return (await this.allContainers()).filter((c) => isWarmContainerName(c.name));
  }

  private allContainers(): Promise<ProjectContainer[]> {
    return this.runner.listProjectContainers({ labels: { [BUILD_LABELS.owner]: this.project } });
  }
}

/** The containers in Docker of one build, found by the name the build gives its container. */
export async function containersOfBuild(runner: ContainerRunner, buildId: string): Promise<ProjectContainer[]> {
  return (await runner.listProjectContainers()).filter((c) => c.name === buildContainerName(buildId));
}

/** The phases of an outcome as `TYPE:STATUS` words, COMPLETED as just its type. */
export function phaseSummary(outcome: BuildOutcome): string[] {
  return outcome.phases.map((p) => (p.phaseStatus === undefined ? p.phaseType : `${p.phaseType}:${p.phaseStatus}`));
}

/** The lines of a build's command output and agent lines without the `[Container] <timestamp> ` prefix. */
export function plainLines(lines: readonly string[]): string[] {
  return lines.map((line) => line.replace(/^\[Container\] \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}\.\d{6} /, ''));
}

/** Reads a zip's entries with their Unix modes (from the central directory) and contents. */
export async function readZip(path: string): Promise<ZipEntryInfo[]> {
  const bytes = await readFile(path);
  const contents = unzipSync(new Uint8Array(bytes));
  const entries: ZipEntryInfo[] = [];
  // The end-of-central-directory record: its offset field points at the first central directory header.
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let offset = bytes.readUInt32LE(eocd + 16);
  const count = bytes.readUInt16LE(eocd + 10);
  for (let i = 0; i < count; i++) {
    const nameLength = bytes.readUInt16LE(offset + 28);
    const extraLength = bytes.readUInt16LE(offset + 30);
    const commentLength = bytes.readUInt16LE(offset + 32);
    const externalAttrs = bytes.readUInt32LE(offset + 38);
    const name = bytes.subarray(offset + 46, offset + 46 + nameLength).toString('utf8');
    entries.push({ name, mode: externalAttrs >>> 16, content: Buffer.from(contents[name] ?? []).toString('utf8') });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
