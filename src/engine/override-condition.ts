import type { ConditionExecutionRecord, PipelineExecutionRecord } from '../model/index.js';
import type { PipelineRecord, Scope } from '../store/index.js';
import { pipelineKey, type EngineCore, type LiveExecution } from './engine-core.js';
import { EngineError } from './engine-error.js';
import type { ExecutionFlow } from './execution-flow.js';

/** An OverrideStageCondition request, checked and carried out by overrideCondition. */
export interface OverrideRequest {
  stageName: string;
  executionId: string;
  type: 'BEFORE_ENTRY' | 'ON_SUCCESS';
  by: string;
}

function notOverridable(message: string): EngineError {
  return new EngineError('ConditionNotOverridable', message); // wording inferred
}

function findCondition(core: EngineCore, scope: Scope, pipeline: PipelineRecord, req: OverrideRequest): { execution: PipelineExecutionRecord; condition: ConditionExecutionRecord } {
  const name = pipeline.declaration.name;
  if (!pipeline.declaration.stages.some((s) => s.name === req.stageName)) {
    throw new EngineError('StageNotFound', `Stage '${req.stageName}' was not found in pipeline '${name}'`); // wording inferred
  }
  const execution = core.executions.get(scope, name, req.executionId);
  const condition = execution && core.conditions.latestCondition(scope, name, req.stageName, req.type, req.executionId);
  if (!execution || !condition) throw notOverridable(`Pipeline execution ${req.executionId} has no ${req.type} condition evaluation of stage ${req.stageName} to override`);
  return { execution, condition };
}

/**
 * OverrideStageCondition: a condition being evaluated ends as Overridden and the execution goes on as if it were met;
 * one that failed its stage (result FAIL) becomes Overridden and the execution resumes from there, as AWS lets a
 * blocked execution enter or leave the stage. Any other condition is refused.
 */
export function overrideCondition(core: EngineCore, flow: ExecutionFlow, scope: Scope, pipeline: PipelineRecord, req: OverrideRequest): void {
  const { execution, condition } = findCondition(core, scope, pipeline, req);
  const live = core.live.get(execution.id);
  if (condition.status === 'InProgress' && live?.condition?.type === req.type && live.condition.stageName === req.stageName) return live.condition.override(req.by);
  if (condition.status !== 'Failed' || condition.result !== 'FAIL' || execution.status !== 'Failed') {
    throw notOverridable(`The ${req.type} condition of stage ${req.stageName} in pipeline execution ${execution.id} is ${condition.status} with result ${condition.result} and cannot be overridden`);
  }
  if (core.executions.latestStages(execution, execution.pipelineName).get(req.stageName)?.executionId !== execution.id) {
    throw new EngineError('NotLatestPipelineExecution', `The stage has failed in a later run of the pipeline and the pipelineExecutionId ${execution.id} is out of date`);
  }
  if (pipeline.declaration.version !== execution.pipelineVersion) throw notOverridable(`The pipeline was updated after pipeline execution ${execution.id} ran stage ${req.stageName}`);
  if (execution.executionMode !== 'PARALLEL' && core.gate.holder(pipelineKey(execution), req.stageName)) {
    throw new EngineError('Conflict', 'The pipeline is busy handling ongoing activities. Try again later.');
  }
  const declaration = core.pipelines.getVersion(execution, execution.pipelineName, execution.pipelineVersion)!;
  const index = declaration.stages.findIndex((s) => s.name === req.stageName);
  core.recorder.moveCondition(condition, 'Overridden', { summary: `Overridden by ${req.by}`, overriddenBy: req.by }); // wording inferred
  const resumed: LiveExecution = { record: execution, declaration, running: new Map() };
  core.live.set(execution.id, resumed);
  resumed.record = core.recorder.moveExecution(execution, 'InProgress', { statusSummary: undefined });
  if (req.type === 'BEFORE_ENTRY') {
    resumed.skipBeforeEntry = true;
    return flow.enter(resumed, index, 'fresh');
  }
  const stage = core.executions.getStage(execution.id, req.stageName)!;
  core.recorder.moveStage(resumed.record, stage, 'Succeeded');
  flow.advance(resumed, index + 1);
}
