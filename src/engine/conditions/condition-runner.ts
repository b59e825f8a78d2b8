import type { ConditionDeclaration, ConditionExecutionRecord, ConditionType, StageDeclaration } from '../../model/index.js';
import type { ActiveCondition, EngineCore, LiveExecution } from '../engine-core.js';
import { runRule, type RuleEnding } from './rule-runner.js';

/** How a condition's evaluation ended; 'Halted' when the emulator shut down meanwhile (nothing recorded). */
export interface ConditionVerdict {
  status: 'Succeeded' | 'Failed' | 'Overridden' | 'Abandoned' | 'Halted';
  summary: string;
}

function summaryOf(endings: RuleEnding[]): { met: boolean; summary: string } {
  const failed = endings.find((e) => e.kind === 'outcome' && !e.outcome.passed);
  // wording inferred
  if (failed?.kind === 'outcome') return { met: false, summary: `Rule ${failed.ruleName} failed: ${failed.outcome.summary}`.slice(0, 2048) };
  return { met: true, summary: 'All rules of the condition succeeded' };
}

/**
 * Evaluates one condition of a stage: its rules run together and the condition is met only when all of them pass;
 * the first rule that fails decides it, and the others are abandoned. OverrideStageCondition and stops end it early.
 */
export async function evaluateCondition(
  core: EngineCore,
  live: LiveExecution,
  stage: StageDeclaration,
  type: ConditionType,
  condition: ConditionDeclaration,
  result: ConditionExecutionRecord['result'],
): Promise<ConditionVerdict> {
  const now = core.clock.now();
  let record: ConditionExecutionRecord = {
    id: core.ids.uuid(),
    executionId: live.record.id,
    account: live.record.account,
    region: live.record.region,
    pipelineName: live.record.pipelineName,
    stageName: stage.name,
    conditionType: type,
    result,
    status: 'InProgress',
    startMs: now,
    updatedMs: now,
  };
  core.recorder.startCondition(record);
  const controller = new AbortController();
  let ending: { status: 'Overridden' | 'Abandoned'; by?: string } | undefined;
  const active: ActiveCondition = {
    type,
    stageName: stage.name,
    override: (by) => {
      ending ??= { status: 'Overridden', by };
      controller.abort(new Error('The condition was overridden'));
    },
    abandon: () => {
      ending ??= { status: 'Abandoned' };
      controller.abort(new Error('The pipeline execution was stopped'));
    },
  };
  live.condition = active;
  const place = { live, stage, conditionType: type, conditionExecutionId: record.id };
  const endings = await Promise.all(
    (condition.rules ?? []).map(async (rule) => {
      const end = await runRule(core, place, rule, controller.signal);
      if (end.kind === 'outcome' && !end.outcome.passed) controller.abort(new Error(`Rule ${rule.name} failed`));
      return end;
    }),
  );
  if (live.condition === active) live.condition = undefined;
  if (core.closing || endings.some((e) => e.kind === 'halted')) return { status: 'Halted', summary: '' };
  if (ending) {
    const summary = ending.status === 'Overridden' ? `Overridden by ${ending.by}` : 'The pipeline execution was stopped while the condition was evaluated'; // wording inferred
    record = core.recorder.moveCondition(record, ending.status, { summary, ...(ending.by ? { overriddenBy: ending.by } : {}) });
    return { status: ending.status, summary };
  }
  const { met, summary } = summaryOf(endings);
  record = core.recorder.moveCondition(record, met ? 'Succeeded' : 'Failed', { summary });
  return { status: record.status as 'Succeeded' | 'Failed', summary };
}
