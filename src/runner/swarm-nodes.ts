import type Dockerode from 'dockerode';
import { NODE_ENGINE_LABEL, ownSwarmNodeId, swarmNodes } from './swarm-jobs.js';

/** What the engines of a swarm's nodes are found from. */
export interface SwarmNodeEnginesDeps {
  /** The manager's address (`--swarm-host`), and its client. */
  managerHost: string;
  manager: Dockerode;
  /** A client for a node's engine address. */
  engineClient(host: string): Dockerode;
}

/** A swarm node's Docker engine: its address and a client. */
export interface SwarmNodeEngine {
  host: string;
  docker: Dockerode;
}

/**
 * The Docker engines of a swarm's nodes, for the emulator to exec into the tasks that run there: a node's label
 * `codepipeline-local.engine`, or the manager's own engine for the manager's node. One client per address.
 */
export class SwarmNodeEngines {
  private readonly engines = new Map<string, Dockerode>();
  private ownNode: Promise<string | undefined> | undefined;

  constructor(private readonly deps: SwarmNodeEnginesDeps) {}

  /** The engine of a swarm node: its label's address, or the manager's own; undefined when neither. */
  async engineOf(nodeId: string): Promise<SwarmNodeEngine | undefined> {
    const node = (await swarmNodes(this.deps.manager)).find((n) => n.id === nodeId);
    const address = node?.labels[NODE_ENGINE_LABEL];
    if (address !== undefined) {
      let docker = this.engines.get(address);
      if (docker === undefined) this.engines.set(address, (docker = this.deps.engineClient(address)));
      return { host: address, docker };
    }
    this.ownNode ??= ownSwarmNodeId(this.deps.manager).catch((err: unknown) => {
      this.ownNode = undefined;
      throw err;
    });
    return (await this.ownNode) === nodeId ? { host: this.deps.managerHost, docker: this.deps.manager } : undefined;
  }
}

/** Whether an error of the manager's API says its engine is no swarm manager (503: no `swarm init`, or a worker). */
export function isNotSwarmManager(error: unknown): boolean {
  return (error as { statusCode?: unknown } | undefined)?.statusCode === 503;
}
