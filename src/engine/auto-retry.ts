import type { StageDeclaration, StageExecutionRecord } from '../model/index.js';
import type { EngineCore, LiveExecution } from './engine-core.js';

/** How many times AWS retries a failed stage by itself (`onFailure.result: RETRY`): once. */
export const AUTOMATIC_STAGE_RETRIES = 1;

/** What a failed stage's `onFailure` asks for: retry it at once, roll it back, or nothing (the execution fails). */
export type FailureReaction = { kind: 'retry'; mode: 'FAILED_ACTIONS' | 'ALL_ACTIONS'; patch: Partial<StageExecutionRecord> } | { kind: 'rollback' } | undefined;

/**
 * The result a stage's onFailure applies. Without conditions it applies directly when the stage fails;
 * with conditions, their rules decide (evaluated by the conditions side), so none is taken here.
 */
export function declaredFailureResult(stage: StageDeclaration): 'ROLLBACK' | 'RETRY' | undefined {
  const onFailure = stage.onFailure;
  if (!onFailure || onFailure.conditions?.length) return undefined;
  return onFailure.result === 'ROLLBACK' || onFailure.result === 'RETRY' ? onFailure.result : undefined;
}

/** Decides what follows a failed stage of an execution: an automatic retry, an automatic rollback, or neither. */
export function reactionToFailure(core: EngineCore, live: LiveExecution, index: number, result = declaredFailureResult(live.declaration.stages[index])): FailureReaction {
  // A rollback is itself the reaction to a failure; a stopping execution stops rather than trying again.
  if (!result || live.record.executionType === 'ROLLBACK' || live.stopMode) return undefined;
  const stage = live.declaration.stages[index];
  if (result === 'ROLLBACK') return live.declaration.executionMode === 'PARALLEL' ? undefined : { kind: 'rollback' };
  const record = core.executions.getStage(live.record.id, stage.name);
  if (!record || record.autoRetryAttempt >= AUTOMATIC_STAGE_RETRIES) return undefined;
  return {
    kind: 'retry',
    mode: stage.onFailure?.retryConfiguration?.retryMode ?? 'FAILED_ACTIONS', // the default when retryConfiguration is left out is inferred
    patch: { autoRetryAttempt: record.autoRetryAttempt + 1, latestRetryTrigger: 'AutomatedStageRetry' },
  };
}
