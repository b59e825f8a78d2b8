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
