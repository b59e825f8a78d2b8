/** What a benchmark reads about a server process from /proc (Linux): its resident memory and its open files. */
import { readdirSync, readFileSync } from 'node:fs';

/** A process's resident set size and open file descriptors at one moment. */
export interface ProcessUsage {
  rssMb: number;
  openFds: number;
}

/** Reads /proc/<pid>/status (VmRSS) and counts /proc/<pid>/fd; throws when the process is gone or this is not Linux. */
export function processUsage(pid: number): ProcessUsage {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (!kb) throw new Error(`/proc/${pid}/status has no VmRSS line`);
  return { rssMb: Number(kb) / 1024, openFds: readdirSync(`/proc/${pid}/fd`).length };
}

/**
 * Samples a process every second and keeps the last few readings, so a reading taken under load can be the
 * settled one (the lowest RSS of the window) rather than one caught just before a garbage collection.
 */
export class UsageSampler {
  /** The reading with the highest RSS so far. */
  peak: ProcessUsage;
  private recent: ProcessUsage[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    private readonly window = 5,
    everyMs = 1000,
  ) {
    this.peak = processUsage(pid);
    this.timer = setInterval(() => this.sample(), everyMs);
    this.timer.unref();
  }

  /** Reads the process now and remembers the reading. */
  sample(): ProcessUsage {
    const now = processUsage(this.pid);
    if (now.rssMb > this.peak.rssMb) this.peak = now;
    this.recent = [...this.recent.slice(1 - this.window), now];
    return now;
  }

  /** The reading with the lowest RSS of the last few seconds (including one taken now). */
  settled(): ProcessUsage {
    this.sample();
    return this.recent.reduce((low, u) => (u.rssMb < low.rssMb ? u : low));
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
