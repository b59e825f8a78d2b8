import { deploymentsLogTime, scriptsLogTime } from './agent-layout.js';
import type { InstanceShell } from './instance-shell.js';

const TAIL_BUDGET = 2048; // characters, as the agent's ScriptLog keeps

/**
 * The bounded tail of one lifecycle event's log that the agent sends as diagnostics (`logTail`).
 * A line-for-line port of the agent's ScriptLog#append_to_log, including how it counts.
 */
export class ScriptLog {
  private entries: string[] = [];

  /** Adds one entry (a message with its line break) and drops the oldest ones beyond the budget. */
  append(entry: string): void {
    this.entries.push(entry);
    let index = this.entries.length;
    let remaining = TAIL_BUDGET;
    while (index > 0 && remaining - this.entries[index - 1].length > 0) {
      index -= 1;
      remaining -= index > 0 ? this.entries[index - 1].length : 0;
    }
    if (index > 0) this.entries = this.entries.slice(index);
  }

  /** The entries kept, joined as the agent joins them. */
  text(): string {
    return this.entries.join('');
  }
}

/** Writes the agent's on-instance logs (a deployment's scripts.log and the deployments log) through the instance shell. */
export class OnInstanceLog {
  constructor(
    private readonly shell: InstanceShell,
    private readonly deploymentId: string,
    private readonly deploymentsLog: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records one message (ending with a line break) in `scriptsLog` and in the deployments log, and in `tail`. */
  write(scriptsLog: string, message: string, tail: ScriptLog): void {
    const now = this.now();
    tail.append(message);
    this.shell.queue({ path: scriptsLog, mode: 'append', content: `${scriptsLogTime(now)} ${message}` });
    this.shell.queue({ path: this.deploymentsLog, mode: 'append', content: `[${deploymentsLogTime(now)}] [${this.deploymentId}]${message}` });
  }
}
