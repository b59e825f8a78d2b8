/** Why a build ended before its phases did: StopBuild, its timeout, or a limit it broke (FAILED, with a context). */
export type Interruption = 'STOPPED' | 'TIMED_OUT' | 'FAILED';

/**
 * Watches a build's stop signal and its timeout, and calls `onInterrupt` once, at the first of the two, so
 * the container goes at once rather than when the running command would have ended.
 */
export class BuildControl {
  private current: Interruption | undefined;
  private failureContext: { statusCode: string; message: string } | undefined;
  private readonly timer: NodeJS.Timeout;
  private readonly signal: AbortSignal;
  private readonly listener: () => void;
  private readonly waiters: ((reason: Interruption) => void)[] = [];
  private readonly onInterrupt: (reason: Interruption) => void;

  constructor(options: { signal: AbortSignal; timeoutMs: number; onInterrupt(reason: Interruption): void }) {
    this.signal = options.signal;
    this.onInterrupt = options.onInterrupt;
    this.listener = () => this.interrupt('STOPPED');
    this.timer = setTimeout(() => this.interrupt('TIMED_OUT'), options.timeoutMs);
    this.timer.unref();
    if (this.signal.aborted) queueMicrotask(this.listener);
    else this.signal.addEventListener('abort', this.listener, { once: true });
  }

  /** The interruption, once one happened. */
  get reason(): Interruption | undefined {
    return this.current;
  }

  /** Why the build FAILED, when a broken limit interrupted it. */
  get failure(): { statusCode: string; message: string } | undefined {
    return this.failureContext;
  }

  /** Ends the build now as FAILED with this phase context (a limit it broke), unless it was already interrupted. */
  fail(context: { statusCode: string; message: string }): void {
    if (this.current !== undefined) return;
    this.failureContext = context;
    this.interrupt('FAILED');
  }

  /** Resolves with the interruption when one happens (never resolves otherwise). */
  interrupted(): Promise<Interruption> {
    if (this.current !== undefined) return Promise.resolve(this.current);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * Awaits a step that talks to the build container, or the interruption if it comes first; when StopBuild or the
   * timeout removed the container under the step, the step's failure is that interruption, not an error of its own.
   */
  race<T>(step: Promise<T>): Promise<{ value: T } | { reason: Interruption }> {
    // The step dies with the container when the build is interrupted; its error then says nothing new.
    step.catch(() => undefined);
    return Promise.race([step.then((value) => ({ value })), this.interrupted().then((reason) => ({ reason }))]).catch((err: unknown) => {
      if (this.current !== undefined) return { reason: this.current };
      throw err;
    });
  }

  /** Stops watching: the build is over. */
  dispose(): void {
    clearTimeout(this.timer);
    this.signal.removeEventListener('abort', this.listener);
  }

  private interrupt(reason: Interruption): void {
    if (this.current !== undefined) return;
    this.current = reason;
    this.dispose();
    this.onInterrupt(reason);
    for (const resolve of this.waiters.splice(0)) resolve(reason);
  }
}
