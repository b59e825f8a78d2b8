import { StringDecoder } from 'node:string_decoder';
import type { Clock } from '../shared/index.js';
import { maskSecrets } from './build-logs.js';

/** Formats a time as CodeBuild's agent stamps its lines: `2026/11/26 09:00:00.123456` (UTC, microseconds). */
export function agentTimestamp(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const date = `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  // The clock has millisecond resolution; the agent prints microseconds, so the last three digits are zeros.
  return `${date} ${time}.${pad(d.getUTCMilliseconds(), 3)}000`;
}

/** A line as CodeBuild's agent prints it: `[Container] <timestamp> <text>`. */
export function containerLine(ms: number, text: string): string {
  return `[Container] ${agentTimestamp(ms)} ${text}`;
}

/** Options for {@link BuildLog}. */
export interface BuildLogOptions {
  clock: Clock;
  onLog(line: string): void;
  /** Values printed as `***` wherever they appear (resolved PARAMETER_STORE and SECRETS_MANAGER values). */
  secrets: readonly string[];
}

/** A build's log: the agent's `[Container]` lines and the commands' raw output, line by line, secrets masked. */
export class BuildLog {
  private readonly clock: Clock;
  private readonly sink: (line: string) => void;
  private readonly secrets: string[];

  constructor(options: BuildLogOptions) {
    this.clock = options.clock;
    this.sink = options.onLog;
    // Longest first, so a secret that contains another is masked whole.
    this.secrets = [...new Set(options.secrets.filter((s) => s !== ''))].sort((a, b) => b.length - a.length);
  }

  /** Prints an agent line, `[Container] <timestamp> <text>`; further lines of a multi-line text follow raw. */
  agent(text: string): void {
    const [first, ...rest] = text.split('\n');
    this.raw(containerLine(this.clock.now(), first));
    for (const line of rest) this.raw(line);
  }

  /** Prints a line as it is (command output). */
  raw(line: string): void {
    this.sink(maskSecrets(line, this.secrets));
  }

  /** A sink for one output stream of a command: splits its bytes into lines; call `flush()` when the command ends. */
  output(): OutputLines {
    return new OutputLines((line) => this.raw(line));
  }
}

// The longest line kept whole (characters); CloudWatch Logs takes events of up to 256 KB.
const MAX_LINE_CHARS = 256 * 1024;

/** Splits a byte stream into lines, keeping multi-byte characters whole across chunks. */
export class OutputLines {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';
  private readonly emit: (line: string) => void;

  constructor(emit: (line: string) => void) {
    this.emit = emit;
  }

  /** Takes a chunk of output. */
  write(chunk: Buffer): void {
    this.pending += this.decoder.write(chunk);
    const lines = this.pending.split('\n');
    this.pending = lines.pop() ?? '';
    for (const line of lines) this.emit(line.replace(/\r$/, ''));
    // Output without newlines (`head -c 1G /dev/zero`) would grow in memory without bound: it is printed in pieces.
    while (this.pending.length >= MAX_LINE_CHARS) {
      this.emit(this.pending.slice(0, MAX_LINE_CHARS));
      this.pending = this.pending.slice(MAX_LINE_CHARS);
    }
  }

  /** Prints what is left of an unterminated last line. */
  flush(): void {
    this.pending += this.decoder.end();
    if (this.pending !== '') this.emit(this.pending);
    this.pending = '';
  }
}
