/** Helpers for benchmarks that generate HTTP load themselves: timed keep-alive requests, closed loops, per-operation figures. */
import { request, type Agent } from 'node:http';
import { percentile } from './bench-common.js';
import { headers, SERVICES, type JsonService } from './bench-server.js';

/** One request's outcome: the status (0 when no answer came), the time to the end of the body, the body or the error. */
export interface Timed {
  status: number;
  ms: number;
  body: string;
  error?: string;
}

/** Sends one POST over an agent and times it to the last byte of the answer; never rejects (a failure is status 0). */
export function timedPost(agent: Agent, url: string, headers: Record<string, string>, payload: string, timeoutMs = 10_000): Promise<Timed> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(payload)) }, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (e) => resolve({ status: 0, ms: performance.now() - t0, body: '', error: e.message }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (e) => resolve({ status: 0, ms: performance.now() - t0, body: '', error: e.message }));
    req.end(payload);
  });
}

/**
 * Runs `loops` closed loops until `untilMs` (a performance.now() time): each loop starts its next step when the
 * last one ended. A step that failed is followed by a short pause, so a refusing server cannot turn a loop into a spin.
 */
export async function closedLoops(loops: number, untilMs: number, step: (loop: number) => Promise<boolean>): Promise<void> {
  await Promise.all(
    Array.from({ length: loops }, async (_, loop) => {
      while (performance.now() < untilMs) if (!(await step(loop))) await new Promise((r) => setTimeout(r, 10));
    }),
  );
}

/** The figures of one operation over a run. */
export interface OperationFigures {
  operation: string;
  calls: number;
  errors: number;
  p50: number;
  p99: number;
}

/** Counts calls, errors and latencies per operation, and keeps the first few errors word for word. */
export class OperationStats {
  private readonly latencies = new Map<string, number[]>();
  private readonly errorCounts = new Map<string, number>();
  /** The first errors seen, as `operation: status message`. */
  readonly firstErrors: string[] = [];

  constructor(private readonly keepErrors = 5) {}

  /** Records one outcome; anything but 2xx is an error. Returns whether it succeeded. */
  record(operation: string, timed: Timed): boolean {
    const ok = timed.status >= 200 && timed.status < 300;
    let list = this.latencies.get(operation);
    if (!list) this.latencies.set(operation, (list = []));
    list.push(timed.ms);
    if (!ok) this.fail(operation, `${timed.status || 'no answer'} ${timed.error ?? timed.body.slice(0, 300)}`);
    return ok;
  }

  /** Records an error that is not a request's (an execution that failed or got stuck). */
  fail(operation: string, message: string): void {
    this.errorCounts.set(operation, (this.errorCounts.get(operation) ?? 0) + 1);
    if (this.firstErrors.length < this.keepErrors) this.firstErrors.push(`${operation}: ${message}`);
  }

  /** Every error recorded. */
  get errors(): number {
    return [...this.errorCounts.values()].reduce((a, b) => a + b, 0);
  }

  /** Every call recorded. */
  get calls(): number {
    return [...this.latencies.values()].reduce((a, l) => a + l.length, 0);
  }

  /** One row per operation, in the order first seen, then one for all of them. */
  figures(): OperationFigures[] {
    const names = new Set([...this.latencies.keys(), ...this.errorCounts.keys()]);
    const rows = [...names].map((operation) => this.row(operation, this.latencies.get(operation) ?? []));
    return [...rows, this.row('all', [...this.latencies.values()].flat())];
  }

  private row(operation: string, ms: number[]): OperationFigures {
    const errors = operation === 'all' ? this.errors : (this.errorCounts.get(operation) ?? 0);
    return { operation, calls: ms.length, errors, p50: percentile(ms, 0.5), p99: percentile(ms, 0.99) };
  }
}

/** A JSON operation call that is timed and recorded: answers the parsed body, or undefined when it failed. */
export type RecordedCall = (operation: string, body: unknown, service?: JsonService) => Promise<any>;

/** Binds RecordedCall to a server, an agent and the stats to record in (asked for on every call, so a run can switch them). */
export function recordingCaller(url: string, agent: Agent, stats: () => OperationStats): RecordedCall {
  return async (operation, body, service = SERVICES.codepipeline) => {
    const timed = await timedPost(agent, url, headers(operation, service), JSON.stringify(body));
    if (!stats().record(operation, timed)) return undefined;
    try {
      return JSON.parse(timed.body || '{}');
    } catch {
      stats().fail(operation, `a 2xx answer that is not JSON: ${timed.body.slice(0, 200)}`);
      return undefined;
    }
  };
}

/** Lays out rows of cells as an aligned text table: the first column left-aligned, the others right-aligned. */
export function textTable(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
