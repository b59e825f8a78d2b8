import type Dockerode from 'dockerode';
import type { Scope } from '../store/index.js';
import { cacheVolumeName } from './build-cache.js';
import type { WarmBuildContainers } from './warm-containers.js';

/** What resetting project caches needs. */
export interface ProjectCachesDeps {
  docker: Dockerode;
  containers: Pick<WarmBuildContainers, 'discardMounting'>;
}

/** How a reset went: the cache was removed, there was none, or a running build still uses it. */
export type CacheReset = 'removed' | 'absent' | 'in-use';

/** Resets projects' caches (InvalidateProjectCache): the project's cache volume is removed and the next build starts empty. */
export class ProjectCaches {
  constructor(private readonly deps: ProjectCachesDeps) {}

  /** Removes the project's cache volume after the warm containers that mount it. */
  async invalidate(scope: Scope, projectName: string): Promise<CacheReset> {
    const name = cacheVolumeName(scope, projectName);
    await this.deps.containers.discardMounting(name);
    try {
      await this.deps.docker.getVolume(name).remove();
      return 'removed';
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 404) return 'absent';
      if (status === 409) return 'in-use';
      throw error;
    }
  }
}
