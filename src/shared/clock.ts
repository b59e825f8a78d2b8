/** The source of time for everything that stamps or waits, injected so tests can control it. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** Converts epoch milliseconds to the epoch seconds (with fractional milliseconds) AWS JSON protocols use. */
export function toEpochSeconds(ms: number): number {
  return Math.round(ms) / 1000;
}
