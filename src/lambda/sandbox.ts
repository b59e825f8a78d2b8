import { PassThrough } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import type Dockerode from 'dockerode';
import { createProjectContainer, packEntries, removeContainerQuietly, type ArchiveEntry } from '../runner/index.js';
import type { CodeFile } from './function-code.js';
import { RuntimeApi, type PendingInvocation, type RuntimeAnswer } from './runtime-api.js';
import type { RuntimeLanguage } from './runtimes.js';
import type { OpenedRuntimeApi, SandboxReach } from './sandbox-reach.js';

// The bootstraps write this line after each invocation's output (see docker/lambda-image/bootstrap.*).
const END_MARKER = '\u001ecodepipeline-local:end ';
// How long the rest of an invocation's output is waited for after its answer (ms): the end line normally comes at once.
const OUTPUT_GRACE_MS = 1_000;
// Lambda's limit on a runtime's init phase: 10 s (lambda-runtime-environment).
const INIT_LIMIT_MS = 10_000;

/** What a sandbox is started with. */
export interface SandboxSpec {
  image: string;
  language: RuntimeLanguage;
  /** The function's environment, Lambda's reserved variables included (AWS_LAMBDA_RUNTIME_API is added here). */
  env: Record<string, string>;
  code: CodeFile[];
  memoryMb: number;
  labels: Record<string, string>;
}

/** How one invocation in a sandbox ended, with the lines the function wrote meanwhile. */
export type SandboxOutcome = (RuntimeAnswer | { kind: 'timeout' } | { kind: 'exit'; exitCode?: number }) & { output: string[] };

function codeArchive(code: CodeFile[]): ArchiveEntry[] {
  const dirs = new Set<string>();
  for (const file of code) {
    const parts = file.path.split('/').slice(0, -1);
    parts.forEach((_, i) => dirs.add(parts.slice(0, i + 1).join('/')));
  }
  return [
    ...[...dirs].sort().map((d) => ({ name: `var/task/${d}`, type: 'directory' as const, mode: 0o755 })),
    ...code.map((f) => ({ name: `var/task/${f.path}`, type: 'file' as const, mode: f.mode | 0o444, content: Buffer.from(f.data) })),
  ];
}

/** The bootstrap's command for a runtime language. */
const bootstrapCommand = (language: RuntimeLanguage) => (language === 'nodejs' ? ['node', '/var/runtime/bootstrap.mjs'] : ['python3', '-u', '/var/runtime/bootstrap.py']);
const environment = (spec: SandboxSpec, address: string) => Object.entries({ ...spec.env, AWS_LAMBDA_RUNTIME_API: address }).map(([k, v]) => `${k}=${v}`);
// How often, and how many times, an exec whose output ended is asked whether it has exited: 2 s.
const EXEC_EXIT_POLL_MS = 100;
const EXEC_EXIT_POLLS = 20;

/** Where a sandbox's bootstrap is asked whether it runs: running, or exited with a status (undefined when unknown). */
type AskExit = () => Promise<{ running: boolean; exitCode?: number }>;

/**
 * One execution environment of a function: our bootstrap in a container of the Lambda image, against its own Runtime
 * API, either as the container's command (a container per sandbox) or `docker exec`'d into a running container (a
 * swarm task's). It runs one invocation at a time and may be kept warm for the next.
 */
export class Sandbox {
  private lines: string[] = [];
  private partial = '';
  private ended = new Map<string, () => void>();
  private exited: Promise<number | undefined>;
  private exit: (code: number | undefined) => void = () => undefined;
  /** False once the bootstrap stopped or the sandbox was disposed. */
  alive = true;

  private constructor(
    private readonly api: RuntimeApi,
    private readonly opened: OpenedRuntimeApi,
    /** When the bootstrap started, ms since the epoch. */
    readonly startedMs: number,
    /** Removes what holds the bootstrap (its container, or its swarm service). */
    private readonly remove: () => Promise<void>,
  ) {
    this.exited = new Promise((resolve) => (this.exit = resolve));
    void this.exited.then(() => (this.alive = false));
  }

  /**
   * Reads the bootstrap's output from its (multiplexed) stream. When the stream ends, the bootstrap exited or the
   * connection to its engine broke: `ask` tells which (a bootstrap that cannot be asked has exited with no status).
   * An exec may be seen running for a moment after its output ended; a container that still runs exits through its
   * wait.
   */
  private read(docker: Dockerode, stream: NodeJS.ReadableStream, ask: AskExit, polls: number): void {
    const out = new PassThrough();
    out.on('data', (chunk: Buffer) => this.take(chunk));
    docker.modem.demuxStream(stream, out, out);
    stream.once('close', async () => {
      for (let poll = 0; poll < polls; poll++) {
        try {
          const now = await ask();
          if (!now.running) return this.exit(now.exitCode);
        } catch {
          return this.exit(undefined);
        }
        if (poll + 1 < polls) await delay(EXEC_EXIT_POLL_MS);
      }
      if (polls > 1) this.exit(undefined);
    });
  }

