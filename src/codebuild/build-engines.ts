import type Dockerode from 'dockerode';
import { EnginePool, type ContainerRunner, type EngineLease } from '../runner/index.js';
import type { Logger } from '../shared/index.js';
import type { Scope } from '../store/index.js';
import type { BuildEngineHandle } from './build-request.js';
import type { BuildContainers } from './build-containers.js';
import type { BuildImages } from './images.js';
import { BuildSetupFailure, type PreparationDeps } from './build-preparation.js';
import { engineUnreachableMessage } from './engine-failure.js';
import type { CacheReset, ProjectCaches } from './project-cache.js';
import type { WarmBuildContainers } from './warm-containers.js';
import type { BuildRecord } from '../store/index.js';

/** One Docker engine builds run on, with what the emulator keeps for it: warm containers, images made present, cache volumes. */
export interface BuildEngine {
  /** The engine's DOCKER_HOST-style address. */
  host: string;
  docker: Dockerode;
  runner: ContainerRunner;
  containers: BuildContainers;
  /** Makes a build's image present where it runs: a CodeBuild image name in, the local image out. */
  images: PreparationDeps['images'];
  caches: Pick<ProjectCaches, 'invalidate'>;
}

/** What a placement that waits for room (`--executor swarm`) is told and tells while the build is QUEUED. */
export interface BuildAdmission {
  build: BuildRecord;
  /** The project's cache volume, when its cache is LOCAL or S3. */
  cacheVolume?: string;
  signal: AbortSignal;
  /** A line for the build log (the build image's progress). */
  say(line: string): void;
  /** The build still waits for room; the reason, as the scheduler gives it. */
  onWaiting(reason: string): void;
  /** The build has room: QUEUED ends and PROVISIONING begins. */
  onPlaced(): void;
}

/** The QUEUED phase's context while the executor has no room for the build. Wording inferred: AWS shows none for its own capacity. */
export function queuedContext(reason: string): { statusCode: string; message: string } {
  return { statusCode: '', message: `Waiting for room on the Docker swarm${reason ? `: ${reason}` : ''}` }; // wording inferred
}

/**
 * The engine one build was placed on. A placement with `admit` finds its engine only once the build has room: the
 * build service calls it in QUEUED, and after it the lease's host and value are the engine the build runs on.
 */
export type BuildPlacement = EngineLease<BuildEngine> & { admit?(admission: BuildAdmission): Promise<void> };

/** An engine of the `local` and `docker-host` executors: its warm containers, images and caches are the emulator's own. */
export interface LocalBuildEngine extends BuildEngine {
  containers: WarmBuildContainers;
  images: BuildImages;
  caches: ProjectCaches;
}

/** What the build service places builds with. */
export interface BuildPlacer {
  place(): BuildPlacement;
}

/** An executor (`--executor`): places builds, and cleans up after them at start and at close. */
export interface BuildExecutor extends BuildPlacer {
  /** Removes what an earlier process of this data folder left; the given builds were interrupted. */
  removeLeftovers(buildIds: readonly string[]): Promise<void>;
  /** Removes what builds of this process left, once they have ended: the server is stopping. */
  close(): Promise<void>;
  /** Removes a project's cache volume (InvalidateProjectCache). */
  invalidate(scope: Scope, projectName: string): Promise<CacheReset>;
}

/**
 * The engines of the executor (`--executor`): one for `local`, the `--docker-hosts` ones for `docker-host`. Each build
 * is placed on the least busy engine, which makes its image present, holds its warm containers and its cache volume;
 * an engine found unreachable gets builds again only once every other one has failed too.
 */
export class BuildEngines implements BuildExecutor {
  private readonly pool: EnginePool<LocalBuildEngine>;

  constructor(
    engines: readonly LocalBuildEngine[],
    private readonly log: Logger,
  ) {
    this.pool = new EnginePool(engines.map((engine) => ({ host: engine.host, value: engine })));
  }

  /** Every engine, in the order given. */
  get engines(): LocalBuildEngine[] {
    return this.pool.engines.map((e) => e.value);
  }

  /** Places a build on the least busy engine; the caller releases it when the build has ended. */
  place(): BuildPlacement {
    return this.pool.place();
  }

  /** How many builds each engine runs now, by host. */
  running(): Record<string, number> {
    return this.pool.running();
  }

  /** Removes what an earlier process left on every engine; an engine that cannot be reached is logged and skipped. */
  async removeLeftovers(buildIds: readonly string[]): Promise<void> {
    await this.eachEngine('could not remove the build containers an earlier process left', (e) => e.containers.removeLeftovers(buildIds));
  }

  /** Removes every engine's warm containers and waits for the released ones to be gone: the server is stopping. */
  async close(): Promise<void> {
    await this.eachEngine('could not remove the build containers', (e) => e.containers.close());
  }

  /**
   * Removes the project's cache volume on every engine (each engine keeps its own): removed when one was, in use
   * when a running build holds one, absent otherwise.
   */
  async invalidate(scope: Scope, projectName: string): Promise<CacheReset> {
    const results = await Promise.all(this.engines.map((e) => e.caches.invalidate(scope, projectName)));
    if (results.includes('in-use')) return 'in-use';
    return results.includes('removed') ? 'removed' : 'absent';
  }

  private async eachEngine(failure: string, work: (engine: LocalBuildEngine) => Promise<void>): Promise<void> {
    await Promise.all(this.engines.map((e) => work(e).catch((err: unknown) => this.log.warn({ err, dockerHost: e.host }, failure))));
  }
}

/** What the runner needs of the engine a build was placed on. */
export function engineHandle(placement: BuildPlacement): BuildEngineHandle {
  const { host, value } = placement;
  return { host, docker: value.docker, containers: value.containers, failed: (error) => placement.failed(error) };
}

/**
 * The placed engine's images, as build preparation uses them: an engine that cannot be reached while its image is
 * made present fails the build in PROVISIONING as CLIENT_ERROR (and is marked so). Only this step is judged so: a
 * source that cannot be reached is the source's failure, not the engine's.
 */
export function placedImages(placement: BuildPlacement): PreparationDeps['images'] {
  return {
    prepare: async (image, progress) => {
      try {
        return await placement.value.images.prepare(image, progress);
      } catch (error) {
        const why = placement.failed(error);
        if (why === undefined) throw error;
        throw new BuildSetupFailure('PROVISIONING', 'CLIENT_ERROR', engineUnreachableMessage(placement.host, why), { cause: error });
      }
    },
  };
}
