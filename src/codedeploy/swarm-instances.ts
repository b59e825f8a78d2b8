import type Dockerode from 'dockerode';
import {
  createSwarmReplica,
  isEngineUnreachable,
  isNotSwarmManager,
  NODE_ENGINE_LABEL,
  onSwarmManager,
  removeSwarmService,
  runningSwarmTask,
  swarmJobTask,
  swarmNodes,
  swarmNodeName,
  swarmServicesLabelled,
  SwarmTaskFailed,
  type ContainerLimits,
  type SwarmNodeEngine,
  type SwarmNodeEngines,
  type SwarmTask,
} from '../runner/index.js';
import type { Clock, Logger } from '../shared/index.js';
import type { InstanceContainerRef, Scope } from '../store/index.js';
import { createAgent } from './agent.js';
import { AgentSessions } from './agent-session.js';
import { engineUnreachableDiagnostics } from './engine-unreachable.js';
import { answersInside, hostnameOf, instanceContainerName, instanceLabels, instanceUrl, INSTALLATION_LABEL, KIND_LABEL, labelledInstance } from './instance-containers.js';
import type { DeployToInstance } from './instance-deployment.js';
import { failFirstEvent } from './instance-engines.js';
import type { InstanceImage } from './instance-image.js';

const NGINX_PORT = 80;
// How long a new instance's task has to run (ms): a task that waits for a node longer fails the registration.
const START_TIMEOUT_MS = 60_000;
// How long a started instance's Nginx may take to answer (ms), and how often it is asked.
const READY_TIMEOUT_MS = 20_000;
const READY_POLL_MS = 200;

/** What the swarm's instances need. */
export interface SwarmInstancesDeps {
  /** The manager's address (`--swarm-host`), and its client: the instance image is built there. */
  managerHost: string;
  manager: Dockerode;
  nodes: Pick<SwarmNodeEngines, 'engineOf'>;
  image: InstanceImage;
  /** Tells this data directory's services apart from another's on the same swarm. */
  installationId: string;
  limits: ContainerLimits;
  log: Logger;
  clock?: Clock;
  /** Whether an instance is registered: a labelled service of one that is not is a leftover, removed at start. */
  registered(scope: Scope, instanceName: string): boolean;
}

/** Where an instance's task runs: its service, its container, and its node's engine. */
interface Placed {
  serviceId: string;
  containerId: string;
  engine: SwarmNodeEngine;
}

const key = (scope: Scope, name: string) => `${scope.account}/${scope.region}/${name}`;

/**
 * The instances of `--executor swarm`: each is a replicated service of one task (the instance image, never restarted)
 * publishing Nginx on its node's port. The agent execs into the task's container on its node's engine. Which service
 * is an instance's is read from its labels, like the containers of the other executors.
 */
export class SwarmInstances {
  private readonly placed = new Map<string, Placed>();
  private readonly agents = new Map<string, { sessions: AgentSessions; agent: DeployToInstance }>();
  private scanned = false;

  constructor(private readonly deps: SwarmInstancesDeps) {}

  /** The engine of the node an instance's task runs on, when known. */
  hostOf(scope: Scope, name: string): string | undefined {
    return this.placed.get(key(scope, name))?.engine.host;
  }

  /** Lists this data directory's instance services: registered ones are placed, the others (leftovers) removed. */
  async scan(): Promise<void> {
    let found;
    try {
      found = await swarmServicesLabelled(this.deps.manager, { [KIND_LABEL]: 'instance', [INSTALLATION_LABEL]: this.deps.installationId });
    } catch (error) {
      this.deps.log.warn({ err: error, dockerHost: this.deps.managerHost }, `could not list the instance services of the Docker swarm managed by ${this.deps.managerHost}; they are looked for again when needed`);
      return;
    }
    this.scanned = true;
    for (const service of found) {
      const named = labelledInstance(service.labels);
      if (named && this.deps.registered(named.scope, named.instanceName)) {
        if (!this.placed.has(key(named.scope, named.instanceName))) await this.adopt(named.scope, named.instanceName, service.id).catch(() => undefined);
        continue;
      }
      this.deps.log.info({ service: service.name }, `removing the swarm service ${service.name} an earlier process left`);
      await this.removeService(service.id).catch((err: unknown) => this.deps.log.warn({ err }, `could not remove the swarm service ${service.name}`));
    }
  }

