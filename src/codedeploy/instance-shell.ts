import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable, type Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { packagePath } from '../shared/index.js';
import { AgentError } from './agent-error.js';

/** The agent's scripts in docker/instance-agent/, run inside instances. */
export type AgentScript = 'probe' | 'hook' | 'install' | 'permissions' | 'flush';

/** A file the agent writes on the instance with its next command (scripts.log lines, install records). */
export interface PendingWrite {
  path: string;
  content: string;
  mode: 'append' | 'replace';
}

/** Options of one agent command. */
export interface AgentCommandOptions {
  env?: Readonly<Record<string, string>>;
  /** Receives each line of standard output as it arrives. */
  onLine?(line: string): void;
}

/** What an agent command printed (its scripts report through `M` lines, so no exit code is needed). */
export interface AgentCommandResult {
  /** Every line of standard output (also given to onLine). */
  lines: string[];
  stderr: string;
}

const SCRIPT_DIR = packagePath('docker/instance-agent');
const scriptCache = new Map<AgentScript, string>();

function scriptText(name: AgentScript): string {
  let text = scriptCache.get(name);
  if (text === undefined) {
    text = `${readFileSync(join(SCRIPT_DIR, 'prelude.sh'), 'utf8')}\n${readFileSync(join(SCRIPT_DIR, `${name}.sh`), 'utf8')}`;
    scriptCache.set(name, text);
  }
  return text;
}

// Linux caps one environment string at 128 KiB and all of them (with argv) at about 2 MiB; sizes here are
// in UTF-16 units, which take up to 3 bytes each.
const WRITE_CHUNK = 40 * 1024;
const WRITES_PER_COMMAND = 400 * 1024;

/**
 * The writes still under way per container: a deployment's last writes go on in the background, and the next
 * command on the same container (the next deployment's) waits for them. One per agent.
 */
export class TrailingWrites {
  private readonly pending = new Map<string, Promise<void>>();

  /** Resolves once the container's trailing writes are done. */
  async settled(containerId: string): Promise<void> {
    await this.pending.get(containerId);
  }

  /** Runs `write` after the container's earlier trailing writes. */
  add(containerId: string, write: () => Promise<void>): void {
    const done = this.settled(containerId).then(write);
    this.pending.set(containerId, done);
    void done.finally(() => {
      if (this.pending.get(containerId) === done) this.pending.delete(containerId);
    });
  }
}

/** Runs the agent's scripts in one instance container over `docker exec`, carrying pending file writes along. */
export class InstanceShell {
  private readonly container: Dockerode.Container;
  private pending: PendingWrite[] = [];

  constructor(
    private readonly docker: Dockerode,
    private readonly containerId: string,
    private readonly trailing: TrailingWrites = new TrailingWrites(),
  ) {
    this.container = docker.getContainer(containerId);
  }

  /** Queues a file write for the next command (or {@link flushInBackground}); NUL characters are dropped, as environment values cannot hold them. */
  queue(write: PendingWrite): void {
    const content = write.content.replace(/\0/g, '');
    // One entry per file keeps the environment small however many log lines a script prints.
    if (write.mode === 'replace') this.pending = this.pending.filter((p) => p.path !== write.path);
    const last = this.pending.findLast((p) => p.path === write.path);
    if (last && write.mode === 'append') last.content += content;
    else this.pending.push({ ...write, content });
  }

  /** Whether writes are waiting for a command. */
  hasPending(): boolean {
    return this.pending.length > 0;
  }

  /**
   * Writes the pending files, and runs flush.sh with `args` (archive retention), without making the caller
   * wait: commands that come later on the same container (the next deployment's) wait for them.
   */
  flushInBackground(args: readonly string[], onError: (error: unknown) => void): void {
    if (!this.hasPending() && args.length === 0) return;
    const writes = writeGroups(this.pending);
    this.pending = [];
    this.trailing.add(this.containerId, async () => {
      const earlier = writes.slice(0, -1);
      for (const group of earlier) await this.exec('flush', [], {}, group).catch(onError);
      await this.exec('flush', args, {}, writes.at(-1) ?? {}).catch(onError);
    });
  }

