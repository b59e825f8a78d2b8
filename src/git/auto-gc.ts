import { runGit } from './git.js';

/** Quiet time after a repository's last push before its `git gc --auto` runs: a burst of pushes needs one check. */
export const AUTO_GC_DELAY_MS = 1000; // milliseconds

/**
 * Runs `git gc --auto` for repositories after pushes, in place of the one receive-pack would run before answering
 * (runHttpBackend turns that off): once pushes to a repository have paused, one run at a time per repository.
 */
export class AutoGc {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<void>>();
  private closed = false;

  constructor(
    private readonly onError: (error: Error, gitDir: string) => void,
    private readonly delayMs = AUTO_GC_DELAY_MS,
  ) {}

  /** Asks for a `git gc --auto` of a repository once pushes to it pause. */
  schedule(gitDir: string): void {
    if (this.closed) return;
    clearTimeout(this.timers.get(gitDir));
    const timer = setTimeout(() => {
      this.timers.delete(gitDir);
      // A push during a run asks again afterwards, so what it brought is counted too.
      if (this.running.has(gitDir)) return this.schedule(gitDir);
      const run = this.collect(gitDir).finally(() => this.running.delete(gitDir));
      this.running.set(gitDir, run);
    }, this.delayMs);
    timer.unref();
    this.timers.set(gitDir, timer);
  }

  /** Drops the runs not started yet and waits for those under way. */
  async close(): Promise<void> {
    this.closed = true;
    this.timers.forEach((t) => clearTimeout(t));
    this.timers.clear();
    await Promise.all(this.running.values());
  }

  private async collect(gitDir: string): Promise<void> {
    // Not detached, so close() waits for the repacking itself, not for a daemon left behind.
    await runGit(['-c', 'gc.autoDetach=false', 'gc', '--auto', '--quiet'], { gitDir }).catch((error: Error) => this.onError(error, gitDir));
  }
}