  /** Creates an instance's service, waits for its task to run and Nginx to answer in it, and returns its container. */
  async create(scope: Scope, name: string): Promise<InstanceContainerRef> {
    // The swarm is asked first: an engine that is no manager is told apart before an image is built on it.
    await this.onManager(() => swarmNodes(this.deps.manager));
    const image = await this.onManager(() => this.deps.image.ensure());
    const serviceName = instanceContainerName(this.deps.installationId, scope, name);
    const serviceId = await this.onManager(() =>
      createSwarmReplica(this.deps.manager, { name: serviceName, image, labels: instanceLabels(this.deps.installationId, scope, name), limits: this.deps.limits, hostname: hostnameOf(name), port: NGINX_PORT }),
    );
    try {
      return await this.untilRunning(scope, name, serviceId);
    } catch (error) {
      await this.removeService(serviceId).catch((err: unknown) => this.deps.log.warn({ err }, `could not remove the swarm service ${serviceName}`));
      throw error;
    }
  }

  /**
   * Makes sure an instance's task runs: waits for it when it is starting, and makes a new service (files deployed to
   * the old one are lost) when its service is gone or its task ended; the swarm never restarts it on its own.
   */
  async ensureRunning(scope: Scope, name: string, _known: InstanceContainerRef | undefined): Promise<InstanceContainerRef> {
    const [service] = await this.onManager(() => this.servicesOf(scope, name));
    const task = service && (await this.onManager(() => swarmJobTask(this.deps.manager, service.id)));
    if (service && !isEnded(task)) return this.untilRunning(scope, name, service.id);
    this.deps.log.warn({ instance: name }, `the swarm service of instance ${name} is ${service ? `there, but its task ended ${task?.state}` : 'gone'}; creating a new one (files deployed to it are lost)`);
    if (service) await this.onManager(() => this.removeService(service.id));
    return this.create(scope, name);
  }

  /** Removes an instance's service (and its task's container); a manager that cannot be reached leaves it for a later start. */
  async remove(scope: Scope, name: string, _known: InstanceContainerRef | undefined): Promise<void> {
    this.placed.delete(key(scope, name));
    try {
      for (const service of await this.servicesOf(scope, name)) await this.removeService(service.id);
    } catch (error) {
      if (!isEngineUnreachable(error)) throw this.managerFailure(error);
      this.scanned = false;
      this.deps.log.warn({ instance: name, dockerHost: this.deps.managerHost }, `could not reach the swarm manager ${this.deps.managerHost} to remove the service of instance ${name} (${(error as Error).message}); it is removed when the emulator starts and reaches it`);
    }
  }

  /** The URL of an instance's Nginx: the published port on its node's address (the manager's until it is known). */
  urlOf(scope: Scope, name: string, hostPort: number): string {
    return instanceUrl(hostPort, addressOf(this.placed.get(key(scope, name))?.engine.host ?? this.deps.managerHost));
  }

  /** Starts a container's agent ahead of its first deployment, on its node's engine. */
  warm(containerId: string): void {
    const placed = this.byContainer(containerId);
    if (placed) this.agentOn(placed.engine).sessions.warm(containerId);
  }

  /** Deploys to an instance on its node's engine; an instance whose service was not found fails its first event. */
  readonly deploy: DeployToInstance = async (request) => {
    let placed = this.byContainer(request.target.container);
    if (!placed && !this.scanned) {
      await this.scan();
      placed = this.byContainer(request.target.container);
    }
    if (placed) return this.agentOn(placed.engine).agent(request);
    const why = this.scanned ? 'its swarm service was not found' : 'the swarm manager could not be reached';
    return failFirstEvent(request, engineUnreachableDiagnostics(this.deps.managerHost, request.target.instanceName, why), this.deps.clock?.now() ?? Date.now());
  };

  /** Stops the agents (the emulator is closing); the services stay, as machines do. */
  async close(): Promise<void> {
    await Promise.all([...this.agents.values()].map((a) => a.sessions.closeAll()));
  }

