import type { CodeBuildProject, CodeBuildSandboxStore, CommandExecutionRecord, SandboxRecord, Scope } from '../store/index.js';
import type { Clock, Logger, Timers } from '../shared/index.js';
import type { ProjectSourceDeps } from './build-sources.js';
import type { BuildEngines, BuildPlacement } from './build-engines.js';
import type { BuildLimits } from './compute-limits.js';
import { removeSandboxLeftovers, sandboxContainerName, sandboxWorkDir, startSandboxContainer, type SandboxContainer } from './sandbox-container.js';
import { advancePhase, LIVE_SANDBOX_STATUSES, newCommandExecution, newSandbox, SandboxStatus } from './sandbox-records.js';

/** What {@link SandboxService} needs. */
export interface SandboxServiceDeps {
  store: CodeBuildSandboxStore;
  engines: BuildEngines;
  limits: BuildLimits;
  clock: Clock;
  timers: Timers;
  ids: { uuid(): string };
  log: Logger;
  /** The value of the sandbox owner label on this emulator's sandbox containers (its data folder). */
  owner: string;
  sources: ProjectSourceDeps;
  /** Where sandboxes' sources are fetched before they are copied into their containers. */
  workRoot: string;
}

// The most of a command's standard output (and of its standard error) a command execution keeps, in characters.
const MAX_OUTPUT_CHARS = 1024 * 1024;

interface LiveSandbox {
  placement: BuildPlacement;
  /** Resolves with the container once it runs, undefined when it could not start (or was stopped first). */
  ready: Promise<SandboxContainer | undefined>;
  /** The commands run one after another: each waits for the one before it. */
  queue: Promise<void>;
  cancelTimeout?: () => void;
  stopping?: Promise<void>;
}

/**
 * Runs CodeBuild sandboxes: each a container of its project's build image on the executor's engine (the build
 * limits apply), into which its project's source is copied, where StartCommandExecution's commands run one at a
 * time through a shell session that keeps its working folder and exports between commands. The only code that
 * moves a sandbox's or a command's status.
 */
export class SandboxService {
  private readonly live = new Map<string, LiveSandbox>();

  constructor(private readonly deps: SandboxServiceDeps) {}

  /** Records a new sandbox of a project (QUEUED) and starts its container in the background. */
  start(scope: Scope, project: CodeBuildProject): SandboxRecord {
    const { deps } = this;
    const sandbox = newSandbox(scope, project, deps.ids.uuid(), deps.clock.now());
    deps.store.insertSandbox(sandbox);
    const placement = deps.engines.place();
    const live: LiveSandbox = { placement, ready: Promise.resolve(undefined), queue: Promise.resolve() };
    live.ready = this.bringUp(sandbox.id, scope, placement);
    this.live.set(sandbox.id, live);
    live.cancelTimeout = deps.timers.setTimer(deps.clock.now() + sandbox.timeoutInMinutes * 60_000, () => void this.end(scope, sandbox.id, SandboxStatus.TIMED_OUT));
    return sandbox;
  }

  /** Stops a sandbox: STOPPING at once, STOPPED once its container is removed; a sandbox that has ended is returned as it is. */
  stop(scope: Scope, id: string): SandboxRecord | undefined {
    const sandbox = this.deps.store.getSandbox(scope, id);
    if (!sandbox || !this.live.has(id) || sandbox.status === SandboxStatus.STOPPING) return sandbox;
    void this.end(scope, id, SandboxStatus.STOPPED);
    return this.deps.store.getSandbox(scope, id);
  }

  /** Records a command (SUBMITTED) and runs it once the sandbox is up and the commands before it are done; undefined when the sandbox has ended. */
  run(scope: Scope, sandbox: SandboxRecord, command: string, type: string): CommandExecutionRecord | undefined {
    const live = this.live.get(sandbox.id);
    if (live === undefined || live.stopping !== undefined) return undefined;
    const record = newCommandExecution(sandbox, this.deps.ids.uuid(), command, type, this.deps.clock.now());
    this.deps.store.putCommand(record);
    live.queue = live.queue.then(() => this.execute(live, record)).catch((err: unknown) => this.deps.log.warn({ err, sandboxId: sandbox.id }, 'a sandbox command could not be recorded'));
    return record;
  }

  /**
   * Sandboxes and commands of an earlier process died with it (its containers are removed by {@link removeLeftovers}):
   * live sandboxes are recorded STOPPED and unfinished commands FAILED (inferred).
   */
  recover(): void {
    const now = this.deps.clock.now();
    for (const sandbox of this.deps.store.sandboxesWithStatus(LIVE_SANDBOX_STATUSES)) {
      if (this.live.has(sandbox.id)) continue;
      this.deps.store.updateSandbox(this.ended(sandbox, SandboxStatus.STOPPED, now));
    }
    for (const command of this.deps.store.unfinishedCommands()) {
      if ([...this.live.keys()].includes(command.sandboxId)) continue;
      this.deps.store.putCommand({ ...command, status: 'FAILED', endMs: now, standardErrContent: 'The sandbox ended with the emulator process that ran it' });
    }
  }

  /** Removes the sandbox containers an earlier process of this owner left on every engine. */
  async removeLeftovers(): Promise<void> {
    const spare = new Set([...this.live.keys()].map(sandboxContainerName));
    await Promise.all(
      this.deps.engines.engines.map((engine) =>
        removeSandboxLeftovers(engine, this.deps.owner, spare).catch((err: unknown) => this.deps.log.warn({ err, dockerHost: engine.host }, 'could not remove the sandbox containers an earlier process left')),
      ),
    );
  }

