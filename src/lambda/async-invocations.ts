import type { LambdaFunctionRecord } from '../model/index.js';
import type { Clock, Logger, Timers } from '../shared/index.js';
import type { LambdaFunctions } from './functions.js';
import type { InvocationResult } from './invoker.js';

/** Lambda's retries of a failed asynchronous invocation: two, after 1 and then 2 minutes (invocation-async). */
export const ASYNC_RETRY_DELAYS_MS: readonly number[] = [60_000, 120_000];

/** What asynchronous invocations need: the functions, a way to invoke one, time, and a log. */
export interface AsyncInvocationDeps {
  functions: Pick<LambdaFunctions, 'get'>;
  invoke(fn: LambdaFunctionRecord, event: Buffer): Promise<InvocationResult>;
  clock: Clock;
  timers: Timers;
  log: Logger;
}

/**
 * Invoke with InvocationType Event: the function runs in the background; a function error is retried twice, 1 and 2
 * minutes later, with the function as it is then (one deleted meanwhile is not retried). The queue is in memory: a
 * restart drops what is waiting.
 */
export class AsyncInvocations {
  private readonly pending = new Set<() => void>();
  private closed = false;

  constructor(private readonly deps: AsyncInvocationDeps) {}

  /** How many retries are waiting for their time. */
  get retriesWaiting(): number {
    return this.pending.size;
  }

  /** Queues an invocation; it starts at once. */
  queue(fn: LambdaFunctionRecord, event: Buffer): void {
    void this.attempt(fn, event, 0);
  }

  /** Cancels the retries waiting (the emulator is closing). */
  close(): void {
    this.closed = true;
    this.pending.forEach((cancel) => cancel());
    this.pending.clear();
  }

  private async attempt(fn: LambdaFunctionRecord, event: Buffer, retry: number): Promise<void> {
    let failed: boolean;
    try {
      failed = (await this.deps.invoke(fn, event)).functionError !== undefined;
    } catch (error) {
      this.deps.log.warn({ err: error, function: fn.arn }, 'an asynchronous invocation could not run');
      failed = true;
    }
    const delay = ASYNC_RETRY_DELAYS_MS[retry];
    if (!failed || delay === undefined || this.closed) return;
    const cancel = this.deps.timers.setTimer(this.deps.clock.now() + delay, () => {
      this.pending.delete(cancel);
      let current: LambdaFunctionRecord;
      try {
        current = this.deps.functions.get(fn, fn.name, fn.version);
      } catch {
        return;
      }
      void this.attempt(current, event, retry + 1);
    });
    this.pending.add(cancel);
  }
}
