import type Dockerode from 'dockerode';
import {
  createSwarmJob,
  isEngineUnreachable,
  isNotSwarmManager,
  PROJECT_LABEL_KEY,
  NODE_ENGINE_LABEL,
  onSwarmManager,
  runningSwarmTask,
  StreamingContainer,
  swarmNodes,
  SwarmTaskFailed,
  type ContainerRunner,
  type SwarmNode,
} from '../runner/index.js';
import { CACHE_MOUNT } from './build-cache.js';
import type { BuildContainers } from './build-containers.js';
import type { BuildAdmission, BuildEngine, BuildPlacement } from './build-engines.js';
import { BuildAborted, BuildSetupFailure } from './build-preparation.js';
import { buildContainerLimits, type BuildLimits } from './compute-limits.js';
import { engineUnreachableMessage } from './engine-failure.js';
import { ImageUnavailableError } from './images.js';
import { BUILD_LABELS } from './provisioning.js';
import { BUILD_OWNER_LABEL, buildContainerName } from './warm-containers.js';

/** The label on a build's swarm service and its task's container: the build's id. */
export const SWARM_BUILD_LABEL = `${PROJECT_LABEL_KEY}.codebuild-build-id`;

/** The node label a compute type is placed by, when some node carries it: `node.labels.codebuild.compute==BUILD_GENERAL1_SMALL`. */
export const COMPUTE_NODE_LABEL = 'codebuild.compute';

// Where a privileged build reaches the Docker engine of its node.
const DOCKER_SOCKET = '/var/run/docker.sock';

/** What a build placed on the swarm uses of the emulator's. */
export interface SwarmPlacementDeps {
  /** The manager's address, as given (`--swarm-host`). */
  managerHost: string;
  manager: Dockerode;
  runner: ContainerRunner;
  images: BuildEngine['images'];
  caches: BuildEngine['caches'];
  limits: BuildLimits;
  /** The value of BUILD_OWNER_LABEL on this emulator's services (its data folder). */
  owner: string;
  /** The engine of a swarm node: its label codepipeline-local.engine, or the manager's own; undefined when neither. */
  nodeEngine(nodeId: string): Promise<{ host: string; docker: Dockerode } | undefined>;
  /** Removes a build's service and its container, in the background; the executor's close waits for it. */
  removeService(serviceId: string): Promise<void>;
  /** The build has ended: the executor no longer counts the placement as its own. */
  released(): void;
}

/**
 * One build on the swarm: in QUEUED, {@link admit} makes its image present on the manager (the default image is built
 * there), creates its `replicated-job` service (the build image's idle command, the compute type's reservations and
 * limits, placement by node label) and waits for the task to run; then the lease is the node's engine, whose
 * container the build takes. Releasing it removes the service, which stops the task wherever it runs.
 */
export class SwarmPlacement implements BuildPlacement {
  private node: { host: string; docker: Dockerode } | undefined;
  private container: StreamingContainer | undefined;
  private serviceId: string | undefined;
  private name: string | undefined;
  private removal: Promise<void> | undefined;
  private readonly containers: BuildContainers;

  constructor(private readonly deps: SwarmPlacementDeps) {
    this.containers = {
      take: async () => {
        if (this.container === undefined) throw new Error('the swarm gave this build no container');
        return this.container;
      },
      release: () => this.release(),
    };
  }

  /** The name of the build's service, once made. */
  get serviceName(): string | undefined {
    return this.name;
  }

  /** The engine the build runs on: its node's once placed, the manager's before. */
  get host(): string {
    return this.node?.host ?? this.deps.managerHost;
  }

  get value(): BuildEngine {
    return { host: this.host, docker: this.node?.docker ?? this.deps.manager, runner: this.deps.runner, containers: this.containers, images: this.deps.images, caches: this.deps.caches };
  }

  failed(error: unknown): string | undefined {
    return isEngineUnreachable(error) ? (error as Error).message : undefined;
  }

  reached(): void {
    // The swarm knows which nodes are there; nothing is kept here.
  }

  /** Removes the build's service (and its container with it); calls after the first share it. */
  release(): void {
    this.deps.released();
    if (this.removal !== undefined || this.serviceId === undefined) return;
    this.removal = this.deps.removeService(this.serviceId);
  }

