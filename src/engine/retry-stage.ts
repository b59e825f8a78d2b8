import type { PipelineExecutionRecord, StageExecutionRecord } from '../model/index.js';
import type { PipelineRecord } from '../store/index.js';
import { pipelineKey, type EngineCore, type LiveExecution } from './engine-core.js';
import { EngineError } from './engine-error.js';
import type { ExecutionFlow } from './execution-flow.js';

const NOT_RETRYABLE = 'pipeline structure or stage state might have changed, or the stage contains no failed actions';

/** Checks a RetryStageExecution against AWS's rules, then runs the stage again on the same execution. */
export function retryStage(
  core: EngineCore,
  flow: ExecutionFlow,
  pipeline: PipelineRecord,
  record: PipelineExecutionRecord,
  stageName: string,
  mode: 'FAILED_ACTIONS' | 'ALL_ACTIONS',
): void {
  const declaration = core.pipelines.getVersion(record, record.pipelineName, record.pipelineVersion)!;
  const index = declaration.stages.findIndex((s) => s.name === stageName);
  if (index < 0 || !pipeline.declaration.stages.some((s) => s.name === stageName)) {
    throw new EngineError('StageNotFound', `Stage '${stageName}' was not found in pipeline '${record.pipelineName}'`); // wording inferred
  }
  const stage = core.executions.getStage(record.id, stageName);
  const live = core.live.get(record.id);
  if (mode === 'FAILED_ACTIONS' && live?.groupRuns && live.stageIndex === index && stage?.status === 'InProgress') {
    return retryWhileRunning(core, flow, live, stage, stageName);
  }
  const retryable = stage && (stage.status === 'Failed' || stage.status === 'Stopped') && (record.status === 'Failed' || record.status === 'Stopped');
  if (!retryable || pipeline.declaration.version !== record.pipelineVersion) {
    throw new EngineError('StageNotRetryable', `Stage '${stageName}' of execution ${record.id} cannot be retried: the ${NOT_RETRYABLE}`);
  }
  if (core.executions.latestStages(record, record.pipelineName).get(stageName)?.executionId !== record.id) {
    throw new EngineError('NotLatestPipelineExecution', `The stage has failed in a later run of the pipeline and the pipelineExecutionId ${record.id} is out of date`);
  }
  if (record.executionMode !== 'PARALLEL' && core.gate.holder(pipelineKey(record), stageName)) {
    throw new EngineError('Conflict', 'The pipeline is busy handling ongoing activities. Try again later.');
  }
  if (mode === 'FAILED_ACTIONS' && !hasFailedActions(core, record.id, stageName)) {
    throw new EngineError('StageNotRetryable', `Stage '${stageName}' of execution ${record.id} cannot be retried: the ${NOT_RETRYABLE}`);
  }
  const resumed: LiveExecution = { record, declaration, running: new Map() };
  core.live.set(record.id, resumed);
  resumed.record = core.recorder.moveExecution(record, 'InProgress', { statusSummary: undefined, stopTrigger: undefined });
  flow.enter(resumed, index, mode, { manualRetryAttempt: stage!.manualRetryAttempt + 1, latestRetryTrigger: 'ManualStageRetry' });
}

/** FAILED_ACTIONS while other actions of the group still run: AWS lets them go on and re-runs the failed ones at once. */
function retryWhileRunning(core: EngineCore, flow: ExecutionFlow, live: LiveExecution, stage: StageExecutionRecord, stageName: string): void {
  const latest = new Map(core.actions.ofExecution(live.record.id).filter((a) => a.stageName === stageName).map((a) => [a.actionName, a.status]));
  const failed = [...live.groupRuns!.keys()].filter((name) => latest.get(name) === 'Failed');
  if (!failed.length) {
    throw new EngineError('StageNotRetryable', `Stage '${stageName}' of execution ${live.record.id} cannot be retried: the ${NOT_RETRYABLE}`);
  }
  core.recorder.updateStage(live.record, stage, { manualRetryAttempt: stage.manualRetryAttempt + 1, latestRetryTrigger: 'ManualStageRetry' });
  flow.retryFailedInGroup(live, failed);
}

function hasFailedActions(core: EngineCore, executionId: string, stageName: string): boolean {
  const latest = new Map(core.actions.ofExecution(executionId).filter((a) => a.stageName === stageName).map((a) => [a.actionName, a.status]));
  return [...latest.values()].some((s) => s === 'Failed' || s === 'Abandoned');
}
