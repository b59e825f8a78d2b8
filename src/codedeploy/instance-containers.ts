import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { finished } from 'node:stream/promises';
import type Dockerode from 'dockerode';
import { ContainerRunner, createProjectContainer, limitsHostConfig, removeContainerQuietly, type ContainerLimits } from '../runner/index.js';
import type { Logger } from '../shared/index.js';
import type { InstanceContainerRef, Scope } from '../store/index.js';
import type { InstanceImage } from './instance-image.js';

/** Label naming what a project container is; instance containers carry `instance`. */
export const KIND_LABEL = 'codepipeline-local.kind';
/** Label holding the instance name of an instance container. */
export const INSTANCE_NAME_LABEL = 'codepipeline-local.instance-name';
/** Label holding `<account>/<region>` of an instance container. */
export const INSTANCE_SCOPE_LABEL = 'codepipeline-local.instance-scope';
/** Label holding the id of the data directory whose emulator made the container. */
export const INSTALLATION_LABEL = 'codepipeline-local.installation';

const CONTAINER_PORT = '80/tcp';
const PORT_ATTEMPTS = 5;
const READY_TIMEOUT_MS = 20_000; // how long a started instance's Nginx may take to answer
const READY_POLL_MS = 50;

/** The URL of an instance's Nginx from this machine: on 127.0.0.1, or on `host` for an instance on another machine's engine. */
export function instanceUrl(hostPort: number, host = '127.0.0.1'): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${hostPort}/`;
}

/** What the instance containers need. */
export interface InstanceContainersDeps {
  docker: Dockerode;
  image: InstanceImage;
  /** Tells this data directory's containers apart from another's on the same Docker engine. */
  installationId: string;
  /** What each instance container may use: hook scripts run as root in it, so it gets modest limits. */
  limits: ContainerLimits;
  log: Logger;
  /**
   * The host of a `tcp://` engine: Nginx is then published on every address of that machine, on a port its engine
   * picks, and its URL names that host. Undefined for an engine on this machine: published on 127.0.0.1.
   */
  publishHost?: string;
  /**
   * Whether Nginx is awaited from inside the container (`curl` on its port 80) rather than at its URL: for the engines
   * of `--executor docker-host`, whose published ports this process may not reach (another machine, or namespace).
   */
  readyInside?: boolean;
}

/** One instance container of this data directory, as its labels name it. */
export interface LabelledInstance {
  scope: Scope;
  instanceName: string;
  containerId: string;
  containerName: string;
}

/** Creates, finds again, starts and removes the long-lived Nginx containers that stand in for instances. */
export class InstanceContainers {
  private readonly runner: ContainerRunner;

  constructor(private readonly deps: InstanceContainersDeps) {
    this.runner = new ContainerRunner({ docker: deps.docker });
  }

  /** Creates and starts an instance's container, publishing Nginx on a free loopback port (`preferredPort` when free). */
  async create(scope: Scope, name: string, preferredPort?: number): Promise<InstanceContainerRef> {
    const image = await this.deps.image.ensure();
    const containerName = this.containerName(scope, name);
    const remote = this.deps.publishHost !== undefined;
    for (let attempt = 1; ; attempt++) {
      // A remote engine's free ports are its own to know: it picks one (HostPort ''), read back once started.
      const hostPort = attempt === 1 && preferredPort !== undefined ? preferredPort : remote ? 0 : await freeLoopbackPort();
      const container = await createProjectContainer(this.deps.docker, {
        name: containerName,
        Image: image,
        Hostname: hostnameOf(name),
        Labels: this.labels(scope, name),
        ExposedPorts: { [CONTAINER_PORT]: {} },
        HostConfig: {
          // Docker's init is PID 1: it reaps what hook scripts leave running in the background.
          Init: true,
          PortBindings: { [CONTAINER_PORT]: [{ HostIp: remote ? '' : '127.0.0.1', HostPort: hostPort === 0 ? '' : String(hostPort) }] },
          ...limitsHostConfig(this.deps.limits),
        },
      });
      try {
        await container.start();
        const published = hostPort === 0 ? publishedPort(await container.inspect()) : hostPort;
        await this.untilServing(name, container.id, published);
        return { id: container.id, name: containerName, hostPort: published };
      } catch (error) {
        await removeContainerQuietly(container);
        // Another program may take the port between our probe and Docker's bind: try another one.
        if (attempt >= PORT_ATTEMPTS || !isPortConflict(error)) throw error;
      }
    }
  }

  /**
   * Makes sure an instance's container runs: starts it when stopped, recreates it when it is gone.
   * Returns the container, which differs from `known` only when it had to be recreated.
   */
  async ensureRunning(scope: Scope, name: string, known: InstanceContainerRef | undefined): Promise<InstanceContainerRef> {
    const found = await this.find(scope, name);
    if (!found) {
      this.deps.log.warn({ instance: name }, `the container of instance ${name} is gone; creating a new one (files deployed to it are lost)`);
      return this.create(scope, name, known?.hostPort);
    }
    if (found.state !== 'running') {
      this.deps.log.info({ instance: name, container: found.ref.name }, `starting the container of instance ${name}`);
      const container = this.deps.docker.getContainer(found.ref.id);
      await container.start();
      // A port the engine picked may be another one after a start.
      const ref = { ...found.ref, hostPort: publishedPort(await container.inspect()) || found.ref.hostPort };
      await this.untilServing(name, ref.id, ref.hostPort);
      return ref;
    }
    return found.ref;
  }

