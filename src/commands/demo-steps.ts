import type { FollowOutput } from './follow-execution.js';

/** Where the demo writes: its step headings, progress lines and the executions it follows. */
export type DemoOutput = FollowOutput;

/** A step of the demo that failed: which one, and why. */
export class DemoStepFailure extends Error {
  constructor(
    readonly step: number,
    readonly title: string,
    readonly reason: string,
  ) {
    super(`step ${step} (${title}) failed: ${reason}`);
    this.name = 'DemoStepFailure';
  }
}

/** A progress line inside a step. */
export type Say = (line: string) => void;

/** Formats a duration the way a person reads it: `0.4 s`, `12.3 s`, `2 min 5 s`. */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** An error as one line; fetch's bare "fetch failed" gets its cause (ECONNREFUSED: the server is gone). */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? cause?.message;
  return error.message === 'fetch failed' && detail ? `the server could not be reached (${detail})` : error.message;
}

function paint(text: string, colour: string, tty: boolean): string {
  return tty ? `\u001b[${colour}m${text}\u001b[0m` : text;
}

/** Runs the demo's steps one after the other with a numbered heading, then ✔ or ✖ and the time each took. */
export class DemoSteps {
  private count = 0;

  constructor(
    private readonly output: DemoOutput,
    private readonly total: number,
  ) {}

  /** Runs one step; a failure is printed and rethrown as a DemoStepFailure naming the step. */
  async run<T>(title: string, work: (say: Say) => Promise<T>): Promise<T> {
    const step = ++this.count;
    const { output } = this;
    output.write(`\n${paint(`[${step}/${this.total}] ${title}`, '1', output.tty)}\n`);
    const started = Date.now();
    const say: Say = (line) => output.write(`    ${line}\n`);
    try {
      const result = await work(say);
      output.write(`  ${paint('✔', '32', output.tty)} ${title} ${paint(`(${formatDuration(Date.now() - started)})`, '90', output.tty)}\n`);
      return result;
    } catch (error) {
      const reason = describeError(error);
      output.write(`  ${paint('✖', '31', output.tty)} ${title} ${paint(`(${formatDuration(Date.now() - started)})`, '90', output.tty)}\n`);
      throw new DemoStepFailure(step, title, reason);
    }
  }
}
