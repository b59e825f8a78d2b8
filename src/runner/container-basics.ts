import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { Duplex } from 'node:stream';
import type Dockerode from 'dockerode';
import { limitsHostConfig, type ContainerLimits } from './container-limits.js';
import { withProjectLabel, type Labels } from './labels.js';

// Keeps a long-lived container alive doing nothing, as act does; tail exists in coreutils and busybox images alike.
const IDLE_ENTRYPOINT = ['tail', '-f', '/dev/null'];

/** How long (ms) to wait between two polls of the daemon for a state it has not recorded yet. */
export const EXIT_CODE_POLL_MS = 20;

// The exec's output stream can close a moment before the daemon records its exit code.
const EXIT_CODE_POLLS = 100;

/** What a long-lived container is created from, as both kinds of long-lived container take it. */
export interface IdleContainerOptions {
  /** Image to start; it must already be present locally. */
  image: string;
  /** Container name; a random `codepipeline-local-…` name when absent. */
  name?: string;
  /** Extra labels; the project label is always added. */
  labels?: Labels;
  /** Environment variables every exec inherits. */
  env?: Readonly<Record<string, string>>;
  /** Default working directory of every exec. */
  workingDir?: string;
  /** Memory, CPU and process limits of the container. */
  limits?: ContainerLimits;
}

/** Options of one exec, as both container handles take them. */
export interface ExecBasics {
  /** Environment variables added to the container's for this command only. */
  env?: Readonly<Record<string, string>>;
  /** Working directory for this command. */
  workingDir?: string;
  /** User (name or uid[:gid]) to run this command as. */
  user?: string;
}

/** The base of the handles on a started container: the engine, the container and its name. */
export abstract class ContainerHandle {
  /** Docker's name of the container. */
  readonly name: string;
  protected readonly docker: Dockerode;
  protected readonly container: Dockerode.Container;

  constructor(docker: Dockerode, container: Dockerode.Container, name: string) {
    this.docker = docker;
    this.container = container;
    this.name = name;
  }

  /** Docker's id of the container. */
  get id(): string {
    return this.container.id;
  }

  /**
   * Creates and starts an exec with its output attached (and its stdin, when `stdin`); returns the exec and its
   * multiplexed output stream, which also takes what is written to stdin.
   */
  protected async startExec(argv: readonly string[], opts: ExecBasics, stdin = false): Promise<{ exec: Dockerode.Exec; stream: Duplex }> {
    const exec = await this.container.exec({
      Cmd: [...argv],
      Env: toEnv(opts.env),
      WorkingDir: opts.workingDir,
      User: opts.user,
      AttachStdin: stdin,
      AttachStdout: true,
      AttachStderr: true,
      Tty: false,
    });
    const stream = await exec.start({ hijack: true, stdin });
    return { exec, stream };
  }
}

function randomContainerName(): string {
  return `codepipeline-local-${randomBytes(6).toString('hex')}`;
}

/** An environment as Docker's `KEY=value` list; undefined adds nothing to the image's. */
export function toEnv(env: Readonly<Record<string, string>> | undefined): string[] | undefined {
  return env === undefined ? undefined : Object.entries(env).map(([key, value]) => `${key}=${value}`);
}

/** Creates (without starting) a container that idles until removed, carrying the project label; returns it and its name. */
export async function createIdleContainer(
  docker: Dockerode,
  options: IdleContainerOptions,
  hostConfig?: Dockerode.HostConfig,
): Promise<{ container: Dockerode.Container; name: string }> {
  const name = options.name ?? randomContainerName();
  const container = await createProjectContainer(docker, {
    name,
    Image: options.image,
    // Overriding the entrypoint also drops the image's CMD, so nothing is appended to it (CodeBuild ignores both).
    Entrypoint: IDLE_ENTRYPOINT,
    Env: toEnv(options.env),
    Labels: options.labels,
    WorkingDir: options.workingDir,
    Tty: false,
    HostConfig: { ...hostConfig, ...limitsHostConfig(options.limits) },
  });
  return { container, name };
}

/** Creates a container carrying the project label; an image that is not present becomes an error saying so. */
export async function createProjectContainer(docker: Dockerode, options: Dockerode.ContainerCreateOptions): Promise<Dockerode.Container> {
  try {
    return await docker.createContainer({ ...options, Labels: withProjectLabel(options.Labels) });
  } catch (err) {
    if (isStatus(err, 404)) {
      throw new Error(`Docker image "${options.Image}" is not present locally; pull or build it first`, { cause: err });
    }
    throw err;
  }
}

/** The exit status of an exec whose output has ended, once the daemon has recorded it. */
export async function exitCodeOf(exec: Dockerode.Exec): Promise<number> {
  for (let poll = 0; poll < EXIT_CODE_POLLS; poll++) {
    const info = await exec.inspect();
    if (!info.Running && info.ExitCode !== null) return info.ExitCode;
    await delay(EXIT_CODE_POLL_MS);
  }
  throw new Error(`exec ${exec.id} finished its output but reported no exit code`);
}

/** Kills and removes a container with its anonymous volumes; one already gone, or already being removed, is not an error. */
export async function removeContainerQuietly(container: Dockerode.Container): Promise<void> {
  try {
    await container.remove({ force: true, v: true });
  } catch (err) {
    // 404: already gone; 409: a removal is already under way. Either way it will not be there.
    if (!isStatus(err, 404) && !isStatus(err, 409)) throw err;
  }
}

/** Whether an error from the Docker engine carries this HTTP status. */
export function isStatus(err: unknown, status: number): boolean {
  return typeof err === 'object' && err !== null && (err as { statusCode?: unknown }).statusCode === status;
}