  /** Runs one of the agent's scripts with arguments, writing the pending files first. */
  async run(script: AgentScript, args: readonly string[], options: AgentCommandOptions = {}): Promise<AgentCommandResult> {
    await this.trailing.settled(this.containerId);
    const groups = writeGroups(this.pending);
    this.pending = [];
    // Writes that do not fit in one command's environment go first, each group in a command of its own.
    for (const group of groups.slice(0, -1)) await this.exec('flush', [], {}, group);
    return this.exec(script, args, options, groups.at(-1) ?? {});
  }

  /** Runs a plain command (signalling processes) to its end; a failure is ignored, as `kill` of a gone process is. */
  async command(argv: readonly string[]): Promise<void> {
    try {
      const exec = await this.container.exec({ Cmd: [...argv], AttachStdout: true, AttachStderr: true, Tty: false });
      await drain(this.docker, await exec.start({ hijack: true, stdin: false }), () => undefined);
    } catch {
      // The command's effect is checked by its caller (the script it signals ends or not).
    }
  }

  /** Extracts a tar at the container's root (missing parent folders are created). */
  async putArchive(tar: Readable): Promise<void> {
    await this.trailing.settled(this.containerId);
    try {
      await this.container.putArchive(tar, { path: '/' });
    } catch (error) {
      throw this.explain(error);
    }
  }

  private async exec(script: AgentScript, args: readonly string[], options: AgentCommandOptions, writes: Record<string, string>): Promise<AgentCommandResult> {
    const env = { ...options.env, ...writes };
    let exec: Dockerode.Exec;
    let stream: NodeJS.ReadableStream;
    try {
      exec = await this.container.exec({
        Cmd: ['bash', '-c', scriptText(script), `codedeploy-agent-${script}`, ...args],
        Env: Object.entries(env).map(([k, v]) => `${k}=${v}`),
        AttachStdout: true,
        AttachStderr: true,
        Tty: false,
      });
      stream = await exec.start({ hijack: true, stdin: false });
    } catch (error) {
      throw this.explain(error);
    }
    const lines: string[] = [];
    const stderr = await drain(this.docker, stream, (line) => {
      lines.push(line);
      options.onLine?.(line);
    });
    return { lines, stderr };
  }

  private explain(error: unknown): Error {
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 404) return new AgentError(`The instance's container ${this.containerId} no longer exists; deregister and register the instance again.`, { cause: error });
    if (status === 409) return new AgentError(`The instance's container ${this.containerId} is not running: start it (docker start ${this.containerId}) or restart the emulator.`, { cause: error });
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** Splits pending writes into environment variables, grouped so that each group fits one command. */
function writeGroups(pending: readonly PendingWrite[]): Record<string, string>[] {
  const groups: Record<string, string>[] = [];
  let group: Record<string, string> = {};
  let index = 0;
  let size = 0;
  const add = (path: string, mode: string, data: string) => {
    if (size + data.length > WRITES_PER_COMMAND && index > 0) {
      groups.push(group);
      group = {};
      index = 0;
      size = 0;
    }
    Object.assign(group, { [`CPL_WRITE_${index}_PATH`]: path, [`CPL_WRITE_${index}_MODE`]: mode, [`CPL_WRITE_${index}_DATA`]: data });
    index++;
    size += data.length;
  };
  for (const write of pending) {
    // A long content is cut into chunks appended one after the other.
    for (let at = 0; at === 0 || at < write.content.length; at += WRITE_CHUNK) {
      add(write.path, at === 0 ? write.mode : 'append', write.content.slice(at, at + WRITE_CHUNK));
    }
  }
  if (index > 0) groups.push(group);
  return groups;
}

/** Reads an exec's multiplexed output to its end: stdout line by line, stderr as text. */
function drain(docker: Dockerode, stream: NodeJS.ReadableStream, onLine: (line: string) => void): Promise<string> {
  let partial = '';
  const decoder = new TextDecoder();
  const stdout = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      const parts = (partial + decoder.decode(chunk, { stream: true })).split('\n');
      partial = parts.pop() ?? '';
      parts.forEach(onLine);
      callback();
    },
  });
  const errors: Buffer[] = [];
  const stderr = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      errors.push(chunk);
      callback();
    },
  });
  docker.modem.demuxStream(stream, stdout, stderr);
  return new Promise((resolve, reject) => {
    const done = () => {
      if (partial !== '') onLine(partial);
      partial = '';
      resolve(Buffer.concat(errors).toString('utf8'));
    };
    stream.once('end', done);
    stream.once('close', done);
    stream.once('error', reject);
  });
}
