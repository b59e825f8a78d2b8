import { PassThrough } from 'node:stream';
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

/**
 * One execution environment of a function: a container of the Lambda image running our bootstrap against its own
 * Runtime API. It runs one invocation at a time and may be kept warm for the next.
 */
export class Sandbox {
  private lines: string[] = [];
  private partial = '';
  private ended = new Map<string, () => void>();
  private exited: Promise<number | undefined>;
  private exit: (code: number | undefined) => void = () => undefined;
  /** False once the container stopped or was disposed. */
  alive = true;

  private constructor(
    private readonly container: Dockerode.Container,
    private readonly api: RuntimeApi,
    private readonly opened: OpenedRuntimeApi,
    /** When the container started, ms since the epoch. */
    readonly startedMs: number,
  ) {
    this.exited = new Promise((resolve) => (this.exit = resolve));
    // Registered before the start: a wait on a container not started yet would answer at once ('not-running').
    container.wait({ condition: 'next-exit' }).then(
      (r: { StatusCode?: number }) => this.exit(r.StatusCode),
      () => this.exit(undefined),
    );
    void this.exited.then(() => (this.alive = false));
  }

  /**
   * The output stream ended: the container exited, or the connection to its engine broke. The engine answers the wait
   * with its headers at once and its body at the exit, so a broken connection never settles the wait: the container
   * is asked instead, and one that cannot be asked has exited with no status.
   */
  private outputEnded(): void {
    this.container.inspect().then(
      (info: { State?: { Running?: boolean; ExitCode?: number } }) => {
        if (!info.State?.Running) this.exit(info.State?.ExitCode);
      },
      () => this.exit(undefined),
    );
  }

  /** Creates and starts a sandbox's container with the function's code in /var/task, reaching its Runtime API as `reach` says. */
  static async start(docker: Dockerode, spec: SandboxSpec, reach: SandboxReach): Promise<Sandbox> {
    const api = new RuntimeApi();
    const opened = await reach.open(api);
    const { address } = opened;
    const cmd = spec.language === 'nodejs' ? ['node', '/var/runtime/bootstrap.mjs'] : ['python3', '-u', '/var/runtime/bootstrap.py'];
    let container: Dockerode.Container | undefined;
    try {
      container = await createProjectContainer(docker, {
        Image: spec.image,
        Cmd: cmd,
        Env: Object.entries({ ...spec.env, AWS_LAMBDA_RUNTIME_API: address }).map(([k, v]) => `${k}=${v}`),
        Labels: spec.labels,
        WorkingDir: '/var/task',
        Tty: false,
        // On this machine, the host's network: the container reaches the Runtime API and the emulator on 127.0.0.1.
        // Elsewhere the engine's default network, from which the advertised URL is reached.
        HostConfig: { ...(reach.networkMode ? { NetworkMode: reach.networkMode } : {}), Init: true, Memory: spec.memoryMb * 1024 * 1024, MemorySwap: spec.memoryMb * 1024 * 1024 },
      });
      await container.putArchive(packEntries(codeArchive(spec.code)), { path: '/' });
      const stream = await container.attach({ stream: true, stdout: true, stderr: true });
      const started = Date.now();
      const sandbox = new Sandbox(container, api, opened, started);
      const out = new PassThrough();
      out.on('data', (chunk: Buffer) => sandbox.take(chunk));
      docker.modem.demuxStream(stream, out, out);
      stream.once('close', () => sandbox.outputEnded());
      await container.start();
      return sandbox;
    } catch (error) {
      await opened.close();
      if (container) await removeContainerQuietly(container);
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

  /** Stops and removes the container and closes its Runtime API. */
  async dispose(): Promise<void> {
    this.alive = false;
    try {
      await removeContainerQuietly(this.container);
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
