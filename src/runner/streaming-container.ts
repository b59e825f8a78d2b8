import { setTimeout as delay } from 'node:timers/promises';
import { Writable, type Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { ContainerHandle, EXIT_CODE_POLL_MS, createIdleContainer, exitCodeOf, isStatus, type ExecBasics, type IdleContainerOptions } from './container-basics.js';

/** Options for {@link startStreamingContainer}. */
export interface StreamingContainerOptions extends IdleContainerOptions {
  /** Host paths bound into the container, as Docker's `Binds` (`/host:/container[:ro]`). */
  binds?: string[];
  /** Named Docker volumes mounted into the container. */
  volumes?: { name: string; target: string }[];
}

/** Options for {@link StreamingContainer.exec}. */
export interface StreamExecOptions extends ExecBasics {
  /** Receives standard output as it arrives. */
  onStdout?(chunk: Buffer): void;
  /** Receives standard error as it arrives. */
  onStderr?(chunk: Buffer): void;
}

/** A process started with {@link StreamingContainer.open}: its stdin to write to, and the end of its output. */
export interface OpenExec {
  /** Writes to the process's stdin. */
  write(data: Buffer | string): void;
  /** Closes the process's stdin and lets go of its output. */
  close(): void;
  /**
   * Resolves when its output ends (the process exited, or the container stopped or was removed), with the process's
   * exit status when Docker knows it (not when the container is gone).
   */
  readonly ended: Promise<number | undefined>;
}

/** What `docker cp` knows about a path in a container (Docker's X-Docker-Container-Path-Stat). */
export interface ContainerPathStat {
  name: string;
  size: number;
  /** Go's os.FileMode bits: the permission bits, plus 1<<31 for a directory and 1<<27 for a symlink. */
  mode: number;
  /** The absolute path a symlink resolves to; empty for other files. */
  linkTarget: string;
}

// While a command runs its process is polled, at first often (most commands are short), then once a second.
const RUNNING_POLL_FIRST_MS = 25;
const RUNNING_POLL_MAX_MS = 1_000;
// Output written just before the process exited still arrives within this time.
const OUTPUT_GRACE_MS = 100;
// How long (in polls of EXIT_CODE_POLL_MS) a removal someone else started is waited for: 10 s.
const REMOVAL_POLLS = 500;

/** A started container whose exec output streams as it is written, with copy in and out: a build's container. */
export class StreamingContainer extends ContainerHandle {
  private removal: Promise<void> | undefined;

  /** Runs one argv in the container, streams its output, and resolves with its exit status. */
  async exec(argv: readonly string[], opts: StreamExecOptions = {}): Promise<number> {
    const { exec, stream } = await this.startExec(argv, opts);
    const ended = new Promise<void>((resolve, reject) => {
      this.docker.modem.demuxStream(stream, sink(opts.onStdout), sink(opts.onStderr));
      stream.once('end', () => resolve());
      stream.once('close', () => resolve());
      stream.once('error', reject);
    });
    // A background process (`dockerd &`) keeps the output open after the command exits; Docker would hold the
    // stream for two more seconds, so the command counts as done shortly after its process is.
    const watch = { done: false };
    const exited = waitForExit(exec, watch).then(() => delay(OUTPUT_GRACE_MS));
    exited.catch(() => undefined);
    try {
      await Promise.race([ended, exited]);
    } finally {
      watch.done = true;
    }
    (stream as { destroy?: () => void }).destroy?.();
    return exitCodeOf(exec);
  }

  /**
   * Starts one long-lived argv with its stdin attached (an agent that takes requests), its output streaming through
   * the callbacks; one exec serves many requests.
   */
  async open(argv: readonly string[], opts: StreamExecOptions = {}): Promise<OpenExec> {
    const { exec, stream } = await this.startExec(argv, opts, true);
    const outputEnded = new Promise<void>((resolve) => {
      this.docker.modem.demuxStream(stream, sink(opts.onStdout), sink(opts.onStderr));
      stream.once('end', () => resolve());
      stream.once('close', () => resolve());
      // An error ends the stream as surely as its end: whoever waits on the process learns it is gone.
      stream.on('error', () => resolve());
    });
    const ended = outputEnded.then(() => exitCodeOf(exec).catch(() => undefined));
    return {
      write: (data) => {
        if (!stream.destroyed) stream.write(data);
      },
      close: () => stream.destroy(),
      ended,
    };
  }

  /** The bytes the container has written to its own filesystem (Docker's SizeRw): what it adds to the host's disk. */
  async writtenBytes(): Promise<number> {
    const info = (await this.container.inspect({ size: true } as Dockerode.ContainerInspectOptions)) as { SizeRw?: number };
    return info.SizeRw ?? 0;
  }

  /** How many processes (and threads) the container holds now, as Docker's stats count them. */
  async processCount(): Promise<number> {
    // one-shot: the engine answers at once instead of sampling twice a second apart.
    const stats = (await this.container.stats({ stream: false, 'one-shot': true } as { stream: false })) as { pids_stats?: { current?: number } };
    return stats.pids_stats?.current ?? 0;
  }

  /**
   * How many times the kernel's OOM killer has killed a process of the container. Read from the container's memory
   * cgroup (v2 `memory.events`, v1 `memory.oom_control`), since Docker records OOMKilled only when PID 1 dies.
   */
  async outOfMemoryKills(): Promise<number> {
    const files = ['/sys/fs/cgroup/memory.events', '/sys/fs/cgroup/memory/memory.oom_control'];
    let text = '';
    await this.exec(['cat', ...files], { onStdout: (chunk) => (text += chunk.toString('utf8')) });
    const kills = [...text.matchAll(/^oom_kill (\d+)$/gm)].map((m) => Number(m[1]));
    const { State } = await this.container.inspect();
    return Math.max(0, ...kills, State.OOMKilled ? 1 : 0);
  }

  /** Extracts a tar stream into a directory of the container (missing parent folders are created). */
  async putArchive(tar: Readable, path: string): Promise<void> {
    await this.container.putArchive(tar, { path });
  }

  /** Streams a tar of a path in the container; entries are named from the path's last segment down. */
  async getArchive(path: string): Promise<Readable> {
    return (await this.container.getArchive({ path })) as unknown as Readable;
  }

  /** Describes a path in the container, or `undefined` when it does not exist. */
  async statPath(path: string): Promise<ContainerPathStat | undefined> {
    try {
      const response = (await this.container.infoArchive({ path })) as {
        headers?: Record<string, string>;
        resume?: () => void;
      };
      // A HEAD answer has no body, but the socket is only released once the response is consumed.
      response.resume?.();
      const header = response.headers?.['x-docker-container-path-stat'];
      if (header === undefined) return undefined;
      return JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as ContainerPathStat;
    } catch (err) {
      if (isStatus(err, 404)) return undefined;
      throw err;
    }
  }

  /**
   * Kills and removes the container and its anonymous volumes; removing one already gone is not an error.
   * Concurrent calls share one removal, and each resolves only once the container is gone.
   */
  remove(): Promise<void> {
    this.removal ??= this.removeNow();
    return this.removal;
  }

  private async removeNow(): Promise<void> {
    try {
      await this.container.remove({ force: true, v: true });
    } catch (err) {
      // 404: already gone. 409: a removal is already under way (the engine's own), so wait for it to finish.
      if (isStatus(err, 404)) return;
      if (!isStatus(err, 409)) throw err;
      for (let poll = 0; poll < REMOVAL_POLLS; poll++) {
        try {
          await this.container.inspect();
        } catch (inspectErr) {
          if (isStatus(inspectErr, 404)) return;
          throw inspectErr;
        }
        await delay(EXIT_CODE_POLL_MS);
      }
      throw new Error(`container ${this.name} is still being removed`, { cause: err });
    }
  }
}

/** Creates and starts a container that idles until removed, carrying the project label. */
export async function startStreamingContainer(
  docker: Dockerode,
  options: StreamingContainerOptions,
): Promise<StreamingContainer> {
  const { container, name } = await createIdleContainer(docker, options, {
    // An init as PID 1 reaps the orphans that background commands (`dockerd &`) leave behind.
    Init: true,
    Binds: options.binds,
    Mounts: options.volumes?.map((v) => ({ Type: 'volume' as const, Source: v.name, Target: v.target })),
  });
  const handle = new StreamingContainer(docker, container, name);
  try {
    await container.start();
  } catch (err) {
    await handle.remove();
    throw err;
  }
  return handle;
}

function sink(onChunk: ((chunk: Buffer) => void) | undefined): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      onChunk?.(chunk);
      callback();
    },
  });
}

async function waitForExit(exec: Dockerode.Exec, watch: { done: boolean }): Promise<void> {
  let pause = RUNNING_POLL_FIRST_MS;
  while (!watch.done) {
    await delay(pause);
    if (watch.done) return;
    const info = await exec.inspect();
    if (!info.Running) return;
    pause = Math.min(pause * 2, RUNNING_POLL_MAX_MS);
  }
}
