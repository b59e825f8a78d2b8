import { randomBytes } from 'node:crypto';
import type Dockerode from 'dockerode';
import {
  limitsHostConfig,
  PROJECT_LABEL_KEY,
  removeContainerQuietly,
  startStreamingContainer,
  type ContainerRunner,
  type StreamingContainer,
} from '../runner/index.js';
import type { Clock, Logger, Timers } from '../shared/index.js';
import { buildUuid } from './build-environment.js';
import type { BuildContainers, BuildContainerSpec } from './build-containers.js';

export type { BuildContainerSpec } from './build-containers.js';

/** The label on every build container: the emulator's data folder, so a later start finds what a crashed process left. */
export const BUILD_OWNER_LABEL = `${PROJECT_LABEL_KEY}.codebuild-owner`;

// Every build container's name starts so: a build's own, and a warm one's.
const BUILD_NAME_PREFIX = 'codepipeline-local-build-';
// A warm container's name until a build takes it and renames it after itself.
const WARM_NAME_PREFIX = `${BUILD_NAME_PREFIX}warm-`;

/** What {@link WarmBuildContainers} needs. */
export interface WarmBuildContainersDeps {
  docker: Dockerode;
  runner: ContainerRunner;
  clock: Clock;
  timers: Timers;
  log: Logger;
  /** How long a warm container waits for a build before it is removed (ms); 0 keeps none warm. */
  idleMs: number;
  /** The value of {@link BUILD_OWNER_LABEL} on this emulator's build containers (its data folder). */
  owner: string;
}

interface WarmEntry {
  ready: Promise<StreamingContainer | undefined>;
  cancelIdle?: () => void;
  /** The named volumes it mounts. */
  volumes: string[];
}

/** The name of a build's container: `codepipeline-local-build-<uuid of the build id>`. */
export function buildContainerName(buildId: string): string {
  return `${BUILD_NAME_PREFIX}${buildUuid(buildId)}`;
}

/** Whether a container name is that of a warm container no build has taken. */
export function isWarmContainerName(name: string): boolean {
  return name.startsWith(WARM_NAME_PREFIX);
}

/**
 * Keeps one started build container ready per {@link BuildContainerSpec}, so a build's PROVISIONING takes a running
 * container instead of creating one: the build takes it (renamed after the build, used by that build only and
 * {@link release}d at its end, removed in the background) and the next one is started behind it; one no build takes
 * within `idleMs` of that is removed, and {@link close} removes them all and waits for the released ones to be gone.
 * Nothing of a build is in a warm container: its environment goes with each exec.
 */
