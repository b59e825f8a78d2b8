/**
 * How an in-place deployment moves through its instances (codedeploy.md §3.3): batches as large as the
 * minimum healthy count allows, stopping when a failure leaves too few healthy instances to go on.
 */

/** Why a deployment cannot start at all, as ErrorInformation codes it. */
export type StartProblem = 'NO_INSTANCES' | 'HEALTH_CONSTRAINTS_INVALID';

/** Checks a deployment of `total` instances needing `minHealthy` healthy ones can start. */
export function startProblem(total: number, minHealthy: number): StartProblem | undefined {
  if (total === 0) return 'NO_INSTANCES';
  if (minHealthy >= total) return 'HEALTH_CONSTRAINTS_INVALID';
  return undefined;
}

/** The counts a progression keeps between batches. */
export interface ProgressionCounts {
  total: number;
  minHealthy: number;
  succeeded: number;
  failed: number;
}

/**
 * How many of the remaining instances may be deployed at once now: as many as can be unhealthy
 * without the healthy count dropping below the minimum, less those that already failed. 0 means stop.
 */
function batchCapacity(counts: ProgressionCounts): number {
  return counts.total - counts.minHealthy - counts.failed;
}

/** Whether a deployment whose instances were all attempted succeeded: enough successes, and at least one. */
function succeededOverall(counts: ProgressionCounts): boolean {
  return counts.succeeded >= counts.minHealthy && counts.succeeded >= 1;
}

/** The outcome of one instance, as the progression needs it. */
export type InstanceResult = 'Succeeded' | 'Failed' | 'Skipped';

/** Why a progression ended. */
export type ProgressionEnd = { status: 'Succeeded' } | { status: 'Failed'; code: 'HEALTH_CONSTRAINTS' } | { status: 'Stopped' };

/**
 * Runs the instances batch by batch: `deploy` handles one instance; `stopped` is asked before each batch.
 * Instances never attempted are handed to `skip`. Returns how the whole deployment ended.
 */
export async function progress<T>(
  queue: readonly T[],
  minHealthy: number,
  deploy: (instance: T) => Promise<InstanceResult>,
  skip: (instances: T[]) => void,
  stopped: () => boolean,
): Promise<ProgressionEnd> {
  const counts: ProgressionCounts = { total: queue.length, minHealthy, succeeded: 0, failed: 0 };
  let next = 0;
  while (next < queue.length) {
    if (stopped()) return (skip(queue.slice(next)), { status: 'Stopped' });
    const capacity = batchCapacity(counts);
    if (capacity <= 0) return (skip(queue.slice(next)), { status: 'Failed', code: 'HEALTH_CONSTRAINTS' });
    const batch = queue.slice(next, next + capacity);
    next += batch.length;
    const results = await Promise.all(batch.map(deploy));
    counts.succeeded += results.filter((r) => r === 'Succeeded').length;
    counts.failed += results.filter((r) => r !== 'Succeeded').length;
  }
  if (stopped()) return { status: 'Stopped' };
  return succeededOverall(counts) ? { status: 'Succeeded' } : { status: 'Failed', code: 'HEALTH_CONSTRAINTS' };
}
