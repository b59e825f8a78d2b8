import type { ActionContext } from '../contract.js';
import { sourceFailures } from './source-failures.js';

/**
 * Runs a source action's work and settles as soon as the action is stopped, with an ActionFailure, even when a
 * step (a repository lookup, a fetch from a remote) is still under way; that step's result is then ignored.
 */
export function untilAborted<T>(ctx: ActionContext, work: () => Promise<T>): Promise<T> {
  if (ctx.signal.aborted) return Promise.reject(sourceFailures.aborted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(sourceFailures.aborted());
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    work().then(resolve, reject).finally(() => ctx.signal.removeEventListener('abort', onAbort));
  });
}
