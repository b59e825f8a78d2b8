import type { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { explainDockerError, type AgentCommandResult, type AgentScript, type AgentSession, type AgentSessions, type PendingWrite } from './agent-session.js';

export type { AgentCommandResult, AgentScript, PendingWrite } from './agent-session.js';

/** Options of one agent command. */
export interface AgentCommandOptions {
  env?: Readonly<Record<string, string>>;
  /** Receives each line of standard output as it arrives. */
  onLine?(line: string): void;
}

// While a script runs, its log lines reach the instance's scripts.log this often (ms), as the agent writes them.
const LIVE_WRITE_MS = 100;

/**
 * One deployment's way into an instance: commands to the container's agent, carrying pending file writes along.
 * It keeps the agent it started with, so an agent lost part-way fails the deployment rather than quietly
 * going on in a container that restarted.
 */
export class InstanceShell {
  private readonly container: Dockerode.Container;
  private pending: PendingWrite[] = [];
  private agent: Promise<AgentSession> | undefined;
  /** The agent while a script runs: log lines written meanwhile go to it at once. */
  private running: AgentSession | undefined;
  private liveWrite: NodeJS.Timeout | undefined;

  constructor(
    docker: Dockerode,
    private readonly containerId: string,
    private readonly sessions: AgentSessions,
  ) {
    this.container = docker.getContainer(containerId);
  }

  /** Queues a file write for the next command (or {@link flushInBackground}); NUL characters are dropped, as the agent's frames cannot hold them. */
  queue(write: PendingWrite): void {
    const content = write.content.replace(/\0/g, '');
    // One entry per file keeps the frames few however many log lines a script prints.
    if (write.mode === 'replace') this.pending = this.pending.filter((p) => p.path !== write.path);
    const last = this.pending.findLast((p) => p.path === write.path);
    if (last && write.mode === 'append') last.content += content;
    else this.pending.push({ ...write, content });
    if (this.running) this.liveWrite ??= setTimeout(() => this.writeLive(), LIVE_WRITE_MS);
  }

  /**
   * Writes the pending files, and runs flush.sh with `args` (archive retention), without making the caller
   * wait: the agent takes the next command on the same container (the next deployment's) after them.
   */
  flushInBackground(args: readonly string[], onError: (error: unknown) => void): void {
    if (this.pending.length === 0 && args.length === 0) return;
    const writes = this.take();
    this.session()
      .then((agent) =>
        agent.exclusive(async () => {
          agent.write(writes);
          if (args.length > 0) await agent.run('flush', args, {});
        }),
      )
      .catch(onError);
  }

  /** Runs one of the agent's scripts with arguments, writing the pending files first. */
  async run(script: AgentScript, args: readonly string[], options: AgentCommandOptions = {}): Promise<AgentCommandResult> {
    const agent = await this.session();
    return agent.exclusive(async () => {
      agent.write(this.take());
      this.running = agent;
      try {
        return await agent.run(script, args, options.env ?? {}, options.onLine);
      } finally {
        this.running = undefined;
        clearTimeout(this.liveWrite);
        this.liveWrite = undefined;
      }
    });
  }

  /** Signals processes of the instance (`-PGID` for a group) while a script runs; a failure is ignored, as `kill` of a gone process is. */
  async signal(signal: string, targets: readonly string[]): Promise<void> {
    try {
      await (await this.session()).signal(signal, targets);
    } catch {
      // The signal's effect is checked by its caller (the script it signals ends or not).
    }
  }

  /** Extracts a tar at the container's root (missing parent folders are created), in turn with the agent's commands. */
  async putArchive(tar: Readable): Promise<void> {
    const agent = await this.session();
    await agent.exclusive(async () => {
      try {
        await this.container.putArchive(tar, { path: '/' });
      } catch (error) {
        throw explainDockerError(error, this.containerId);
      }
    });
  }

  private take(): PendingWrite[] {
    const writes = this.pending;
    this.pending = [];
    return writes;
  }

  private writeLive(): void {
    this.liveWrite = undefined;
    this.running?.write(this.take());
  }

  /** The agent this deployment uses: the container's, started when it has none; kept once it answered. */
  private session(): Promise<AgentSession> {
    if (!this.agent) {
      const starting = this.sessions.session(this.containerId);
      this.agent = starting;
      // A container that could not be reached may be started by the user: the next command tries again.
      starting.catch(() => {
        if (this.agent === starting) this.agent = undefined;
      });
    }
    return this.agent;
  }
}