  /** Removes every sandbox container of this process and waits for them to be gone: the server is stopping (the records stay live until the next start recovers them). */
  async close(): Promise<void> {
    await Promise.all(
      [...this.live.entries()].map(async ([id, live]) => {
        live.cancelTimeout?.();
        const up = await live.ready;
        up?.session.close();
        await up?.container.remove().catch((err: unknown) => this.deps.log.warn({ err, sandboxId: id }, 'removing a sandbox container failed'));
        live.placement.release();
      }),
    );
    this.live.clear();
  }

  private async bringUp(id: string, scope: Scope, placement: BuildPlacement): Promise<SandboxContainer | undefined> {
    const { deps } = this;
    const update = (change: (s: SandboxRecord) => SandboxRecord) => {
      const current = deps.store.getSandbox(scope, id);
      if (current && LIVE_SANDBOX_STATUSES.includes(current.status)) deps.store.updateSandbox(change(current));
    };
    const sandbox = deps.store.getSandbox(scope, id) as SandboxRecord;
    try {
      const up = await startSandboxContainer(sandbox, {
        engine: placement.value,
        limits: deps.limits,
        owner: deps.owner,
        sources: deps.sources,
        workDir: sandboxWorkDir(deps.workRoot, id),
        onPhase: (phase) => update((s) => ({ ...s, currentSession: advancePhase(s.currentSession, 'SUCCEEDED', deps.clock.now(), phase) })),
      });
      placement.reached();
      if (this.live.get(id)?.stopping !== undefined) return up;
      update((s) => ({
        ...s,
        status: SandboxStatus.IN_PROGRESS,
        startMs: deps.clock.now(),
        containerName: up.container.name,
        currentSession: {
          ...advancePhase(s.currentSession, 'SUCCEEDED', deps.clock.now(), 'RUN_SANDBOX'),
          status: SandboxStatus.IN_PROGRESS,
          ...(up.resolvedSourceVersion !== undefined ? { resolvedSourceVersion: up.resolvedSourceVersion } : {}),
        },
      }));
      return up;
    } catch (error) {
      placement.failed(error);
      deps.log.warn({ err: error, sandboxId: id }, 'a sandbox could not start');
      const context = { statusCode: 'CLIENT_ERROR', message: (error as Error).message };
      update((s) => this.ended({ ...s, currentSession: advancePhase(s.currentSession, 'FAILED', deps.clock.now(), undefined, context) }, SandboxStatus.FAILED, deps.clock.now()));
      const live = this.live.get(id);
      live?.cancelTimeout?.();
      this.live.delete(id);
      placement.release();
      return undefined;
    }
  }

  private async execute(live: LiveSandbox, record: CommandExecutionRecord): Promise<void> {
    const { deps } = this;
    const up = await live.ready;
    if (up === undefined || live.stopping !== undefined) {
      deps.store.putCommand({ ...record, status: 'FAILED', endMs: deps.clock.now(), standardErrContent: 'The sandbox is not running' });
      return;
    }
    deps.store.putCommand({ ...record, status: 'IN_PROGRESS', startMs: deps.clock.now() });
    const out: string[] = [];
    const err: string[] = [];
    const keep = (into: string[]) => (chunk: Buffer) => {
      if (into.reduce((n, s) => n + s.length, 0) < MAX_OUTPUT_CHARS) into.push(chunk.toString('utf8'));
    };
    let exit: number | undefined;
    try {
      exit = await up.session.run(record.command, { state: { succeeding: true, lastExit: 0 }, onStdout: keep(out), onStderr: keep(err) });
    } catch (error) {
      err.push(`${(error as Error).message}\n`);
    }
    const stdout = out.join('').slice(0, MAX_OUTPUT_CHARS);
    const stderr = err.join('').slice(0, MAX_OUTPUT_CHARS);
    deps.store.putCommand({
      ...record,
      status: exit === 0 ? 'SUCCEEDED' : 'FAILED',
      startMs: record.startMs ?? deps.clock.now(),
      endMs: deps.clock.now(),
      ...(exit !== undefined ? { exitCode: String(exit) } : {}),
      // AWS's model gives both contents a minimum length of 1: an empty stream is left out.
      ...(stdout ? { standardOutputContent: stdout } : {}),
      ...(stderr ? { standardErrContent: stderr } : {}),
    });
  }

  // STOPPING now; the container removed (after its start, when it is still starting); then `status`.
  private end(scope: Scope, id: string, status: string): Promise<void> {
    const live = this.live.get(id);
    if (live === undefined) return Promise.resolve();
    live.stopping ??= (async () => {
      live.cancelTimeout?.();
      const current = this.deps.store.getSandbox(scope, id);
      if (current) this.deps.store.updateSandbox({ ...current, status: SandboxStatus.STOPPING });
      const up = await live.ready;
      up?.session.close();
      await up?.container.remove().catch((err: unknown) => this.deps.log.warn({ err, sandboxId: id }, 'removing a sandbox container failed'));
      await live.queue;
      live.placement.release();
      this.live.delete(id);
      const stopping = this.deps.store.getSandbox(scope, id);
      if (stopping && stopping.status === SandboxStatus.STOPPING) this.deps.store.updateSandbox(this.ended(stopping, status, this.deps.clock.now()));
    })();
    return live.stopping;
  }

  private ended(sandbox: SandboxRecord, status: string, nowMs: number): SandboxRecord {
    const open = sandbox.currentSession.phases.some((p) => p.endMs === undefined);
    const session = open ? advancePhase(sandbox.currentSession, status === SandboxStatus.FAILED ? 'FAILED' : status, nowMs, 'COMPLETED') : sandbox.currentSession;
    const { containerName: _gone, ...rest } = sandbox;
    return { ...rest, status, endMs: nowMs, currentSession: { ...session, status, endMs: nowMs } };
  }
}
