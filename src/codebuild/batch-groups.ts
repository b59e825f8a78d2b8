import type { BuildGroupRecord, BuildStatus } from '../store/index.js';

/** What the scheduler does with one build of a batch. */
export interface GroupRunner {
  /** Starts the group's build; resolves with its final status. */
  run(group: BuildGroupRecord): Promise<BuildStatus>;
  /** Stops the builds still running (fast-fail). */
  stopRunning(): Promise<void>;
}

/** How the groups of one run of a batch ended. */
export interface GroupsOutcome {
  /** True when a build failed that does not ignore failure (or one never ran because of one). */
  failed: boolean;
  stopped: boolean;
}

/**
 * Runs the groups of a batch in dependency order, at most `limit` at once. A group starts once each group it depends
 * on has succeeded (or failed with `ignore-failure`); one whose dependency failed never runs. With fast-fail the
 * first failure stops the running builds and starts no more; without it the others run to their end.
 */
export async function runGroups(
  groups: BuildGroupRecord[],
  toRun: ReadonlySet<string>,
  options: { limit: number; fastFail: boolean; signal: AbortSignal; runner: GroupRunner },
): Promise<GroupsOutcome> {
  const byId = new Map(groups.map((g) => [g.identifier, g]));
  // Groups this run leaves alone count with their last result (RETRY_FAILED_BUILDS keeps the builds that succeeded).
  const settled = new Map<string, boolean>();
  for (const g of groups) {
    if (!toRun.has(g.identifier)) settled.set(g.identifier, g.currentBuildSummary?.buildStatus === 'SUCCEEDED' || g.ignoreFailure);
  }
  const pending = groups.filter((g) => toRun.has(g.identifier)).map((g) => g.identifier);
  const running = new Map<string, Promise<{ id: string; status: BuildStatus }>>();
  let failed = false;
  let halted = false;
  while (!options.signal.aborted) {
    for (const id of [...pending]) {
      const deps = byId.get(id)?.dependsOn ?? [];
      if (deps.some((d) => settled.get(d) === false)) {
        // Never runs: a build it depends on failed.
        pending.splice(pending.indexOf(id), 1);
        settled.set(id, false);
        if (!byId.get(id)?.ignoreFailure) failed = true;
      }
    }
    const ready = halted ? [] : pending.filter((id) => (byId.get(id)?.dependsOn ?? []).every((d) => settled.get(d) === true));
    for (const id of ready) {
      if (running.size >= options.limit) break;
      pending.splice(pending.indexOf(id), 1);
      const group = byId.get(id) as BuildGroupRecord;
      running.set(id, options.runner.run(group).then((status) => ({ id, status })));
    }
    if (running.size === 0) break;
    const { id, status } = await Promise.race(running.values());
    running.delete(id);
    const ok = status === 'SUCCEEDED' || (byId.get(id)?.ignoreFailure ?? false);
    settled.set(id, ok);
    if (!ok) {
      failed = true;
      if (options.fastFail && !halted) {
        halted = true;
        pending.length = 0;
        await options.runner.stopRunning();
      }
    }
  }
  if (options.signal.aborted) {
    await options.runner.stopRunning();
    await Promise.allSettled(running.values());
    return { failed, stopped: true };
  }
  return { failed, stopped: false };
}