export class WarmBuildContainers implements BuildContainers {
  private readonly warm = new Map<string, WarmEntry>();
  // The warm containers this process named, which an earlier process's leftovers are not.
  private readonly warmNames = new Set<string>();
  // The containers builds of this process took and have not released yet, which are not leftovers either.
  private readonly takenNames = new Set<string>();
  // Removals of released containers still under way, which close() and drained() wait for.
  private readonly removals = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly deps: WarmBuildContainersDeps) {}

  /** A started container for this spec named `name`: the warm one when there is one, else a new one; a new warm one follows. */
  async take(spec: BuildContainerSpec, name: string): Promise<StreamingContainer> {
    const key = specKey(spec);
    const entry = this.warm.get(key);
    this.warm.delete(key);
    entry?.cancelIdle?.();
    this.refill(key, spec);
    const warm = entry && (await entry.ready);
    this.takenNames.add(name);
    if (warm === undefined) return this.startTaken(spec, name);
    try {
      await this.deps.docker.getContainer(warm.id).rename({ name });
      this.warmNames.delete(warm.name);
      return warm;
    } catch (err) {
      // Removed or broken behind our back: a new container does as well, only slower.
      this.deps.log.warn({ err, container: warm.name }, 'a warm build container could not be taken; starting a new one');
      await warm.remove().catch(() => undefined);
      return this.startTaken(spec, name);
    }
  }

  /**
   * Removes a container a build took, in the background: the build's status need not wait for Docker to tear it down.
   * {@link drained} and {@link close} wait for it.
   */
  release(container: StreamingContainer): void {
    const removal = container
      .remove()
      .catch((err: unknown) => this.deps.log.warn({ err, container: container.name }, 'removing a build container failed'))
      .finally(() => {
        this.removals.delete(removal);
        this.takenNames.delete(container.name);
      });
    this.removals.add(removal);
  }

  /** Resolves once every container released so far is gone. */
  async drained(): Promise<void> {
    while (this.removals.size > 0) await Promise.all([...this.removals]);
  }

  /** Removes every warm container and keeps no more, and waits for the released ones to be gone: the server is stopping. */
  async close(): Promise<void> {
    this.closed = true;
    const entries = [...this.warm.values()];
    this.warm.clear();
    await Promise.all([...entries.map((entry) => this.discard(entry)), this.drained()]);
  }

  /** Removes the warm containers that mount a volume, so it can be removed (InvalidateProjectCache). */
  async discardMounting(volume: string): Promise<void> {
    const entries = [...this.warm].filter(([, entry]) => entry.volumes.includes(volume));
    for (const [key] of entries) this.warm.delete(key);
    await Promise.all(entries.map(([, entry]) => this.discard(entry)));
  }

  /**
   * Removes what an earlier process of this owner left: its warm containers, those of the given (interrupted) builds,
   * and those of finished builds whose removal it did not live to see.
   */
  async removeLeftovers(buildIds: readonly string[]): Promise<void> {
    const names = new Set(buildIds.map(buildContainerName));
    const found = await this.deps.runner.listProjectContainers({ labels: { [BUILD_OWNER_LABEL]: this.deps.owner } });
    const ours = (name: string) => this.warmNames.has(name) || this.takenNames.has(name);
    const leftovers = found.filter((c) => names.has(c.name) || (c.name.startsWith(BUILD_NAME_PREFIX) && !ours(c.name)));
    await Promise.all(leftovers.map((c) => removeContainerQuietly(this.deps.docker.getContainer(c.id))));
  }

  private refill(key: string, spec: BuildContainerSpec): void {
    if (this.closed || this.deps.idleMs <= 0) return;
    const name = `${WARM_NAME_PREFIX}${randomBytes(6).toString('hex')}`;
    this.warmNames.add(name);
    const entry: WarmEntry = {
      volumes: spec.volumes?.map((v) => v.name) ?? [],
      ready: this.start(spec, name).catch((err: unknown) => {
        this.deps.log.warn({ err, image: spec.image }, 'starting a warm build container failed');
        this.warmNames.delete(name);
        if (this.warm.get(key) === entry) this.expire(key, entry);
        return undefined;
      }),
    };
    // Counted from now, not from when it is up: a removal then waits for the start to finish.
    entry.cancelIdle = this.deps.timers.setTimer(this.deps.clock.now() + this.deps.idleMs, () => this.expire(key, entry));
    this.warm.set(key, entry);
  }

  private expire(key: string, entry: WarmEntry): void {
    if (this.warm.get(key) !== entry) return;
    this.warm.delete(key);
    void this.discard(entry);
  }

  private async discard(entry: WarmEntry): Promise<void> {
    entry.cancelIdle?.();
    const container = await entry.ready;
    if (container !== undefined) this.warmNames.delete(container.name);
    await container?.remove().catch((err: unknown) => this.deps.log.warn({ err, container: container.name }, 'removing a warm build container failed'));
  }

  private async startTaken(spec: BuildContainerSpec, name: string): Promise<StreamingContainer> {
    try {
      return await this.start(spec, name);
    } catch (err) {
      this.takenNames.delete(name);
      throw err;
    }
  }

  private start(spec: BuildContainerSpec, name: string): Promise<StreamingContainer> {
    return startStreamingContainer(this.deps.docker, {
      image: spec.image,
      name,
      labels: { [BUILD_OWNER_LABEL]: this.deps.owner },
      limits: spec.limits,
      binds: spec.binds,
      volumes: spec.volumes,
    });
  }
}

// What Docker is given, not how the caller spelled it: limits as HostConfig, binds and volumes in order.
function specKey(spec: BuildContainerSpec): string {
  const host = limitsHostConfig(spec.limits);
  return JSON.stringify([spec.image, spec.imageId, host.Memory, host.MemorySwap, host.NanoCpus, host.PidsLimit, spec.binds ?? [], spec.volumes?.map((v) => [v.name, v.target]) ?? []]);
}