  /** Creates and starts a sandbox's container with the function's code in /var/task, reaching its Runtime API as `reach` says. */
  static async start(docker: Dockerode, spec: SandboxSpec, reach: SandboxReach): Promise<Sandbox> {
    const api = new RuntimeApi();
    const opened = await reach.open(api);
    let container: Dockerode.Container | undefined;
    try {
      container = await createProjectContainer(docker, {
        Image: spec.image,
        Cmd: bootstrapCommand(spec.language),
        Env: environment(spec, opened.address),
        Labels: spec.labels,
        WorkingDir: '/var/task',
        Tty: false,
        // On this machine, the host's network: the container reaches the Runtime API and the emulator on 127.0.0.1.
        // Elsewhere the engine's default network, from which the advertised URL is reached.
        HostConfig: { ...(reach.networkMode ? { NetworkMode: reach.networkMode } : {}), Init: true, Memory: spec.memoryMb * 1024 * 1024, MemorySwap: spec.memoryMb * 1024 * 1024 },
      });
      const made = container;
      await made.putArchive(packEntries(codeArchive(spec.code)), { path: '/' });
      const stream = await made.attach({ stream: true, stdout: true, stderr: true });
      const sandbox = new Sandbox(api, opened, Date.now(), () => removeContainerQuietly(made));
      // Registered before the start: a wait on a container not started yet would answer at once ('not-running').
      made.wait({ condition: 'next-exit' }).then(
        (r: { StatusCode?: number }) => sandbox.exit(r.StatusCode),
        () => sandbox.exit(undefined),
      );
      // The engine answers a wait's headers at once and its body at the exit, so a broken connection never settles
      // the wait: the container is asked when the output ends.
      sandbox.read(docker, stream, async () => {
        const info = (await made.inspect()) as { State?: { Running?: boolean; ExitCode?: number } };
        return { running: info.State?.Running === true, exitCode: info.State?.ExitCode };
      }, 1);
      await made.start();
      return sandbox;
    } catch (error) {
      await opened.close();
      if (container) await removeContainerQuietly(container);
      throw error;
    }
  }

  /**
   * Starts a sandbox's bootstrap with `docker exec` in a running container of the Lambda image (a swarm task's, which
   * runs the idle command), with the function's code copied to /var/task; its output is the exec's. `remove` removes
   * what holds the container, when the sandbox is disposed; a start that fails leaves that to the caller.
   */
  static async startIn(docker: Dockerode, containerId: string, spec: SandboxSpec, reach: SandboxReach, remove: () => Promise<void>): Promise<Sandbox> {
    const api = new RuntimeApi();
    const opened = await reach.open(api);
    try {
      const container = docker.getContainer(containerId);
      await container.putArchive(packEntries(codeArchive(spec.code)), { path: '/' });
      const exec = await container.exec({ Cmd: bootstrapCommand(spec.language), Env: environment(spec, opened.address), WorkingDir: '/var/task', AttachStdout: true, AttachStderr: true, Tty: false });
      const stream = await exec.start({ hijack: true, stdin: false });
      const sandbox = new Sandbox(api, opened, Date.now(), remove);
      sandbox.read(docker, stream, async () => {
        const info = (await exec.inspect()) as { Running?: boolean; ExitCode?: number | null };
        return { running: info.Running === true, exitCode: info.ExitCode ?? undefined };
      }, EXEC_EXIT_POLLS);
      return sandbox;
    } catch (error) {
      await opened.close();
      throw error;
    }
  }

  /** When the runtime first asked for an invocation, ms since the epoch (the end of its init). */
  get initEndedMs(): number | undefined {
    return this.api.firstPollMs;
  }

  /**
   * Runs one invocation until its answer, its deadline or the runtime's exit. The timeout runs from the moment the
   * runtime takes the invocation, as Lambda's does (init is not counted); a runtime that has not asked for it within
   * Lambda's 10 s init limit plus the timeout has timed out too. `durationMs` is from then to the end.
   */
  async invoke(invocation: PendingInvocation): Promise<SandboxOutcome & { durationMs: number }> {
    const outputDone = new Promise<void>((resolve) => this.ended.set(invocation.requestId, resolve));
    let timer: NodeJS.Timeout | undefined;
    let handedAt: number | undefined;
    let fire: (value: { kind: 'timeout' }) => void = () => undefined;
    const timeout = new Promise<{ kind: 'timeout' }>((resolve) => (fire = resolve));
    timer = setTimeout(() => fire({ kind: 'timeout' }), INIT_LIMIT_MS + invocation.timeoutMs);
    const onHanded = (deadlineMs: number) => {
      handedAt = performance.now();
      clearTimeout(timer);
      timer = setTimeout(() => fire({ kind: 'timeout' }), Math.max(0, deadlineMs - Date.now()));
    };
    const exit = this.exited.then((exitCode) => ({ kind: 'exit' as const, exitCode }));
    const outcome = await Promise.race([this.api.invoke(invocation, onHanded), timeout, exit]);
    clearTimeout(timer);
    const durationMs = handedAt === undefined ? 0 : performance.now() - handedAt;
    if (outcome.kind === 'response' || outcome.kind === 'error') {
      await Promise.race([outputDone, this.exited, new Promise((r) => setTimeout(r, OUTPUT_GRACE_MS))]);
    } else {
      this.api.abandon();
      // A runtime that timed out, exited or failed its init is not used again (AWS resets the environment).
      this.alive = false;
    }
    this.ended.delete(invocation.requestId);
    this.flushPartial();
    return { ...outcome, output: this.lines.splice(0), durationMs };
  }

  /** Stops and removes the bootstrap's container (or service) and closes its Runtime API. */
  async dispose(): Promise<void> {
    this.alive = false;
    try {
      await this.remove();
    } finally {
      await this.opened.close();
    }
  }

  private take(chunk: Buffer): void {
    const text = this.partial + chunk.toString('utf8');
    const parts = text.split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) {
      if (line.startsWith(END_MARKER)) this.ended.get(line.slice(END_MARKER.length).trim())?.();
      else this.lines.push(line);
    }
  }

  private flushPartial(): void {
    if (this.partial) this.lines.push(this.partial);
    this.partial = '';
  }
}
