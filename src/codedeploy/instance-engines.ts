import type Dockerode from 'dockerode';
import { EnginePool, type EngineLease } from '../runner/index.js';
import type { Clock, Logger } from '../shared/index.js';
import type { InstanceContainerRef, Scope } from '../store/index.js';
import { createAgent } from './agent.js';
import { AgentSessions } from './agent-session.js';
import { engineUnreachableDiagnostics } from './engine-unreachable.js';
import { instanceUrl, type InstanceContainers } from './instance-containers.js';
import { LIFECYCLE_EVENTS, type DeployToInstance, type InstanceDeploymentOutcome, type InstanceDeploymentRequest } from './instance-deployment.js';

/** One Docker engine instances are placed on, as the wiring makes it. */
export interface InstanceEngineSpec {
  /** The engine's DOCKER_HOST-style address. */
  host: string;
  docker: Dockerode;
  containers: InstanceContainers;
}

/** An engine with what the emulator keeps for it: its containers, the agents in them, and the agent that deploys there. */
interface InstanceEngine extends InstanceEngineSpec {
  sessions: AgentSessions;
  agent: DeployToInstance;
}

/** What the instance engines need. */
export interface InstanceEnginesDeps {
  engines: readonly InstanceEngineSpec[];
  log: Logger;
  clock?: Clock;
  /** Whether a failed event names the engine (`--executor docker-host`); `local` reports Docker's error as before. */
  nameEngines: boolean;
  /** Whether an instance is registered: a labelled container of one that is not is a leftover, removed at start. */
  registered(scope: Scope, instanceName: string): boolean;
}

/** Where instances live, as the registry and the wiring use it: {@link InstanceEngines}, or the swarm's instances. */
export type InstanceHosting = Pick<InstanceEngines, 'scan' | 'create' | 'ensureRunning' | 'remove' | 'urlOf' | 'warm' | 'deploy' | 'close' | 'hostOf'>;

interface Placed {
  lease: EngineLease<InstanceEngine>;
  containerId: string;
}

const key = (scope: Scope, name: string) => `${scope.account}/${scope.region}/${name}`;

/**
 * The engines of the executor that instance containers live on (one for `local`). A new instance goes to the engine
 * with the fewest instances (an engine that cannot be reached last) and holds it until it is removed; every later
 * operation goes there. Which engine holds which instance is not stored: it is read from the containers' labels on
 * every engine at start, and on an engine that could not be reached then, when an instance is first needed.
 */
export class InstanceEngines {
  private readonly pool: EnginePool<InstanceEngine>;
  private readonly placed = new Map<string, Placed>();
  /** Engines whose containers were not listed yet (they could not be reached). */
  private readonly unscanned = new Set<string>();

  constructor(private readonly deps: InstanceEnginesDeps) {
    const engines = deps.engines.map((spec) => {
      const sessions = new AgentSessions({ docker: spec.docker, log: deps.log });
      const engine = { host: spec.host, failed: (error: unknown) => this.failedOn(spec.host, error) };
      return { ...spec, sessions, agent: createAgent({ docker: spec.docker, log: deps.log, clock: deps.clock, sessions, ...(deps.nameEngines ? { engine } : {}) }) };
    });
    this.pool = new EnginePool(engines.map((value) => ({ host: value.host, value })));
    for (const e of engines) this.unscanned.add(e.host);
  }

  /** How many instances each engine holds, by host. */
  running(): Record<string, number> {
    return this.pool.running();
  }

  /** The engine an instance's container is on, when known. */
  hostOf(scope: Scope, name: string): string | undefined {
    return this.placed.get(key(scope, name))?.lease.host;
  }

  /**
   * Lists the instance containers of every engine not listed yet: a registered instance's container holds its
   * engine; the others are leftovers (a deregistration whose engine could not be reached) and are removed.
   */
  async scan(): Promise<void> {
    const engines = this.pool.engines.filter((e) => this.unscanned.has(e.host)).map((e) => e.value);
    await Promise.all(engines.map((engine) => this.scanEngine(engine)));
  }

  private async scanEngine(engine: InstanceEngine): Promise<void> {
    let found;
    try {
      found = await engine.containers.listAll();
    } catch (error) {
      this.failedOn(engine.host, error);
      this.deps.log.warn({ err: error, dockerHost: engine.host }, `could not list the instance containers of the Docker engine ${engine.host}; its instances are looked for again when needed`);
      return;
    }
    this.unscanned.delete(engine.host);
    for (const c of found) {
      const at = key(c.scope, c.instanceName);
      const placed = this.placed.get(at);
      if (placed?.containerId === c.containerId) continue;
      if (!placed && this.deps.registered(c.scope, c.instanceName)) {
        this.placed.set(at, { lease: this.pool.lease(engine.host)!, containerId: c.containerId });
        continue;
      }
      this.deps.log.info({ instance: c.instanceName, container: c.containerName, dockerHost: engine.host }, `removing the container ${c.containerName} an earlier process left on ${engine.host}`);
      await engine.containers.remove(c.scope, c.instanceName, { id: c.containerId, name: c.containerName, hostPort: 0 }).catch((err: unknown) => this.deps.log.warn({ err, dockerHost: engine.host }, `could not remove the container ${c.containerName}`));
    }
  }

  /** The placement of an instance: known, or found by listing the engines that could not be listed before. */
  private async locate(scope: Scope, name: string): Promise<Placed | undefined> {
    if (!this.placed.has(key(scope, name)) && this.unscanned.size > 0) await this.scan();
    return this.placed.get(key(scope, name));
  }

