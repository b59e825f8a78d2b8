import type { ActionExecutionStatus, ConditionExecutionStatus, PipelineExecutionStatus, RuleExecutionStatus, StageExecutionStatus } from '../model/index.js';
import type { EngineEventName } from './events.js';

type Moves<S extends string> = Partial<Record<S, Partial<Record<S, EngineEventName>>>>;

/**
 * The allowed moves of a pipeline execution and the event each emits (docs/engine.md draws them).
 * Failed and Stopped go back to InProgress only through RetryStageExecution.
 */
export const executionMoves: Moves<PipelineExecutionStatus> = {
  InProgress: {
    InProgress: 'execution:waiting',
    Stopping: 'execution:stopping',
    Stopped: 'execution:stopped',
    Succeeded: 'execution:succeeded',
    Failed: 'execution:failed',
    Superseded: 'execution:superseded',
    Cancelled: 'execution:cancelled',
  },
  Stopping: { Stopped: 'execution:stopped', Failed: 'execution:failed', Cancelled: 'execution:cancelled' },
  Failed: { InProgress: 'execution:resumed' },
  Stopped: { InProgress: 'execution:resumed' },
};

/** The allowed moves of a stage execution and the event each emits. */
export const stageMoves: Moves<StageExecutionStatus> = {
  InProgress: { Succeeded: 'stage:succeeded', Failed: 'stage:failed', Stopping: 'stage:stopping', Stopped: 'stage:stopped', Cancelled: 'stage:cancelled', Skipped: 'stage:skipped' },
  Stopping: { Stopped: 'stage:stopped', Failed: 'stage:failed' },
  // Failed -> Succeeded: OverrideStageCondition on an onSuccess condition that failed the stage.
  Failed: { InProgress: 'stage:entered', Succeeded: 'stage:succeeded' },
  Stopped: { InProgress: 'stage:entered' },
};

/** The allowed moves of an action execution and the event each emits; every retry is a new action execution. */
export const actionMoves: Moves<ActionExecutionStatus> = {
  InProgress: { InProgress: 'action:progressed', Succeeded: 'action:succeeded', Failed: 'action:failed', Abandoned: 'action:abandoned' },
};

/** The allowed moves of a stage condition's evaluation; a Failed one may still be overridden (OverrideStageCondition). */
export const conditionMoves: Moves<ConditionExecutionStatus> = {
  InProgress: { Succeeded: 'condition:succeeded', Failed: 'condition:failed', Errored: 'condition:failed', Overridden: 'condition:overridden', Abandoned: 'condition:abandoned' },
  Failed: { Overridden: 'condition:overridden' },
};

/** The allowed moves of a rule execution; every evaluation of a condition runs its rules anew. */
export const ruleMoves: Moves<RuleExecutionStatus> = {
  InProgress: { InProgress: 'rule:progressed', Succeeded: 'rule:succeeded', Failed: 'rule:failed', Abandoned: 'rule:abandoned' },
};

/** Thrown when code asks for a move the tables do not allow: a bug, never a user error. */
export class IllegalMoveError extends Error {}

/** Returns the event of a move, or throws IllegalMoveError when the table does not allow it. */
export function eventOfMove<S extends string>(table: Moves<S>, kind: string, from: S, to: S): EngineEventName {
  const event = table[from]?.[to];
  if (!event) throw new IllegalMoveError(`A ${kind} cannot move from ${from} to ${to}`);
  return event;
}
