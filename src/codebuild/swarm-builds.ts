import type Dockerode from 'dockerode';
import { isNotSwarmManager, removeSwarmService, SwarmNodeEngines, swarmServicesLabelled, type ContainerRunner, type SwarmNodeEngine } from '../runner/index.js';
import type { Logger } from '../shared/index.js';
import type { Scope } from '../store/index.js';
import type { BuildExecutor, BuildPlacement } from './build-engines.js';
import type { BuildLimits } from './compute-limits.js';
import type { BuildImages } from './images.js';
import type { CacheReset, ProjectCaches } from './project-cache.js';
import { SwarmPlacement } from './swarm-placement.js';
import { BUILD_OWNER_LABEL, buildContainerName } from './warm-containers.js';

/** What {@link SwarmBuilds} needs. */
export interface SwarmBuildsDeps {
  /** The manager's address (`--swarm-host`), and its client. */
  managerHost: string;
  manager: Dockerode;
  runner: ContainerRunner;
  /** The manager's images: the default build image is built there; other images are the nodes' to pull. */
  images: BuildImages;
  caches: ProjectCaches;
  limits: BuildLimits;
  /** The value of BUILD_OWNER_LABEL on this emulator's services (its data folder). */
  owner: string;
  /** A client for a node's engine address. */
  engineClient(host: string): Dockerode;
  log: Logger;
}

/**
 * The `swarm` executor: each build is a `replicated-job` service on the swarm whose manager is `--swarm-host`; the
 * swarm decides where it runs, and the build waits in QUEUED while no node has room. Services carry this data
 * folder's label: those an earlier process left are removed at start, and none is left at close.
 */
export class SwarmBuilds implements BuildExecutor {
  private readonly removals = new Set<Promise<void>>();
  private readonly placements = new Set<SwarmPlacement>();
  private readonly nodes: SwarmNodeEngines;

  constructor(private readonly deps: SwarmBuildsDeps) {
    this.nodes = new SwarmNodeEngines(deps);
  }

  /** A placement that finds its node in QUEUED (its `admit`); the caller releases it when the build has ended. */
  place(): BuildPlacement {
    const placement = new SwarmPlacement({
      managerHost: this.deps.managerHost,
      manager: this.deps.manager,
      runner: this.deps.runner,
      images: { prepare: (image, progress) => this.prepareImage(image, progress) },
      caches: this.deps.caches,
      limits: this.deps.limits,
      owner: this.deps.owner,
      nodeEngine: (nodeId) => this.nodeEngine(nodeId),
      removeService: (serviceId) => this.track(this.removeService(serviceId)),
      released: () => this.placements.delete(placement),
    });
    this.placements.add(placement);
    return placement;
  }

  /**
   * Removes the services of this data folder that this process did not make (an earlier process's). A manager that
   * cannot be reached, or is no swarm manager, is logged: builds will fail saying so.
   */
  async removeLeftovers(buildIds: readonly string[]): Promise<void> {
    try {
      await this.removeEarlierServices(buildIds);
    } catch (err) {
      const notManager = isNotSwarmManager(err);
      this.deps.log.warn(
        { err, dockerHost: this.deps.managerHost },
        notManager
          ? `${this.deps.managerHost} is not a swarm manager: run docker swarm init --advertise-addr ADDRESS there (or point --swarm-host at a manager); builds fail until then`
          : 'could not remove the swarm services an earlier process left',
      );
    }
  }

  private async removeEarlierServices(buildIds: readonly string[]): Promise<void> {
    const ours = new Set([...this.placements].map((p) => p.serviceName).filter((n) => n !== undefined));
    const interrupted = new Set(buildIds.map(buildContainerName));
    const found = await swarmServicesLabelled(this.deps.manager, { [BUILD_OWNER_LABEL]: this.deps.owner });
    const leftovers = found.filter((s) => interrupted.has(s.name) || !ours.has(s.name));
    if (leftovers.length > 0) this.deps.log.info({ services: leftovers.map((s) => s.name) }, 'removing the swarm services an earlier process left');
    await Promise.all(leftovers.map((s) => this.removeService(s.id)));
  }

  /** Waits for the services of ended builds to be removed, and removes any of this data folder still there. */
  async close(): Promise<void> {
    for (const placement of [...this.placements]) placement.release();
    while (this.removals.size > 0) await Promise.allSettled([...this.removals]);
    try {
      const left = await swarmServicesLabelled(this.deps.manager, { [BUILD_OWNER_LABEL]: this.deps.owner });
      await Promise.all(left.map((s) => this.removeService(s.id)));
    } catch (err) {
      this.deps.log.warn({ err, dockerHost: this.deps.managerHost }, 'could not remove the swarm services of builds');
    }
  }

  /** Removes the project's cache volume on the manager's engine (a node's own volumes are the node's). */
  invalidate(scope: Scope, projectName: string): Promise<CacheReset> {
    return this.deps.caches.invalidate(scope, projectName);
  }

  // The default image is built on the manager; another image is left to the node the swarm picks, which pulls it.
  private async prepareImage(codebuildImage: string, progress: (line: string) => void): Promise<string> {
    const image = this.deps.images.localImage(codebuildImage);
    if (!this.deps.images.isDefault(image)) return image;
    return this.deps.images.prepare(codebuildImage, progress);
  }

  /** The engine of a swarm node: its label codepipeline-local.engine, or the manager's own; undefined when neither. */
  nodeEngine(nodeId: string): Promise<SwarmNodeEngine | undefined> {
    return this.nodes.engineOf(nodeId);
  }

  private removeService(serviceId: string): Promise<void> {
    return removeSwarmService(this.deps.manager, serviceId, async (nodeId) => (await this.nodeEngine(nodeId))?.docker);
  }

  private track(removal: Promise<void>): Promise<void> {
    const settled: Promise<void> = removal
      .catch((err: unknown) => this.deps.log.warn({ err }, 'removing a build\'s swarm service failed'))
      .finally(() => this.removals.delete(settled));
    this.removals.add(settled);
    return settled;
  }
}
