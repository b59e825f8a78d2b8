import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable, type Duplex } from 'node:stream';
import type Dockerode from 'dockerode';
import { packagePath, type Logger } from '../shared/index.js';
import { AgentError, AgentLostError } from './agent-error.js';
import { RESTART_EVENT_MESSAGE } from './deployment-recovery.js';

/** The agent's scripts in docker/instance-agent/, run inside instances. */
export type AgentScript = 'probe' | 'hook' | 'install' | 'permissions' | 'flush';

const SCRIPTS: readonly AgentScript[] = ['probe', 'hook', 'install', 'permissions', 'flush'];

/** A file the agent writes on the instance (scripts.log lines, install records). */
export interface PendingWrite {
  path: string;
  content: string;
  mode: 'append' | 'replace';
}

/** What an agent command printed (its scripts report through `M` lines, so no exit code is needed). */
export interface AgentCommandResult {
  /** Every line of standard output (also given to onLine). */
  lines: string[];
  stderr: string;
}

const SCRIPT_DIR = packagePath('docker/instance-agent');
let agentCommand: string[] | undefined;

/** `bash -c <agent.sh> codedeploy-agent PRELUDE NAME SCRIPT...`: the agent travels with the session, so an instance made by an older emulator runs the current one. */
function agentArgv(): string[] {
  if (!agentCommand) {
    const read = (name: string) => readFileSync(join(SCRIPT_DIR, name), 'utf8');
    agentCommand = ['bash', '-c', read('agent.sh'), 'codedeploy-agent', read('prelude.sh'), ...SCRIPTS.flatMap((name) => [name, read(`${name}.sh`)])];
  }
  return agentCommand;
}

const NUL = Buffer.from([0]);
const LOSS_SETTLE_TRIES = 5;
const LOSS_SETTLE_MS = 200;

/** Frame fields as agent.sh reads them: each ended by NUL (which a value cannot hold, so it is dropped). */
function fields(...values: (string | number)[]): Buffer[] {
  return values.flatMap((value) => [Buffer.from(String(value).replace(/\0/g, ''), 'utf8'), NUL]);
}

/** The AgentError for a Docker refusal naming the instance's container (gone, or not running). */
export function explainDockerError(error: unknown, containerId: string): Error {
  const status = (error as { statusCode?: number }).statusCode;
  if (status === 404) return new AgentError(`The instance's container ${containerId} no longer exists; deregister and register the instance again.`, { cause: error });
  if (status === 409) return new AgentError(`The instance's container ${containerId} is not running: start it (docker start ${containerId}) or restart the emulator.`, { cause: error });
  return error instanceof Error ? error : new Error(String(error));
}

interface InFlight {
  lines: string[];
  stderr: string[];
  onLine?: (line: string) => void;
  resolve(result: AgentCommandResult): void;
  reject(error: Error): void;
}

/**
 * The emulator's end of one instance's agent: a `docker exec -i` of agent.sh kept open, commands sent as frames
 * on its stdin and their output read back as lines. The stream's end (the container stopped, restarted or was
 * removed, or the agent died) fails the commands under way with the agent's restart message.
 */
export class AgentSession {
  private readonly replies = new Map<string, InFlight>();
  private running: InFlight | undefined;
  private nextId = 1;
  private turn: Promise<unknown> = Promise.resolve();
  private loss: Promise<AgentLostError> | undefined;
  private closing = false;
  private readonly openedMs = Date.now();

  private constructor(
    private readonly docker: Dockerode,
    private readonly containerId: string,
    private readonly stream: Duplex,
    private readonly log: Logger,
    private readonly onEnd: () => void,
  ) {
    let partial = '';
    const decoder = new TextDecoder();
    const stdout = new Writable({
      write: (chunk: Buffer, _encoding, callback) => {
        const parts = (partial + decoder.decode(chunk, { stream: true })).split('\n');
        partial = parts.pop() ?? '';
        parts.forEach((line) => this.receive(line));
        callback();
      },
    });
    const stderr = new Writable({
      write: (chunk: Buffer, _encoding, callback) => {
        log.warn({ container: containerId }, `CodeDeploy agent: ${chunk.toString('utf8').trim()}`);
        callback();
      },
    });
    docker.modem.demuxStream(stream, stdout, stderr);
    const ended = (error?: Error) => this.ended(error);
    stream.once('end', () => ended());
    stream.once('close', () => ended());
    stream.once('error', ended);
  }

  /** Starts the agent in a running container; `onEnd` is told when its stream ends. */
  static async open(docker: Dockerode, containerId: string, log: Logger, onEnd: () => void): Promise<AgentSession> {
    let stream: Duplex;
    try {
      const exec = await docker.getContainer(containerId).exec({ Cmd: agentArgv(), AttachStdin: true, AttachStdout: true, AttachStderr: true, Tty: false });
      stream = (await exec.start({ hijack: true, stdin: true })) as Duplex;
    } catch (error) {
      throw explainDockerError(error, containerId);
    }
    const session = new AgentSession(docker, containerId, stream, log, onEnd);
    session.holdProcess();
    return session;
  }

  /** Whether the agent is gone: its commands fail with the restart message. */
  get lost(): boolean {
    return this.loss !== undefined;
  }