  /** Finds an instance's container by its labels, running or not. */
  async find(scope: Scope, name: string): Promise<{ ref: InstanceContainerRef; state: string } | undefined> {
    const [found] = await this.runner.listProjectContainers({ labels: this.labels(scope, name) });
    if (!found) return undefined;
    const info = await this.deps.docker.getContainer(found.id).inspect();
    const binding = info.HostConfig.PortBindings?.[CONTAINER_PORT]?.[0]?.HostPort;
    return { ref: { id: found.id, name: info.Name.replace(/^\//, ''), hostPort: publishedPort(info) || Number(binding) }, state: found.state };
  }

  /** Every instance container of this data directory on this engine, running or not. */
  async listAll(): Promise<LabelledInstance[]> {
    const found = await this.runner.listProjectContainers({ labels: { [KIND_LABEL]: 'instance', [INSTALLATION_LABEL]: this.deps.installationId } });
    return found.flatMap((c) => {
      const named = labelledInstance(c.labels);
      return named ? [{ ...named, containerId: c.id, containerName: c.name }] : [];
    });
  }

  /** The URL of an instance's Nginx published on `hostPort` of this engine. */
  urlOf(hostPort: number): string {
    return instanceUrl(hostPort, this.deps.publishHost);
  }

  /** Removes an instance's container (found by id or by labels); one already gone is not an error. */
  async remove(scope: Scope, name: string, known: InstanceContainerRef | undefined): Promise<void> {
    const id = known?.id ?? (await this.find(scope, name))?.ref.id;
    if (id) await removeContainerQuietly(this.deps.docker.getContainer(id));
  }

  /**
   * Waits until the instance's Nginx answers on its port, so a URL handed out right after a start works
   * (Docker's proxy accepts, then resets, connections until Nginx listens). An instance that stays silent is
   * logged, not refused: a hook may have stopped its Nginx on purpose.
   */
  private async untilServing(name: string, containerId: string, hostPort: number): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    const url = this.urlOf(hostPort);
    while (Date.now() < deadline) {
      if (this.deps.readyInside ? await answersInside(this.deps.docker, containerId) : await answers(url)) return;
      await new Promise((resolve) => setTimeout(resolve, this.deps.readyInside ? READY_POLL_MS * 4 : READY_POLL_MS));
    }
    this.deps.log.warn({ instance: name, url }, `the Nginx of instance ${name} does not answer ${this.deps.readyInside ? 'in its container' : `at ${url}`}`);
  }

  /** A readable, Docker-safe container name that is unique per data directory, account, region and instance. */
  containerName(scope: Scope, name: string): string {
    return instanceContainerName(this.deps.installationId, scope, name);
  }

  private labels(scope: Scope, name: string): Record<string, string> {
    return instanceLabels(this.deps.installationId, scope, name);
  }
}

/** A readable, Docker-safe name (of a container, or a swarm service) unique per data directory, account, region and instance. */
export function instanceContainerName(installationId: string, scope: Scope, name: string): string {
  const digest = createHash('sha256').update(`${installationId}/${scope.account}/${scope.region}/${name}`).digest('hex').slice(0, 8);
  return `codepipeline-local-instance-${name.replace(/[^A-Za-z0-9_.-]/g, '-')}-${digest}`;
}

/** The labels of an instance's container (and swarm service): what it is, which instance, which data directory. */
export function instanceLabels(installationId: string, scope: Scope, name: string): Record<string, string> {
  return {
    [KIND_LABEL]: 'instance',
    [INSTANCE_NAME_LABEL]: name,
    [INSTANCE_SCOPE_LABEL]: `${scope.account}/${scope.region}`,
    [INSTALLATION_LABEL]: installationId,
  };
}

/** The instance that labels name, or undefined when they name none. */
export function labelledInstance(labels: Record<string, string>): { scope: Scope; instanceName: string } | undefined {
  const [account, region] = (labels[INSTANCE_SCOPE_LABEL] ?? '').split('/');
  const instanceName = labels[INSTANCE_NAME_LABEL];
  return account && region && instanceName ? { scope: { account, region }, instanceName } : undefined;
}

/** Whether Nginx answers on port 80 inside an instance's container (curl, which the instance image has). */
export async function answersInside(docker: Dockerode, containerId: string): Promise<boolean> {
  try {
    // Without -f, curl exits 0 on any HTTP answer: Nginx listens.
    const exec = await docker.getContainer(containerId).exec({ Cmd: ['curl', '-s', '-o', '/dev/null', '--max-time', '1', 'http://127.0.0.1/'], AttachStdout: true, AttachStderr: true });
    const stream = await exec.start({});
    stream.resume();
    await finished(stream);
    return (await exec.inspect()).ExitCode === 0;
  } catch {
    return false;
  }
}

/** A host name Docker accepts, from an instance name. */
export function hostnameOf(name: string): string {
  return name.replace(/[^A-Za-z0-9-]/g, '-').replace(/^-+/, '').slice(0, 63) || 'instance';
}

/** Asks the kernel for a free port on 127.0.0.1. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000), headers: { connection: 'close' } });
    await response.body?.cancel();
    return true;
  } catch {
    return false;
  }
}

/** The port the engine published port 80 on (0 when it publishes none, e.g. the container is stopped). */
function publishedPort(info: Dockerode.ContainerInspectInfo): number {
  return Number(info.NetworkSettings?.Ports?.[CONTAINER_PORT]?.[0]?.HostPort ?? 0) || 0;
}

function isPortConflict(error: unknown): boolean {
  return /port is already allocated|address already in use/i.test(String((error as Error)?.message ?? error));
}
