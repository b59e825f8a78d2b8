/** One Docker engine of an executor and what the caller keeps beside it (its client, its warm containers, its images). */
export interface PooledEngine<T> {
  /** The engine's DOCKER_HOST-style address, as the user gave it. */
  readonly host: string;
  readonly value: T;
}

/** A build's hold on the engine it was placed on; released once, when the build has ended. */
export interface EngineLease<T> extends PooledEngine<T> {
  /**
   * Records that work on this engine failed; when the error says the engine could not be reached, the engine is
   * marked unreachable (the next placements prefer the others) and the error's description is returned.
   */
  failed(error: unknown): string | undefined;
  /** Records that work on this engine went through: an engine marked unreachable is back. */
  reached(): void;
  /** Gives the engine's slot back; calls after the first do nothing. */
  release(): void;
}

interface Slot<T> {
  engine: PooledEngine<T>;
  running: number;
  /** When (a placement counter, not a clock) the engine was last found unreachable; 0 when it was not. */
  unreachableSince: number;
}

// The Node.js socket errors of an engine that is not there (refused, unroutable, unknown name, cut off mid-request).
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE']);

/** Whether an error from a Docker client says the engine could not be reached, rather than that it refused a request. */
export function isEngineUnreachable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return true;
    // A unix socket that is not there; ENOENT from anything else (a file) is not the engine's.
    if (code === 'ENOENT' && (e as { syscall?: unknown }).syscall === 'connect') return true;
    if (/socket hang up/i.test(e.message)) return true;
  }
  return false;
}

/**
 * The Docker engines an executor places work on: each placement goes to the engine with the fewest running builds,
 * engines found unreachable last (the one found so longest ago first, so an engine that came back is tried again
 * once the others are also failing). A scheduler it is not: it knows only what this process placed.
 */
export class EnginePool<T> {
  private readonly slots: Slot<T>[];
  private failures = 0;

  constructor(engines: readonly PooledEngine<T>[]) {
    if (engines.length === 0) throw new Error('an executor needs at least one Docker engine');
    this.slots = engines.map((engine) => ({ engine, running: 0, unreachableSince: 0 }));
  }

  /** Every engine of the pool, in the order given. */
  get engines(): readonly PooledEngine<T>[] {
    return this.slots.map((s) => s.engine);
  }

  /** How many placements each engine holds now, by host. */
  running(): Record<string, number> {
    return Object.fromEntries(this.slots.map((s) => [s.engine.host, s.running]));
  }

  /** Places one piece of work: the least busy reachable engine, in the order given on a tie. */
  place(): EngineLease<T> {
    const slot = this.slots.reduce((best, s) => (rank(s) < rank(best) ? s : best));
    slot.running++;
    let released = false;
    return {
      host: slot.engine.host,
      value: slot.engine.value,
      failed: (error) => {
        if (!isEngineUnreachable(error)) return undefined;
        slot.unreachableSince = ++this.failures;
        return (error as Error).message;
      },
      reached: () => {
        slot.unreachableSince = 0;
      },
      release: () => {
        if (released) return;
        released = true;
        slot.running--;
      },
    };
  }
}

// Reachable engines before unreachable ones, fewest running first; unreachable ones oldest failure first.
function rank<T>(slot: Slot<T>): number {
  return slot.unreachableSince === 0 ? slot.running : 1e9 + slot.unreachableSince;
}
