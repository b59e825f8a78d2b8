import type Dockerode from 'dockerode';
import { EnginePool, removeContainerQuietly, type EngineLease } from '../runner/index.js';
import type { Logger } from '../shared/index.js';
import type { LambdaImage } from './lambda-image.js';
import type { SandboxReach } from './sandbox-reach.js';
import type { SwarmSandboxes } from './swarm-sandboxes.js';

/** One Docker engine function sandboxes run on, with the Lambda image there and how its sandboxes reach the emulator. */
export interface SandboxEngine {
  /** The engine's DOCKER_HOST-style address. */
  host: string;
  docker: Dockerode;
  image: LambdaImage;
  reach: SandboxReach;
  /** With `--executor swarm`: sandboxes are services of the swarm this engine manages, not containers of it. */
  swarm?: SwarmSandboxes;
}

/** What the sandbox engines need. */
export interface SandboxEnginesDeps {
  engines: readonly SandboxEngine[];
  log: Logger;
}

/** A sandbox's hold on its engine, given back when the sandbox is removed. */
export type SandboxLease = EngineLease<SandboxEngine>;

/** Thrown when no engine could be reached to start a sandbox: the invocation fails, and the next one tries again. */
export class SandboxEnginesUnreachable extends Error {}

/**
 * The engines function sandboxes are placed on (one for the `local` executor): each new sandbox goes to the engine
 * holding the fewest sandboxes of this process, an engine found unreachable last. An engine that cannot be reached
 * while a sandbox is started there is marked so and the next one is tried: nothing of the function ran yet.
 */
export class SandboxEngines {
  private readonly pool: EnginePool<SandboxEngine>;

  constructor(private readonly deps: SandboxEnginesDeps) {
    this.pool = new EnginePool(deps.engines.map((value) => ({ host: value.host, value })));
  }

  /** Every engine, in the order given. */
  get engines(): readonly SandboxEngine[] {
    return this.pool.engines.map((e) => e.value);
  }

  /** How many sandboxes each engine holds, by host. */
  running(): Record<string, number> {
    return this.pool.running();
  }

  /**
   * Runs `start` on the least busy engine, then on the next while engines cannot be reached; resolves with what it
   * made and the lease it holds. With one engine its own error is thrown, as before executors; with several, a
   * SandboxEnginesUnreachable naming each engine and why, once none could be reached.
   */
  async place<T>(start: (engine: SandboxEngine) => Promise<T>): Promise<{ made: T; lease: SandboxLease }> {
    const tried = new Map<string, string>();
    for (;;) {
      const lease = this.pool.place();
      try {
        const made = await start(lease.value);
        lease.reached();
        return { made, lease };
      } catch (error) {
        lease.release();
        const why = lease.failed(error);
        if (why === undefined || this.pool.engines.length === 1) throw error;
        tried.set(lease.host, why);
        if (this.pool.engines.every((e) => tried.has(e.host))) {
          const each = [...tried].map(([host, reason]) => `${host} (${reason})`).join(', ');
          // wording inferred: Lambda has no user-chosen engines
          throw new SandboxEnginesUnreachable(`Unable to reach the Docker engines ${each}. The function was not started; the next invocation tries them again`, { cause: error });
        }
        this.deps.log.warn({ dockerHost: lease.host }, `could not reach the Docker engine ${lease.host} to start a function sandbox (${why}); trying another engine`);
      }
    }
  }

  /**
   * Whether the engine of a sandbox whose container's wait broke off went away: it does not answer a ping. Then it is
   * marked unreachable, and the reason is returned.
   */
  async wentAway(lease: SandboxLease): Promise<string | undefined> {
    try {
      await lease.value.docker.ping();
      return undefined;
    } catch (error) {
      return lease.failed(error) ?? (error as Error).message;
    }
  }

  /**
   * Removes the sandboxes with `labels` on every engine (the services of a swarm) but those `keep` spares (leftovers
   * of an earlier process at start; this process's own, left where a removal failed, at close). An engine that cannot
   * be reached is logged and skipped: a later start removes them.
   */
  async sweep(labels: Record<string, string>, keep: (labels: Record<string, string>) => boolean): Promise<void> {
    await Promise.all(
      this.engines.map(async (engine) => {
        if (engine.swarm) return engine.swarm.sweep(labels, keep);
        try {
          const listed = await engine.docker.listContainers({ all: true, filters: { label: Object.entries(labels).map(([k, v]) => `${k}=${v}`) } });
          const stale = listed.filter((c) => !keep(c.Labels ?? {}));
          await Promise.all(stale.map((c) => removeContainerQuietly(engine.docker.getContainer(c.Id))));
        } catch (error) {
          if (this.pool.engines.length > 1) this.deps.log.warn({ err: error, dockerHost: engine.host }, `could not remove the function sandboxes left on the Docker engine ${engine.host}; a later start removes them`);
        }
      }),
    );
  }
}
