import { mkdirSync, rmSync, statSync } from 'node:fs';
import { waitFor } from './wait.js';

/** How long a directory lock is waited for, and when a lock is old enough to be one a killed run left behind. */
export interface DirLockOptions {
  /** Give up waiting after this many milliseconds. */
  waitMs: number;
  /** A lock older than this (ms) is taken over. */
  staleMs: number;
  /** Pause between attempts in milliseconds; 100 by default. */
  intervalMs?: number;
}

/** Runs `work` holding a lock between test processes: a directory, since mkdir either makes it or finds it there. */
export async function withDirLock<T>(lock: string, options: DirLockOptions, work: () => Promise<T>): Promise<T> {
  const taken = () => {
    try {
      mkdirSync(lock);
      return true;
    } catch {
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > options.staleMs) rmSync(lock, { recursive: true, force: true });
      return false;
    }
  };
  await waitFor(taken, { timeoutMs: options.waitMs, intervalMs: options.intervalMs ?? 100, description: `${lock}, held by another test process (remove it if none runs)` });
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
