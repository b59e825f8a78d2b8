import type { ActionExecutionRecord } from '../../model/index.js';
import { toEpochSeconds } from '../../shared/index.js';

/** An action execution as GetPipelineState shows it in `actionStates[].latestExecution`. */
export function actionLatestExecution(r: ActionExecutionRecord, showToken: boolean) {
  return {
    actionExecutionId: r.id,
    status: r.status,
    ...(r.summary !== undefined ? { summary: r.summary } : {}),
    lastStatusChange: toEpochSeconds(r.updatedMs),
    ...(r.token && r.status === 'InProgress' && showToken ? { token: r.token } : {}),
    ...(r.updatedBy ? { lastUpdatedBy: r.updatedBy } : {}),
    ...(r.externalExecutionId ? { externalExecutionId: r.externalExecutionId } : {}),
    ...(r.externalExecutionUrl ? { externalExecutionUrl: r.externalExecutionUrl } : {}),
    ...(r.percentComplete !== undefined ? { percentComplete: r.percentComplete } : {}),
    ...(r.errorDetails ? { errorDetails: r.errorDetails } : {}),
  };
}

/** The `executionResult` of an action or rule execution's output: its external run, summary, link and error. */
export function executionResultOf(r: Pick<ActionExecutionRecord, 'externalExecutionId' | 'summary' | 'externalExecutionUrl' | 'errorDetails'>, externalExecutionUrl = r.externalExecutionUrl) {
  return {
    ...(r.externalExecutionId ? { externalExecutionId: r.externalExecutionId } : {}),
    ...(r.summary !== undefined ? { externalExecutionSummary: r.summary } : {}),
    ...(externalExecutionUrl ? { externalExecutionUrl } : {}),
    ...(r.errorDetails ? { errorDetails: r.errorDetails } : {}),
  };
}

/** An action execution as ListActionExecutions shows it (`ActionExecutionDetail`). */
export function actionExecutionDetail(r: ActionExecutionRecord, externalExecutionUrl = r.externalExecutionUrl) {
  const result = executionResultOf(r, externalExecutionUrl);
  return {
    pipelineExecutionId: r.executionId,
    actionExecutionId: r.id,
    pipelineVersion: r.pipelineVersion,
    stageName: r.stageName,
    actionName: r.actionName,
    startTime: toEpochSeconds(r.startMs),
    lastUpdateTime: toEpochSeconds(r.updatedMs),
    ...(r.updatedBy ? { updatedBy: r.updatedBy } : {}),
    status: r.status,
    input: r.input,
    output: { outputArtifacts: r.output.outputArtifacts, executionResult: result, outputVariables: r.output.outputVariables },
  };
}
