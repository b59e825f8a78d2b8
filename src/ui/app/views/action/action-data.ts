import { getPipelineState, listActionExecutions, type ActionExecutionDetail, type ActionLatestExecution } from '../../api/codepipeline.js';

/** One action execution, the other runs of the same action in the execution (retries), and its live state. */
export interface ActionData {
  run: ActionExecutionDetail;
  attempts: ActionExecutionDetail[];
  /** The action's latest execution from GetPipelineState, when it is this run (for an approval's token). */
  latest?: ActionLatestExecution;
}

/** Thrown when the action execution is not one of the execution's. */
export class ActionRunNotFound extends Error {}

/** Loads an action execution by id among the action executions of its pipeline execution. */
export async function loadAction(name: string, executionId: string, actionExecutionId: string, signal: AbortSignal): Promise<ActionData> {
  const [runs, state] = await Promise.all([listActionExecutions(name, executionId, 1000, signal), getPipelineState(name, signal)]);
  const run = runs.find((r) => r.actionExecutionId === actionExecutionId);
  if (!run) throw new ActionRunNotFound(`Execution ${executionId} of ${name} has no action execution ${actionExecutionId}.`);
  const attempts = runs.filter((r) => r.stageName === run.stageName && r.actionName === run.actionName).reverse();
  const latest = state.stageStates
    .find((s) => s.stageName === run.stageName)
    ?.actionStates.find((a) => a.actionName === run.actionName)?.latestExecution;
  return { run, attempts, latest: latest?.actionExecutionId === actionExecutionId ? latest : undefined };
}
