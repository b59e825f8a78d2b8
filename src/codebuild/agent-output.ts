const NUL = 0;
// A status is at most three digits: a marker whose end is further than this is output that only looks like one.
const MAX_STATUS_CHARS = 3;

/** Where a build agent's output stream is told apart: the output of a command, and the marker of its end. */
export interface AgentOutputSinks {
  /** Output of the command under way, as it arrives (no marker byte in it). */
  onData(chunk: Buffer): void;
  /** The end of a command's output on this stream, with the status the agent wrote. */
  onEnd(status: number): void;
}

/**
 * Splits one output stream of docker/build-agent/agent.sh into the commands' output and the agent's end markers,
 * NUL TOKEN:STATUS NUL. Output streams through as it comes; only bytes that may begin a marker split across chunks
 * are held back until the next chunk tells.
 */
export class AgentOutput {
  private readonly opener: Buffer;
  private held: Buffer = Buffer.alloc(0);

  constructor(
    token: string,
    private readonly sinks: AgentOutputSinks,
  ) {
    this.opener = Buffer.from(`\0${token}:`, 'utf8');
  }

  /** Takes the next chunk of the stream. */
  write(chunk: Buffer): void {
    let data = this.held.length === 0 ? chunk : Buffer.concat([this.held, chunk]);
    this.held = Buffer.alloc(0);
    for (;;) {
      const at = data.indexOf(this.opener);
      if (at < 0) break;
      const statusStart = at + this.opener.length;
      const close = data.subarray(statusStart, statusStart + MAX_STATUS_CHARS + 1).indexOf(NUL);
      if (close < 0 && data.length - statusStart <= MAX_STATUS_CHARS) {
        // The marker's end has not arrived yet.
        this.emit(data.subarray(0, at));
        this.held = Buffer.from(data.subarray(at));
        return;
      }
      const status = close < 0 ? '' : data.subarray(statusStart, statusStart + close).toString('latin1');
      if (!/^\d+$/.test(status)) {
        // Not a marker after all: its first byte is output, and the search goes on after it.
        this.emit(data.subarray(0, at + 1));
        data = data.subarray(at + 1);
        continue;
      }
      this.emit(data.subarray(0, at));
      this.sinks.onEnd(Number(status));
      data = data.subarray(statusStart + close + 1);
    }
    const keep = this.partialOpener(data);
    this.emit(data.subarray(0, data.length - keep));
    if (keep > 0) this.held = Buffer.from(data.subarray(data.length - keep));
  }

  // How many bytes at the end of `data` could be the start of a marker.
  private partialOpener(data: Buffer): number {
    for (let length = Math.min(this.opener.length - 1, data.length); length > 0; length--) {
      if (data.subarray(data.length - length).equals(this.opener.subarray(0, length))) return length;
    }
    return 0;
  }

  private emit(data: Buffer): void {
    if (data.length > 0) this.sinks.onData(data);
  }
}