  /** Runs `task` after the earlier ones, as the agent takes one command at a time; refused once the agent is gone. */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const result = this.turn.then(async () => {
      if (this.loss) throw await this.loss;
      return task();
    });
    this.turn = result.catch(() => undefined);
    return result;
  }

  /** Sends file writes (no reply: the agent writes them between commands, or while one runs). */
  write(writes: readonly PendingWrite[]): void {
    if (writes.length === 0 || this.loss) return;
    this.send(
      writes.flatMap((write) => {
        const data = Buffer.from(write.content, 'utf8');
        return [...fields('W', write.path, write.mode, data.length), data];
      }),
    );
  }

  /** Runs one of the agent's scripts; one at a time (see {@link exclusive}), so its output lines are its own. */
  run(script: AgentScript, args: readonly string[], env: Readonly<Record<string, string>>, onLine?: (line: string) => void): Promise<AgentCommandResult> {
    const id = String(this.nextId++);
    const vars = Object.entries(env).map(([key, value]) => `${key}=${value}`);
    return this.request(id, fields('R', id, script, args.length, ...args, vars.length, ...vars), true, onLine);
  }

  /** Sends a signal to processes (`-PGID` for a group) at once, even while a command runs. */
  async signal(signal: string, targets: readonly string[]): Promise<void> {
    const id = String(this.nextId++);
    await this.request(id, fields('K', id, signal, targets.length, ...targets), false);
  }

  /** Ends the agent (its stdin closes); commands under way fail. */
  close(): void {
    this.closing = true;
    this.stream.destroy();
  }

  private request(id: string, frame: Buffer[], isRun: boolean, onLine?: (line: string) => void): Promise<AgentCommandResult> {
    if (this.loss) return this.loss.then((error) => Promise.reject(error));
    return new Promise((resolve, reject) => {
      const inFlight: InFlight = { lines: [], stderr: [], onLine, resolve, reject };
      this.replies.set(id, inFlight);
      if (isRun) this.running = inFlight;
      this.holdProcess();
      this.send(frame);
    });
  }

  /** Keeps the emulator's process alive while commands are under way, and only then: an idle agent must not. */
  private holdProcess(): void {
    const socket = this.stream as Duplex & { ref?: () => void; unref?: () => void };
    if (this.replies.size > 0) socket.ref?.();
    else socket.unref?.();
  }

  private send(frame: Buffer[]): void {
    this.stream.write(Buffer.concat(frame));
  }

  private receive(line: string): void {
    if (line.startsWith('Z ')) {
      const id = line.split(' ')[1];
      const done = this.replies.get(id);
      if (!done) return;
      this.replies.delete(id);
      if (done === this.running) this.running = undefined;
      this.holdProcess();
      done.resolve({ lines: done.lines, stderr: done.stderr.join('\n') });
      return;
    }
    // Output with no command under way (a killed command's last words) belongs to no one.
    const running = this.running;
    if (!running) return;
    if (line.startsWith('S')) running.stderr.push(line.slice(1));
    else {
      running.lines.push(line);
      running.onLine?.(line);
    }
  }

  private ended(cause?: Error): void {
    if (this.loss) return;
    this.loss = this.describeLoss(cause);
    this.onEnd();
    void this.loss.then((error) => {
      for (const inFlight of this.replies.values()) inFlight.reject(error);
      this.replies.clear();
      this.running = undefined;
    });
  }

  /** Why the stream ended, told from the container's state. */
  private async describeLoss(cause?: Error): Promise<AgentLostError> {
    let why: string;
    if (this.closing) why = 'codepipeline-local stopped its agents';
    else {
      try {
        // The stream can end a moment before Docker records the container's stop: the state gets a little time to settle.
        let info = await this.docker.getContainer(this.containerId).inspect();
        const sameRun = () => info.State.Running && Date.parse(info.State.StartedAt) <= this.openedMs;
        for (let attempt = 0; attempt < LOSS_SETTLE_TRIES && sameRun(); attempt++) {
          await new Promise((resolve) => setTimeout(resolve, LOSS_SETTLE_MS));
          info = await this.docker.getContainer(this.containerId).inspect();
        }
        const name = info.Name.replace(/^\//, '');
        if (!info.State.Running) why = `the instance's container ${name} stopped (exit code ${info.State.ExitCode})`;
        else if (!sameRun()) why = `the instance's container ${name} restarted`;
        else why = `the agent's process in the instance's container ${name} ended (killed, or out of memory)`;
      } catch (error) {
        why = (error as { statusCode?: number }).statusCode === 404 ? `the instance's container ${this.containerId} was removed` : `the connection to the instance's container ${this.containerId} was lost`;
      }
    }
    return new AgentLostError(`${RESTART_EVENT_MESSAGE} (codepipeline-local: the CodeDeploy agent stopped because ${why}.)`, { cause });
  }
}

/** What the sessions need. */
export interface AgentSessionsDeps {
  docker: Dockerode;
  log: Logger;
}

/** One agent per instance container: started on the first need (or when the container starts) and again after it was lost. */
export class AgentSessions {
  private readonly sessions = new Map<string, Promise<AgentSession>>();

  constructor(private readonly deps: AgentSessionsDeps) {}

  /** The container's agent, started when it has none running. */
  session(containerId: string): Promise<AgentSession> {
    const known = this.sessions.get(containerId);
    if (known) return known;
    const forget = () => {
      if (this.sessions.get(containerId) === opening) this.sessions.delete(containerId);
    };
    const opening = AgentSession.open(this.deps.docker, containerId, this.deps.log, forget);
    this.sessions.set(containerId, opening);
    opening.catch(forget);
    return opening;
  }

  /** Starts a container's agent ahead of its first deployment, as an instance boots its agent. */
  warm(containerId: string): void {
    this.session(containerId).catch((error: unknown) => this.deps.log.debug({ err: error, container: containerId }, 'the CodeDeploy agent could not start yet'));
  }

  /** Stops every agent (the emulator is closing). */
  async closeAll(): Promise<void> {
    const open = [...this.sessions.values()];
    this.sessions.clear();
    for (const settled of await Promise.allSettled(open)) if (settled.status === 'fulfilled') settled.value.close();
  }
}