  async admit(admission: BuildAdmission): Promise<void> {
    const { build, signal } = admission;
    const image = await this.onManager(() => this.deps.images.prepare(build.environment.image, admission.say));
    if (signal.aborted) throw new BuildAborted();
    const limits = buildContainerLimits(build.environment.computeType, this.deps.limits);
    const nodes = await this.onManager(() => swarmNodes(this.deps.manager));
    const placedByLabel = nodes.some((n) => COMPUTE_NODE_LABEL in n.labels);
    this.name = buildContainerName(build.id);
    const name = this.name;
    this.serviceId = await this.onManager(() =>
      createSwarmJob(this.deps.manager, {
        name,
        image,
        labels: { [BUILD_OWNER_LABEL]: this.deps.owner, [SWARM_BUILD_LABEL]: build.id },
        limits,
        constraints: placedByLabel ? [`node.labels.${COMPUTE_NODE_LABEL}==${build.environment.computeType ?? 'BUILD_GENERAL1_SMALL'}`] : [],
        binds: build.environment.privilegedMode ? [`${DOCKER_SOCKET}:${DOCKER_SOCKET}`] : undefined,
        volumes: admission.cacheVolume === undefined ? undefined : [{ name: admission.cacheVolume, target: CACHE_MOUNT, labels: { [BUILD_LABELS.project]: build.projectName } }],
      }),
    );
    // A stop while the service was being made finds it here, and release() removes it.
    if (signal.aborted) throw new BuildAborted();
    let task;
    try {
      task = await runningSwarmTask(this.deps.manager, this.serviceId, { signal, onWaiting: admission.onWaiting, onAssigned: admission.onPlaced });
    } catch (error) {
      if (signal.aborted) throw new BuildAborted();
      if (error instanceof SwarmTaskFailed) throw taskFailure(error, nodes);
      throw this.managerFailure(error);
    }
    admission.onPlaced();
    const node = await this.nodeEngine(task.nodeId, nodes);
    try {
      const container = node.docker.getContainer(task.containerId);
      const info = await container.inspect();
      this.node = node;
      this.container = new StreamingContainer(node.docker, container, info.Name.replace(/^\//, ''));
    } catch (error) {
      const why = this.failed(error);
      if (why === undefined) throw error;
      throw new BuildSetupFailure('PROVISIONING', 'CLIENT_ERROR', engineUnreachableMessage(node.host, why), { cause: error });
    }
  }

  // The engine of the node the task runs on: its label's address, or the manager's own when the task runs there.
  private async nodeEngine(nodeId: string, nodes: SwarmNode[]): Promise<{ host: string; docker: Dockerode }> {
    const engine = await this.onManager(() => this.deps.nodeEngine(nodeId));
    if (engine !== undefined) return engine;
    const name = nodes.find((n) => n.id === nodeId)?.hostname ?? nodeId;
    throw new BuildSetupFailure(
      'PROVISIONING',
      'CLIENT_ERROR',
      // wording inferred
      `The Docker swarm placed the build on node ${name}, whose Docker engine codepipeline-local cannot reach: give the node the label ${NODE_ENGINE_LABEL}=tcp://HOST:PORT (docker node update --label-add ${NODE_ENGINE_LABEL}=tcp://HOST:PORT ${name})`,
    );
  }

  // A step on the manager: an image that cannot be had, or a manager that cannot be reached, fails PROVISIONING.
  private onManager<T>(step: () => Promise<T>): Promise<T> {
    return onSwarmManager(step, (error) => this.managerFailure(error));
  }

  private managerFailure(error: unknown): unknown {
    if (error instanceof BuildSetupFailure || error instanceof BuildAborted) return error;
    if (error instanceof ImageUnavailableError) return new BuildSetupFailure('PROVISIONING', 'BUILD_CONTAINER_UNABLE_TO_PULL_IMAGE', error.message, { cause: error });
    // 503: the engine is not a swarm manager (`docker swarm init` was not run there, or it is a worker).
    if (isNotSwarmManager(error)) {
      return new BuildSetupFailure('PROVISIONING', 'CLIENT_ERROR', `The Docker engine ${this.deps.managerHost} cannot run builds on a swarm: ${(error as Error).message.trim()}`, { cause: error }); // wording inferred
    }
    const why = this.failed(error);
    if (why === undefined) return error;
    return new BuildSetupFailure('PROVISIONING', 'CLIENT_ERROR', engineUnreachableMessage(this.deps.managerHost, why), { cause: error });
  }
}

// A task that ended before it ran: its image could not be had (AWS's code for that), or the swarm said why not.
function taskFailure(error: SwarmTaskFailed, nodes: SwarmNode[]): BuildSetupFailure {
  const node = nodes.find((n) => n.id === error.task.nodeId)?.hostname ?? error.task.nodeId ?? 'no node';
  const reason = error.message.trim();
  if (/no such image|pull access denied|manifest unknown|not found|failed to resolve reference|error pulling image|image .* could not be/i.test(reason)) {
    // wording inferred: CodeBuild's own prefix, then where and what the swarm said
    return new BuildSetupFailure('PROVISIONING', 'BUILD_CONTAINER_UNABLE_TO_PULL_IMAGE', `Unable to pull customer's container image. The Docker swarm's task on node ${node} was ${error.task.state}: ${reason}`, { cause: error });
  }
  return new BuildSetupFailure('PROVISIONING', 'CLIENT_ERROR', `The Docker swarm could not start the build on node ${node}: the task was ${error.task.state}: ${reason}`, { cause: error }); // wording inferred
}