  // Waits for an instance's task to run, finds its node's engine and published port, and waits for Nginx in it.
  private async untilRunning(scope: Scope, name: string, serviceId: string): Promise<InstanceContainerRef> {
    let waiting = '';
    let task;
    try {
      task = await runningSwarmTask(this.deps.manager, serviceId, { signal: AbortSignal.timeout(START_TIMEOUT_MS), onWaiting: (m) => (waiting = m), onAssigned: () => undefined });
    } catch (error) {
      if (error instanceof SwarmTaskFailed) throw new Error(`the Docker swarm could not start instance ${name} on node ${await this.nodeName(error.task)}: the task was ${error.task.state}: ${error.message.trim()}`, { cause: error }); // wording inferred
      if ((error as Error).name === 'TimeoutError') throw new Error(`the Docker swarm did not start instance ${name} within ${START_TIMEOUT_MS / 1000} s: ${waiting || 'its task is not running'}`, { cause: error }); // wording inferred
      throw this.managerFailure(error);
    }
    const placed = await this.place(scope, name, serviceId, task);
    const hostPort = task.published?.[NGINX_PORT];
    if (!hostPort) throw new Error(`the swarm task of instance ${name} publishes no port for Nginx`);
    await this.untilServing(name, placed);
    const info = await placed.engine.docker.getContainer(placed.containerId).inspect();
    return { id: placed.containerId, name: info.Name.replace(/^\//, ''), hostPort };
  }

  // A registered instance's running task found at start: placed without waiting for it.
  private async adopt(scope: Scope, name: string, serviceId: string): Promise<void> {
    const task = await swarmJobTask(this.deps.manager, serviceId);
    if (task?.state === 'running' && task.nodeId && task.containerId) await this.place(scope, name, serviceId, task as SwarmTask & { nodeId: string; containerId: string });
  }

  private async place(scope: Scope, name: string, serviceId: string, task: SwarmTask & { nodeId: string; containerId: string }): Promise<Placed> {
    const engine = await this.onManager(() => this.deps.nodes.engineOf(task.nodeId));
    if (engine === undefined) {
      const node = await this.nodeName(task);
      // wording inferred
      throw new Error(`the Docker swarm placed instance ${name} on node ${node}, whose Docker engine codepipeline-local cannot reach: give the node the label ${NODE_ENGINE_LABEL}=tcp://HOST:PORT (docker node update --label-add ${NODE_ENGINE_LABEL}=tcp://HOST:PORT ${node})`);
    }
    const placed = { serviceId, containerId: task.containerId, engine };
    this.placed.set(key(scope, name), placed);
    return placed;
  }

  // Nginx is awaited inside the container: this process may not reach the node's published ports.
  private async untilServing(name: string, placed: Placed): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (await answersInside(placed.engine.docker, placed.containerId)) return;
      await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
    }
    this.deps.log.warn({ instance: name }, `the Nginx of instance ${name} does not answer in its container`);
  }

  private servicesOf(scope: Scope, name: string) {
    return swarmServicesLabelled(this.deps.manager, instanceLabels(this.deps.installationId, scope, name));
  }

  private removeService(serviceId: string): Promise<void> {
    return removeSwarmService(this.deps.manager, serviceId, async (nodeId) => (await this.deps.nodes.engineOf(nodeId))?.docker);
  }

  private agentOn(engine: SwarmNodeEngine) {
    let agent = this.agents.get(engine.host);
    if (agent === undefined) {
      const sessions = new AgentSessions({ docker: engine.docker, log: this.deps.log });
      const failed = (error: unknown) => (isEngineUnreachable(error) ? (error as Error).message : undefined);
      agent = { sessions, agent: createAgent({ docker: engine.docker, log: this.deps.log, clock: this.deps.clock, sessions, engine: { host: engine.host, failed } }) };
      this.agents.set(engine.host, agent);
    }
    return agent;
  }

  private byContainer(containerId: string): Placed | undefined {
    for (const placed of this.placed.values()) if (placed.containerId === containerId) return placed;
    return undefined;
  }

  private nodeName(task: SwarmTask): Promise<string> {
    return swarmNodeName(this.deps.manager, task.nodeId);
  }

  // A step on the manager: one that cannot be reached, or is no swarm manager, fails with a message that says so.
  private onManager<T>(step: () => Promise<T>): Promise<T> {
    return onSwarmManager(step, (error) => this.managerFailure(error));
  }

  private managerFailure(error: unknown): unknown {
    const host = this.deps.managerHost;
    // wording inferred, as for builds (docs/executors.md, Faults)
    if (isNotSwarmManager(error)) return new Error(`the Docker engine ${host} cannot run instances on a swarm: ${(error as Error).message.trim()}`, { cause: error });
    if (isEngineUnreachable(error)) return new Error(`Unable to reach the Docker engine ${host}: ${(error as Error).message.trim()}`, { cause: error });
    return error;
  }
}

function isEnded(task: SwarmTask | undefined): boolean {
  return task !== undefined && ['complete', 'shutdown', 'failed', 'rejected', 'remove', 'orphaned'].includes(task.state);
}

// The address an engine's published ports are reached at: a tcp:// engine's host, 127.0.0.1 for a socket here.
function addressOf(host: string): string {
  return host.startsWith('unix://') || host.startsWith('/') ? '127.0.0.1' : new URL(host).hostname.replace(/^\[|\]$/g, '');
}