  /**
   * Creates and starts an instance's container on the engine with the fewest instances; an engine that cannot be
   * reached is marked so and the next one is tried.
   */
  async create(scope: Scope, name: string, preferredPort?: number): Promise<InstanceContainerRef> {
    return this.placeNew(scope, name, (containers) => containers.create(scope, name, preferredPort));
  }

  private async placeNew(scope: Scope, name: string, make: (containers: InstanceContainers) => Promise<InstanceContainerRef>): Promise<InstanceContainerRef> {
    const tried = new Set<string>();
    for (;;) {
      const lease = this.pool.place();
      try {
        const ref = await make(lease.value.containers);
        lease.reached();
        this.placed.set(key(scope, name), { lease, containerId: ref.id });
        return ref;
      } catch (error) {
        lease.release();
        tried.add(lease.host);
        const why = lease.failed(error);
        if (why === undefined || this.pool.engines.every((e) => tried.has(e.host))) throw error;
        this.deps.log.warn({ instance: name, dockerHost: lease.host }, `could not reach the Docker engine ${lease.host} for instance ${name} (${why}); trying another engine`);
      }
    }
  }

  /**
   * Makes sure an instance's container runs on its engine (started, or recreated there when gone). An instance found
   * on no engine is created on the least busy one, unless an engine could not be listed: it may be there.
   */
  async ensureRunning(scope: Scope, name: string, known: InstanceContainerRef | undefined): Promise<InstanceContainerRef> {
    const placed = await this.locate(scope, name);
    if (placed) {
      try {
        const ref = await placed.lease.value.containers.ensureRunning(scope, name, known);
        placed.containerId = ref.id;
        placed.lease.reached();
        return ref;
      } catch (error) {
        placed.lease.failed(error);
        throw error;
      }
    }
    if (this.unscanned.size > 0) {
      // wording inferred
      throw new Error(`the container of instance ${name} is on none of the Docker engines that answered; it may be on ${[...this.unscanned].join(', ')}, which could not be reached`);
    }
    return this.placeNew(scope, name, (containers) => containers.ensureRunning(scope, name, known));
  }

  /**
   * Removes an instance's container from its engine, and gives the engine's slot back. When the engine cannot be
   * reached, the container is left there and removed at a later start. An instance on no known engine is looked for
   * on every engine that answers.
   */
  async remove(scope: Scope, name: string, known: InstanceContainerRef | undefined): Promise<void> {
    const placed = this.placed.get(key(scope, name));
    const engines = placed ? [placed.lease.value] : this.pool.engines.map((e) => e.value);
    this.placed.delete(key(scope, name));
    placed?.lease.release();
    await Promise.all(
      engines.map(async (engine) => {
        try {
          await engine.containers.remove(scope, name, placed ? known : undefined);
        } catch (error) {
          const why = this.failedOn(engine.host, error);
          if (why === undefined) throw error;
          if (placed) this.deps.log.warn({ instance: name, dockerHost: engine.host }, `could not reach the Docker engine ${engine.host} to remove the container of instance ${name} (${why}); it is removed when the emulator starts and reaches it`);
          else this.unscanned.add(engine.host);
        }
      }),
    );
  }

  /** The URL of an instance's Nginx: its engine's host for a `tcp://` engine, 127.0.0.1 otherwise. */
  urlOf(scope: Scope, name: string, hostPort: number): string {
    return this.placed.get(key(scope, name))?.lease.value.containers.urlOf(hostPort) ?? instanceUrl(hostPort);
  }

  /** Starts a container's agent ahead of its first deployment, on its engine. */
  warm(containerId: string): void {
    this.byContainer(containerId)?.lease.value.sessions.warm(containerId);
  }

  /** Deploys to an instance on its engine; an instance on no engine that answers fails its first event, naming them. */
  readonly deploy: DeployToInstance = async (request) => {
    let placed = this.byContainer(request.target.container);
    if (!placed && this.unscanned.size > 0) {
      await this.scan();
      placed = this.byContainer(request.target.container);
    }
    if (placed) return placed.lease.value.agent(request);
    // One engine (`local`): its agent tries, and reports Docker's own error, as before executors placed instances.
    if (this.pool.engines.length === 1) return this.pool.engines[0].value.agent(request);
    const hosts = [...this.unscanned].join(', ') || this.pool.engines.map((e) => e.host).join(', ');
    return failFirstEvent(request, engineUnreachableDiagnostics(hosts, request.target.instanceName, 'its container was not found on the engines that answered'), this.deps.clock?.now() ?? Date.now());
  };

  /** Stops the agents of every engine (the emulator is closing); the containers stay, as machines do. */
  async close(): Promise<void> {
    await Promise.all(this.pool.engines.map((e) => e.value.sessions.closeAll()));
  }

  private byContainer(containerId: string): Placed | undefined {
    for (const placed of this.placed.values()) if (placed.containerId === containerId) return placed;
    return undefined;
  }

  /** Marks an engine unreachable when the error says so; returns why, or undefined. */
  private failedOn(host: string, error: unknown): string | undefined {
    const lease = this.pool.lease(host);
    const why = lease?.failed(error);
    lease?.release();
    return why;
  }
}

/** The outcome of a deployment that could not start on its instance: the first event failed, the others skipped. */
export function failFirstEvent(request: InstanceDeploymentRequest, diagnostics: ReturnType<typeof engineUnreachableDiagnostics>, nowMs: number): InstanceDeploymentOutcome {
  const events = LIFECYCLE_EVENTS.map((name, i) =>
    i === 0 ? { lifecycleEventName: name, status: 'Failed' as const, startMs: nowMs, endMs: nowMs, diagnostics } : { lifecycleEventName: name, status: 'Skipped' as const, endMs: nowMs },
  );
  for (const event of events) request.onEvent({ ...event });
  return { status: 'Failed', events };
}
