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

// TLS that did not get through (--docker-tls-verify): OpenSSL's certificate verification codes as Node names them
// (UNABLE_TO_VERIFY_LEAF_SIGNATURE, CERT_HAS_EXPIRED, DEPTH_ZERO_SELF_SIGNED_CERT, ...), Node's own (the name not in
// the certificate), and handshake failures (the engine refused our certificate, or speaks no TLS). The engine cannot
// be used with these settings, as one that is not there: the build is not started and the next goes elsewhere.
const TLS_CODE = /^(UNABLE_TO_|CERT_|CRL_|ERROR_IN_|ERR_SSL_|ERR_TLS_)|^(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|INVALID_CA|PATH_LENGTH_EXCEEDED|INVALID_PURPOSE|HOSTNAME_MISMATCH|EPROTO)$/;

// What a TLS engine answers a plain-HTTP request with (dockerd's Go server): reached, but not with these settings.
const PLAIN_HTTP_TO_TLS = /Client sent an HTTP request to an HTTPS server/i;

/**
 * Why an error from a Docker client says the engine could not be reached (or not through TLS), rather than that it
 * refused a request: the description builds show, or undefined. A TLS error is named so, with OpenSSL's reason and code.
 */
export function engineUnreachableReason(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const { code, reason } = e as { code?: unknown; reason?: unknown };
    if (typeof code === 'string' && TLS_CODE.test(code)) return `TLS: ${typeof reason === 'string' ? reason : e.message.trim()} (${code})`;
    if (PLAIN_HTTP_TO_TLS.test(e.message)) return 'the engine speaks TLS only, and the emulator was not told to use it (--docker-tls-verify)';
  }
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const { code, syscall } = e as { code?: unknown; syscall?: unknown };
    if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return (error as Error).message;
    // A unix socket that is not there; ENOENT from anything else (a file) is not the engine's.
    if (code === 'ENOENT' && syscall === 'connect') return (error as Error).message;
    if (/socket hang up/i.test(e.message)) return (error as Error).message;
  }
  return undefined;
}

/** Whether an error from a Docker client says the engine could not be reached, rather than that it refused a request. */
export function isEngineUnreachable(error: unknown): boolean {
  return engineUnreachableReason(error) !== undefined;
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
    return this.leaseOf(this.slots.reduce((best, s) => (rank(s) < rank(best) ? s : best)));
  }

  /** A lease on the engine of `host`, for work already there (long-lived work found again at start); undefined for a host not in the pool. */
  lease(host: string): EngineLease<T> | undefined {
    const slot = this.slots.find((s) => s.engine.host === host);
    return slot && this.leaseOf(slot);
  }

  private leaseOf(slot: Slot<T>): EngineLease<T> {
    slot.running++;
    let released = false;
    return {
      host: slot.engine.host,
      value: slot.engine.value,
      failed: (error) => {
        const why = engineUnreachableReason(error);
        if (why !== undefined) slot.unreachableSince = ++this.failures;
        return why;
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
