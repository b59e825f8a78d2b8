/**
 * Execution, stage and action statuses, and which of them are final. A file of pure constants that imports nothing,
 * so the console (src/ui/app) may import it too: server and console share one list of final statuses.
 */

/** Values copied verbatim from the CodePipeline service model. */
export const PipelineExecutionStatus = {
  Cancelled: 'Cancelled',
  InProgress: 'InProgress',
  Stopped: 'Stopped',
  Stopping: 'Stopping',
  Succeeded: 'Succeeded',
  Superseded: 'Superseded',
  Failed: 'Failed',
} as const;
/** A pipeline execution's status, as the SDK spells it. */
export type PipelineExecutionStatus = (typeof PipelineExecutionStatus)[keyof typeof PipelineExecutionStatus];

/** A stage execution's status, as the SDK spells it. */
export const StageExecutionStatus = {
  Cancelled: 'Cancelled',
  InProgress: 'InProgress',
  Failed: 'Failed',
  Stopped: 'Stopped',
  Stopping: 'Stopping',
  Succeeded: 'Succeeded',
  Skipped: 'Skipped',
} as const;
/** A stage execution's status, as the SDK spells it. */
export type StageExecutionStatus = (typeof StageExecutionStatus)[keyof typeof StageExecutionStatus];

/** An action execution's status, as the SDK spells it. */
export const ActionExecutionStatus = { InProgress: 'InProgress', Abandoned: 'Abandoned', Succeeded: 'Succeeded', Failed: 'Failed' } as const;
/** An action execution's status, as the SDK spells it. */
export type ActionExecutionStatus = (typeof ActionExecutionStatus)[keyof typeof ActionExecutionStatus];

/** The statuses in which a pipeline execution, a stage or an action has ended: the one list of final statuses. */
export const FINAL_STATUSES: ReadonlySet<string> = new Set<PipelineExecutionStatus | StageExecutionStatus | ActionExecutionStatus>([
  'Succeeded',
  'Failed',
  'Stopped',
  'Superseded',
  'Cancelled',
  'Abandoned',
]);

/** Tells whether an execution's, stage's or action's status is final. */
export function isFinalStatus(status: string): boolean {
  return FINAL_STATUSES.has(status);
}
