import type { ConditionDeclaration, ConditionType, StageDeclaration } from '../../model/index.js';
import type { EngineCore, LiveExecution } from '../engine-core.js';
import { evaluateCondition } from './condition-runner.js';

/** What a stage's entry or success condition lets the execution do next. */
export type ConditionGate =
  | { kind: 'pass' }
  | { kind: 'fail'; summary: string }
  | { kind: 'skip'; summary: string }
  | { kind: 'rollback'; summary: string }
  | { kind: 'stopped' }
  | { kind: 'halted' };

type Result = NonNullable<ConditionDeclaration['result']>;

async function gate(core: EngineCore, live: LiveExecution, stage: StageDeclaration, type: ConditionType, conditions: ConditionDeclaration[] | undefined): Promise<ConditionGate> {
  // The model allows exactly one condition per kind; a list keeps the loop honest should that change.
  for (const condition of conditions ?? []) {
    const result: Result = condition.result ?? 'FAIL'; // the default when result is left out is inferred
    const verdict = await evaluateCondition(core, live, stage, type, condition, result);
    if (verdict.status === 'Halted') return { kind: 'halted' };
    if (verdict.status === 'Abandoned') return { kind: 'stopped' };
    if (verdict.status !== 'Failed') continue;
    if (result === 'SKIP') return { kind: 'skip', summary: verdict.summary };
    if (result === 'ROLLBACK') return { kind: 'rollback', summary: verdict.summary };
    return { kind: 'fail', summary: verdict.summary };
  }
  return { kind: 'pass' };
}

/** Evaluates a stage's entry condition (beforeEntry): FAIL fails the stage, SKIP skips it. */
export function checkBeforeEntry(core: EngineCore, live: LiveExecution, stage: StageDeclaration): Promise<ConditionGate> {
  return gate(core, live, stage, 'BEFORE_ENTRY', stage.beforeEntry?.conditions);
}

/** Evaluates a stage's success condition (onSuccess) once its actions succeeded: FAIL fails the stage, ROLLBACK rolls it back. */
export function checkOnSuccess(core: EngineCore, live: LiveExecution, stage: StageDeclaration): Promise<ConditionGate> {
  return gate(core, live, stage, 'ON_SUCCESS', stage.onSuccess?.conditions);
}

/** Whether a stage declares conditions of a kind. */
export function hasConditions(stage: StageDeclaration, kind: 'beforeEntry' | 'onSuccess' | 'onFailure'): boolean {
  return (stage[kind]?.conditions?.length ?? 0) > 0;
}

/**
 * Evaluates a failed stage's failure conditions (onFailure): when they are met their result applies (ROLLBACK, RETRY or
 * FAIL, the condition's own or onFailure's); when not, the stage simply fails. 'halted' when the emulator shut down.
 */
export async function checkOnFailure(core: EngineCore, live: LiveExecution, stage: StageDeclaration): Promise<'ROLLBACK' | 'RETRY' | undefined | 'halted'> {
  for (const condition of stage.onFailure?.conditions ?? []) {
    const result = condition.result ?? stage.onFailure?.result ?? 'FAIL';
    const verdict = await evaluateCondition(core, live, stage, 'ON_FAILURE', condition, result);
    if (verdict.status === 'Halted') return 'halted';
    if (verdict.status !== 'Succeeded' && verdict.status !== 'Overridden') return undefined;
    return result === 'ROLLBACK' || result === 'RETRY' ? result : undefined;
  }
  return undefined;
}
