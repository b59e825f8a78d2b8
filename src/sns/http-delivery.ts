import { setMaxListeners } from 'node:events';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Logger, Timers, Clock } from '../shared/index.js';
import { retryDelaySeconds, type HealthyRetryPolicy } from './retry-policy.js';

/** What SNS waits for an endpoint's answer before counting the attempt failed (ms). */
export const DELIVERY_TIMEOUT_MS = 15_000;

/** One POST to make to an HTTP/S endpoint, with SNS's headers. */
export interface HttpPost {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** The outcome of one attempt: the status the endpoint answered, or why there was none. */
export interface AttemptResult {
  statusCode?: number;
  error?: string;
}

/** Makes one POST and reports how it went; never throws. An aborted signal ends it at once. */
export function postOnce(post: HttpPost, timeoutMs = DELIVERY_TIMEOUT_MS, signal?: AbortSignal): Promise<AttemptResult> {
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(post.url);
    } catch {
      resolve({ error: `not a URL: ${post.url}` });
      return;
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const body = Buffer.from(post.body, 'utf8');
    const req = send(url, { method: 'POST', headers: { ...post.headers, 'content-length': String(body.length) }, timeout: timeoutMs, signal }, (res) => {
      res.resume();
      res.on('end', () => resolve({ statusCode: res.statusCode }));
      res.on('error', (err) => resolve({ statusCode: res.statusCode, error: err.message }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (err) => resolve({ error: err.message }));
    req.end(body);
  });
}

/** SNS counts 2xx-4xx answers as delivered: a 4xx is the endpoint's own refusal and is not retried. */
export function isDelivered(result: AttemptResult): boolean {
  return result.statusCode !== undefined && result.statusCode >= 200 && result.statusCode < 500 && !result.error;
}

/** What the delivery queue needs: time, timers and a log. */
export interface HttpDeliveryDeps {
  clock: Clock;
  timers: Timers;
  log: Logger;
  post?: (post: HttpPost, signal: AbortSignal) => Promise<AttemptResult>;
}

/**
 * Sends POSTs to HTTP/S endpoints in the background with SNS's retries: the caller never waits, so an endpoint that
 * is down or slow never holds up a pipeline. `onAttempt` hears of every attempt, `done` of the last.
 */
export class HttpDelivery {
  private readonly cancels = new Set<() => void>();
  // Ends the attempts in flight at shutdown: an endpoint that never answers must not hold the process for 15 s.
  private readonly inFlight = new AbortController();
  private closed = false;

  constructor(private readonly deps: HttpDeliveryDeps) {
    // Every attempt in flight listens to it, and a slow endpoint can have hundreds waiting: not a leak.
    setMaxListeners(0, this.inFlight.signal);
  }

  /** Starts delivering; returns at once. */
  send(post: HttpPost, policy: HealthyRetryPolicy, report: (attempt: number, result: AttemptResult, final: boolean) => void): void {
    void this.attempt(post, policy, 1, report);
  }

  /** Stops retrying and ends the attempts in flight. */
  close(): void {
    this.closed = true;
    this.inFlight.abort();
    this.cancels.forEach((cancel) => cancel());
    this.cancels.clear();
  }

  private async attempt(post: HttpPost, policy: HealthyRetryPolicy, attempt: number, report: (attempt: number, result: AttemptResult, final: boolean) => void): Promise<void> {
    const signal = this.inFlight.signal;
    const result = await (this.deps.post ? this.deps.post(post, signal) : postOnce(post, DELIVERY_TIMEOUT_MS, signal));
    // An attempt cut short by shutdown is not the endpoint's failure: nothing is recorded.
    if (this.closed) return;
    const delivered = isDelivered(result);
    const final = delivered || attempt > policy.numRetries || this.closed;
    try {
      report(attempt, result, final);
    } catch (err) {
      this.deps.log.warn({ err }, 'recording an SNS delivery attempt failed');
    }
    if (final) return;
    const delayMs = retryDelaySeconds(policy, attempt) * 1000;
    const cancel = this.deps.timers.setTimer(this.deps.clock.now() + delayMs, () => {
      this.cancels.delete(cancel);
      void this.attempt(post, policy, attempt + 1, report);
    });
    this.cancels.add(cancel);
  }
}
