import type { Clock } from './clock.js';

/** Schedules work at a moment of the injected clock, so tests can move time forward. */
export interface Timers {
  /** Runs `fn` once the clock reaches `atMs`; returns a function that cancels it. */
  setTimer(atMs: number, fn: () => void): () => void;
}

// setTimeout holds at most 2^31-1 ms (about 24.8 days); approvals may wait up to 60 days.
const MAX_DELAY_MS = 2 ** 31 - 1;

/** Timers on the wall clock, for any delay. */
export function systemTimers(clock: Clock): Timers {
  return {
    setTimer(atMs, fn) {
      let handle: NodeJS.Timeout;
      const arm = () => {
        const delay = atMs - clock.now();
        if (delay <= 0) return void (handle = setTimeout(fn, 0));
        handle = setTimeout(delay > MAX_DELAY_MS ? arm : fn, Math.min(delay, MAX_DELAY_MS));
        handle.unref();
      };
      arm();
      return () => clearTimeout(handle);
    },
  };
}

/** A clock that stands still until a test moves it, firing the timers it passes. */
export class ManualClock implements Clock, Timers {
  private timers: { atMs: number; fn: () => void }[] = [];

  constructor(private current = Date.now()) {}

  /** The current time of this clock. */
  now(): number {
    return this.current;
  }

  /** Schedules work at a moment of this clock. */
  setTimer(atMs: number, fn: () => void): () => void {
    const timer = { atMs, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** Moves time forward and runs, in order, every timer that falls due. */
  advance(ms: number): void {
    this.current += ms;
    const due = this.timers.filter((t) => t.atMs <= this.current).sort((a, b) => a.atMs - b.atMs);
    this.timers = this.timers.filter((t) => t.atMs > this.current);
    due.forEach((t) => t.fn());
  }
}
