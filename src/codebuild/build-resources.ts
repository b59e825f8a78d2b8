import type { StreamingContainer } from '../runner/index.js';
import type { PhaseContext } from './phases.js';

const MB = 1024 * 1024;

/** What {@link BuildResources} watches and whom it tells. */
export interface BuildResourcesOptions {
  container: StreamingContainer;
  /** The build container's memory limit (MB), for the out-of-memory message. */
  memoryMb: number;
  /** The most the build may write to its container's filesystem (MB). */
  diskMb: number;
  /** The container's process limit, for the message when a build reaches it. */
  pidsLimit: number;
  /** How often the written size and the processes are checked while a command runs (ms). */
  checkMs: number;
  /** Called once the build has written more than `diskMb` or holds all the processes it may, with the context it fails with. */
  onLimit(context: PhaseContext): void;
}

/** The context of a build that wrote more than it may: the device's own words, then the limit. */
export function outOfSpaceContext(writtenBytes: number, diskMb: number): PhaseContext {
  // wording inferred: CodeBuild's builds see the kernel's ENOSPC text when their disk is full.
  return { statusCode: 'CLIENT_ERROR', message: `no space left on device: the build wrote ${Math.ceil(writtenBytes / MB)} MB, more than the ${diskMb} MB a build may write` };
}

/** The context of a build that holds every process it may (a fork bomb): fork's own words, then the limit. */
export function processLimitContext(pidsLimit: number): PhaseContext {
  // wording inferred: a fork past the limit fails with EAGAIN, which shells print as below.
  return { statusCode: 'CLIENT_ERROR', message: `fork: Resource temporarily unavailable: the build reached its limit of ${pidsLimit} processes` };
}

/**
 * Watches what a build container uses: the bytes it writes (Docker's SizeRw) and the processes it holds, checked every
 * `checkMs` and after each command, against the disk and process limits; and the OOM killer's kills, so a command it
 * killed fails saying so.
 */
export class BuildResources {
  private timer: NodeJS.Timeout | undefined;
  private oomKillsSeen = 0;
  private exceeded = false;

  constructor(private readonly options: BuildResourcesOptions) {}

  /** Starts checking the written size and the processes every `checkMs`. */
  start(): void {
    this.timer = setInterval(() => void this.check(), this.options.checkMs);
    this.timer.unref();
  }

  /** Stops checking: the build is over. */
  stop(): void {
    clearInterval(this.timer);
  }

  /**
   * Checks the written size and (unless `processes` is false: only the disk matters once the commands are over) the
   * processes now; past a limit, `onLimit` is called (once).
   */
  async check({ processes: countProcesses = true }: { processes?: boolean } = {}): Promise<void> {
    if (this.exceeded) return;
    const { container, diskMb, pidsLimit } = this.options;
    let written: number;
    let processes: number;
    try {
      // Docker's stats answer slowly on a busy engine (hundreds of ms): they are asked only when they matter.
      [written, processes] = await Promise.all([container.writtenBytes(), countProcesses ? container.processCount() : 0]);
    } catch {
      return; // the container is gone: the build is ending anyway
    }
    if (this.exceeded) return;
    // The process that found the limit is not counted: the container is full one short of it.
    const context = written > diskMb * MB ? outOfSpaceContext(written, diskMb) : processes >= pidsLimit - 1 ? processLimitContext(pidsLimit) : undefined;
    if (context === undefined) return;
    this.exceeded = true;
    this.stop();
    this.options.onLimit(context);
  }

  /** Whether the OOM killer killed a process of the container since the last time this was asked. */
  async outOfMemory(): Promise<boolean> {
    let kills: number;
    try {
      kills = await this.options.container.outOfMemoryKills();
    } catch {
      return false; // no process could be started to look (the pids limit is full) or the container is gone
    }
    const killed = kills > this.oomKillsSeen;
    this.oomKillsSeen = kills;
    return killed;
  }

  /** The message of a command the OOM killer ended: CodeBuild's, then why. */
  outOfMemoryMessage(command: string, exitCode: number): string {
    // wording inferred: CodeBuild reports the exit status; the reason after it is ours.
    return `Error while executing command: ${command}. Reason: exit status ${exitCode}: out of memory (the build container's memory limit is ${this.options.memoryMb} MB)`;
  }
}
