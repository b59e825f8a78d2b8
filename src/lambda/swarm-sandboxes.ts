import { randomUUID } from 'node:crypto';
import type Dockerode from 'dockerode';
import { createSwarmJob, isNotSwarmManager, NODE_ENGINE_LABEL, removeSwarmService, runningSwarmTask, swarmNodeName, swarmServicesLabelled, SwarmTaskFailed, type SwarmNodeEngines } from '../runner/index.js';
import type { Logger } from '../shared/index.js';
import { Sandbox, type SandboxSpec } from './sandbox.js';
import type { SandboxReach } from './sandbox-reach.js';

// How long a sandbox's task has to run (ms): one that waits for a node longer fails the invocation.
const START_TIMEOUT_MS = 60_000;

/** What a swarm's sandboxes need. */
export interface SwarmSandboxesDeps {
  /** The manager's address (`--swarm-host`) and its client. */
  managerHost: string;
  manager: Dockerode;
  nodes: Pick<SwarmNodeEngines, 'engineOf'>;
  log: Logger;
}

/**
 * The function sandboxes of `--executor swarm`: each is a `replicated-job` service of the Lambda image running the idle
 * command; once its task runs, the bootstrap is `docker exec`'d into the task's container on its node's engine.
 */
export class SwarmSandboxes {
  constructor(private readonly deps: SwarmSandboxesDeps) {}

  /** Creates a sandbox's service, waits for its task to run, and starts the bootstrap in it; a start that fails removes the service. */
  async start(spec: SandboxSpec, reach: SandboxReach): Promise<Sandbox> {
    const { manager } = this.deps;
    const memoryBytes = spec.memoryMb * 1024 * 1024;
    let serviceId: string;
    try {
      serviceId = await createSwarmJob(manager, { name: `codepipeline-local-lambda-${randomUUID()}`, image: spec.image, labels: spec.labels, limits: { memoryBytes } });
    } catch (error) {
      // 503: the engine is not a swarm manager (no `docker swarm init` there, or a worker). wording inferred
      if (isNotSwarmManager(error)) throw new Error(`The Docker engine ${this.deps.managerHost} cannot run functions on a swarm: ${(error as Error).message.trim()}`, { cause: error });
      throw error;
    }
    const remove = () => removeSwarmService(manager, serviceId, async (nodeId) => (await this.deps.nodes.engineOf(nodeId).catch(() => undefined))?.docker);
    try {
      const task = await this.running(serviceId);
      const engine = await this.deps.nodes.engineOf(task.nodeId);
      if (engine === undefined) {
        const node = await this.nodeName(task.nodeId);
        // wording inferred
        throw new Error(`The Docker swarm placed the function's sandbox on node ${node}, whose Docker engine codepipeline-local cannot reach: give the node the label ${NODE_ENGINE_LABEL}=tcp://HOST:PORT (docker node update --label-add ${NODE_ENGINE_LABEL}=tcp://HOST:PORT ${node})`);
      }
      return await Sandbox.startIn(engine.docker, task.containerId, spec, reach, remove);
    } catch (error) {
      await remove().catch((err: unknown) => this.deps.log.warn({ err, service: serviceId }, 'could not remove the swarm service of a function sandbox that did not start'));
      throw error;
    }
  }

  /** Removes the sandbox services carrying `labels` but those `keep` spares; what cannot be reached is logged and left for a later start. */
  async sweep(labels: Record<string, string>, keep: (labels: Record<string, string>) => boolean): Promise<void> {
    try {
      const stale = (await swarmServicesLabelled(this.deps.manager, labels)).filter((s) => !keep(s.labels));
      await Promise.all(stale.map((s) => removeSwarmService(this.deps.manager, s.id, async (nodeId) => (await this.deps.nodes.engineOf(nodeId).catch(() => undefined))?.docker)));
    } catch (error) {
      this.deps.log.warn({ err: error, swarmHost: this.deps.managerHost }, `could not remove the function sandboxes' services on the Docker swarm managed by ${this.deps.managerHost}; a later start removes them`);
    }
  }

  // The task once it runs; one that ends first, or waits longer than START_TIMEOUT_MS, fails with the swarm's reason.
  private async running(serviceId: string) {
    let waiting = '';
    try {
      return await runningSwarmTask(this.deps.manager, serviceId, { signal: AbortSignal.timeout(START_TIMEOUT_MS), onWaiting: (m) => (waiting = m), onAssigned: () => undefined });
    } catch (error) {
      // wordings inferred: where, and what the swarm said
      if (error instanceof SwarmTaskFailed) {
        throw new Error(`The Docker swarm could not start the function's sandbox on node ${await this.nodeName(error.task.nodeId)}: the task was ${error.task.state}: ${error.message.trim()}. The next invocation tries again`, { cause: error });
      }
      if ((error as Error).name === 'TimeoutError') throw new Error(`The Docker swarm did not start the function's sandbox within ${START_TIMEOUT_MS / 1000} s: ${waiting || 'its task is not running'}`, { cause: error });
      throw error;
    }
  }

  private nodeName(nodeId: string | undefined): Promise<string> {
    return swarmNodeName(this.deps.manager, nodeId);
  }
}
