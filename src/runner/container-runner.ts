import type Dockerode from 'dockerode';
import { ContainerHandle, createIdleContainer, createProjectContainer, exitCodeOf, removeContainerQuietly, toEnv, type ExecBasics, type IdleContainerOptions } from './container-basics.js';
import { inspectImage } from './images.js';
import { withProjectLabel, type Labels } from './labels.js';
import { collectOutput } from './output.js';

/** A command: an argv array run as is, or a string run by `sh -c`. */
export type Command = readonly string[] | string;

/** What a finished command left behind. */
export interface RunResult {
  /** The process's exit status (128 + signal number when it was killed). */
  exitCode: number;
  /** Everything written to standard output, decoded as UTF-8. */
  stdout: string;
  /** Everything written to standard error, decoded as UTF-8. */
  stderr: string;
}

/** Options for {@link ContainerRunner.run}. */
export interface RunOptions {
  /** Image to run; it must already be present locally (the runner never pulls). */
  image: string;
  /** Command to run in place of the image's CMD. */
  cmd: Command;
  /** Environment variables added to the image's. */
  env?: Readonly<Record<string, string>>;
  /** Extra labels; the project label is always added. */
  labels?: Labels;
  /** Working directory inside the container. */
  workingDir?: string;
}

/** Options for {@link ContainerRunner.startLongLived}. */
export type StartLongLivedOptions = IdleContainerOptions;

/** Options for {@link LongLivedContainer.exec}. */
export type ExecOptions = ExecBasics;

/** A started container that commands are exec'd into, as act runs a job's steps. */
export interface LongLivedContainer {
  /** Docker's id of the container. */
  readonly id: string;
  /** Docker's name of the container. */
  readonly name: string;
  /** Runs one command in the container and waits for it to finish. */
  exec(cmd: Command, opts?: ExecOptions): Promise<RunResult>;
  /** Kills and removes the container; removing one that is already gone is not an error. */
  remove(): Promise<void>;
}

/** A container that carries the project label, as listed by {@link ContainerRunner.listProjectContainers}. */
export interface ProjectContainer {
  /** Docker's id of the container. */
  id: string;
  /** Docker's name of the container, without the leading slash. */
  name: string;
  /** Image the container was created from. */
  image: string;
  /** Docker's state word: created, running, exited, … */
  state: string;
  /** All labels of the container. */
  labels: Record<string, string>;
}

/** Narrows the project's containers to those that also carry these labels (one run's, one test's). */
export interface ContainerScope {
  /** Labels a container must carry, in addition to the project label. */
  labels?: Labels;
}

/** Options for the {@link ContainerRunner} constructor. */
export interface ContainerRunnerOptions {
  /** Client of the Docker engine to use. */
  docker: Dockerode;
}

/** Runs commands in containers over Dockerode and knows nothing about pipelines. */
export class ContainerRunner {
  private readonly docker: Dockerode;

  constructor(options: ContainerRunnerOptions) {
    this.docker = options.docker;
  }

  /** Whether the Docker engine answers; never throws. */
  async ping(): Promise<boolean> {
    try {
      await this.docker.ping();
      return true;
    } catch {
      return false;
    }
  }

  /** Whether an image of this name or id is present locally. */
  async imageExists(name: string): Promise<boolean> {
    return (await inspectImage(this.docker, name)) !== undefined;
  }

  /** Runs one command in a new container, collects its output and removes the container. */
  async run(options: RunOptions): Promise<RunResult> {
    const container = await createProjectContainer(this.docker, {
      Image: options.image,
      Cmd: toArgv(options.cmd),
      Env: toEnv(options.env),
      Labels: options.labels,
      WorkingDir: options.workingDir,
      Tty: false,
    });
    try {
      // Attaching before start loses no early output and works whatever the daemon's log driver.
      const stream = await container.attach({ stream: true, stdout: true, stderr: true });
      const output = collectOutput(this.docker, stream);
      // Marked handled now so a failed start does not also surface as an unhandled rejection.
      output.catch(() => undefined);
      await container.start();
      const status = (await container.wait()) as { StatusCode: number };
      return { exitCode: status.StatusCode, ...(await output) };
    } finally {
      await removeContainerQuietly(container);
    }
  }

  /** Starts a container that idles until removed, for commands to be exec'd into it. */
  async startLongLived(options: StartLongLivedOptions): Promise<LongLivedContainer> {
    const { container, name } = await createIdleContainer(this.docker, options);
    try {
      await container.start();
    } catch (err) {
      await removeContainerQuietly(container);
      throw err;
    }
    return new RunningContainer(this.docker, container, name);
  }

  /** Lists every container, running or not, that carries the project label and all of `scope.labels`. */
  async listProjectContainers(scope: ContainerScope = {}): Promise<ProjectContainer[]> {
    const wanted = withProjectLabel(scope.labels);
    const filter = Object.entries(wanted).map(([key, value]) => `${key}=${value}`);
    const found = await this.docker.listContainers({ all: true, filters: { label: filter } });
    // Checked again here: a daemon that ignored the filter must never lead us to remove others' containers.
    return found
      .filter((c) => Object.entries(wanted).every(([key, value]) => c.Labels[key] === value))
      .map((c) => ({
        id: c.Id,
        name: (c.Names[0] ?? '').replace(/^\//, ''),
        image: c.Image,
        state: c.State,
        labels: c.Labels,
      }));
  }

  /** Kills and removes every container that {@link listProjectContainers} finds for `scope`, and returns how many. */
  async removeProjectContainers(scope: ContainerScope = {}): Promise<number> {
    const containers = await this.listProjectContainers(scope);
    await Promise.all(containers.map((c) => removeContainerQuietly(this.docker.getContainer(c.id))));
    return containers.length;
  }
}

/** The handle {@link ContainerRunner.startLongLived} returns. */
class RunningContainer extends ContainerHandle implements LongLivedContainer {
  async exec(cmd: Command, opts: ExecOptions = {}): Promise<RunResult> {
    const { exec, stream } = await this.startExec(toArgv(cmd), opts);
    const output = await collectOutput(this.docker, stream);
    return { exitCode: await exitCodeOf(exec), ...output };
  }

  async remove(): Promise<void> {
    await removeContainerQuietly(this.container);
  }
}

function toArgv(cmd: Command): string[] {
  return typeof cmd === 'string' ? ['sh', '-c', cmd] : [...cmd];
}
