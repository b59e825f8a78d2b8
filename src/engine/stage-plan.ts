import type { ActionDeclaration, ActionExecutionRecord, StageDeclaration } from '../model/index.js';

/** How a stage run treats actions that already ran in this execution. */
export type RunMode = 'fresh' | 'ALL_ACTIONS' | 'FAILED_ACTIONS' | 'resume';

/** The stage's actions grouped by runOrder, groups in ascending order (gaps allowed). */
export function runOrderGroups(stage: StageDeclaration): ActionDeclaration[][] {
  const groups = new Map<number, ActionDeclaration[]>();
  for (const action of stage.actions) {
    const order = action.runOrder ?? 1;
    groups.set(order, [...(groups.get(order) ?? []), action]);
  }
  return [...groups.entries()].sort(([a], [b]) => a - b).map(([, actions]) => actions);
}

/** What to do with one action in a stage run: run it, resume it, count an earlier outcome, or skip it. */
export type ActionStep = { kind: 'run' } | { kind: 'resume'; record: ActionExecutionRecord } | { kind: 'done'; status: ActionExecutionRecord['status'] };

/** Decides an action's step from the mode and its latest execution in this execution and stage run. */
export function stepFor(mode: RunMode, latest: ActionExecutionRecord | undefined): ActionStep {
  if (mode === 'fresh' || mode === 'ALL_ACTIONS' || !latest) return { kind: 'run' };
  if (latest.status === 'Succeeded') return { kind: 'done', status: 'Succeeded' };
  if (mode === 'FAILED_ACTIONS') return { kind: 'run' };
  return latest.status === 'InProgress' ? { kind: 'resume', record: latest } : { kind: 'done', status: latest.status };
}
