import type { PipelineExecutionRecord, TriggerType } from '../model/index.js';
import type { PipelineRecord, Scope } from '../store/index.js';
import { pipelineKey, type EngineCore, type LiveExecution } from './engine-core.js';
import { EngineError } from './engine-error.js';

/** What starts a rollback: the stage, the execution it rolls back to, and who asked. */
export interface RollbackRequest {
  stageName: string;
  target: PipelineExecutionRecord;
  trigger: { triggerType: Extract<TriggerType, 'ManualRollback' | 'AutomatedRollback'>; triggerDetail?: string };
}

function unable(message: string): EngineError {
  return new EngineError('UnableToRollbackStage', message);
}

/** Checks a RollbackStage against AWS's rules (stage-rollback "Considerations"); returns the stage's index. */
export function checkManualRollback(core: EngineCore, pipeline: PipelineRecord, stageName: string, target: PipelineExecutionRecord): number {
  const declaration = pipeline.declaration;
  const index = declaration.stages.findIndex((s) => s.name === stageName);
  if (index < 0) throw new EngineError('StageNotFound', `Stage '${stageName}' was not found in pipeline '${declaration.name}'`); // wording inferred
  if (declaration.executionMode === 'PARALLEL') throw unable(`Stage rollback is not available for pipelines in PARALLEL execution mode`); // wording inferred
  if (index === 0) throw unable(`Stage '${stageName}' is a source stage, which cannot be rolled back`); // wording inferred
  if (target.executionType === 'ROLLBACK') throw unable(`Pipeline execution ${target.id} is a rollback execution and cannot be a rollback target`); // wording inferred
  if (target.pipelineVersion !== declaration.version) {
    throw new EngineError(
      'PipelineExecutionOutdated',
      `Pipeline execution ${target.id} ran on pipeline version ${target.pipelineVersion}, not the current version ${declaration.version}, and cannot be a target for rollback`, // wording inferred
    );
  }
  if (core.executions.getStage(target.id, stageName)?.status !== 'Succeeded') {
    throw unable(`Pipeline execution ${target.id} did not succeed in stage '${stageName}', so the stage cannot be rolled back to it`); // wording inferred
  }
  const holder = core.gate.holder(pipelineKey(target), stageName);
  if (holder !== undefined) {
    if (core.live.get(holder)?.record.executionType === 'ROLLBACK') throw new EngineError('Conflict', 'The pipeline is busy handling ongoing activities. Try again later.');
    throw unable(`Stage '${stageName}' is running pipeline execution ${holder}; stop it or wait for it to finish before rolling the stage back`); // wording inferred
  }
  return index;
}

/** Creates the ROLLBACK execution of one stage, with the target's variables and source revisions, and sets it going through `advance`. */
export function startRollback(core: EngineCore, advance: (live: LiveExecution, index: number) => void, scope: Scope, pipeline: PipelineRecord, request: RollbackRequest): PipelineExecutionRecord {
  const { target, stageName } = request;
  const now = core.clock.now();
  const record: PipelineExecutionRecord = {
    id: core.ids.uuid(),
    account: scope.account,
    region: scope.region,
    pipelineName: pipeline.declaration.name,
    pipelineVersion: pipeline.declaration.version!,
    status: 'InProgress',
    executionMode: pipeline.declaration.executionMode ?? 'SUPERSEDED',
    executionType: 'ROLLBACK',
    rollbackMetadata: { rollbackTargetPipelineExecutionId: target.id },
    rollbackStageName: stageName,
    trigger: request.trigger,
    // AWS: "CodePipeline will use the variables and artifacts from the execution to which it is rolling back."
    variables: target.variables,
    sourceOverrides: [],
    artifactRevisions: target.artifactRevisions,
    sourceRevisions: target.sourceRevisions,
    startMs: now,
    updatedMs: now,
  };
  const live: LiveExecution = { record, declaration: pipeline.declaration, running: new Map() };
  core.live.set(record.id, live);
  core.recorder.createExecution(record);
  advance(live, pipeline.declaration.stages.findIndex((s) => s.name === stageName));
  return live.record;
}

/** Where a ROLLBACK execution goes when asked for stage `index`: its one stage, and after it past the last stage. */
export function rollbackStep(live: LiveExecution, index: number): number {
  const stageName = live.record.executionType === 'ROLLBACK' ? live.record.rollbackStageName : undefined;
  if (!stageName) return index;
  const own = live.declaration.stages.findIndex((s) => s.name === stageName);
  return index <= own ? own : live.declaration.stages.length;
}

/** The newest STANDARD execution of the current version, other than `failedId`, that succeeded in the stage: an automatic rollback's target. */
export function automaticRollbackTarget(core: EngineCore, live: LiveExecution, stageName: string): PipelineExecutionRecord | undefined {
  const scope = live.record;
  const version = core.pipelines.get(scope, scope.pipelineName)?.declaration.version;
  const succeeded = core.executions.succeededIn(scope, scope.pipelineName, stageName);
  let cursor = Number.MAX_SAFE_INTEGER;
  for (;;) {
    const batch = core.executions.list(scope, scope.pipelineName, cursor, 200);
    const found = batch.find(({ record: r }) => r.id !== live.record.id && r.executionType === 'STANDARD' && r.pipelineVersion === version && succeeded.has(r.id));
    if (found) return found.record;
    if (batch.length < 200) return undefined;
    cursor = batch[batch.length - 1].seq;
  }
}
