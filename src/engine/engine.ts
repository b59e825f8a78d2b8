import type { PipelineExecutionRecord } from '../model/index.js';
import type { ApprovalOutcome } from '../providers/contract.js';
import type { PipelineRecord, Scope } from '../store/index.js';
import { ActionRunner } from './action-runner.js';
import type { AlarmStates } from './conditions/alarm-states.js';
import type { RuleFunctions } from './conditions/rule-functions.js';
import { Approvals } from './approvals.js';
import { pipelineKey, type EngineCore, type EngineDeps, type LiveExecution } from './engine-core.js';
import { EngineError } from './engine-error.js';
import { CANCELLED_SUMMARY, ExecutionFlow } from './execution-flow.js';
import { Recorder } from './recorder.js';
import { recoverExecutions } from './recovery.js';
import { overrideCondition } from './override-condition.js';
import { retryStage } from './retry-stage.js';
import { checkManualRollback, startRollback } from './rollback.js';
import { StageGate } from './stage-gate.js';
import { newExecutionRecord, type StartOptions } from './start-execution.js';
import { setTransition } from './transitions.js';

/** The execution engine: starts, drives, stops and retries executions, and answers approvals and transitions. */
export class Engine {
  private readonly core: EngineCore;
  private readonly approvals: Approvals;
  private readonly runner: ActionRunner;
  private readonly flow: ExecutionFlow;

  constructor(deps: EngineDeps) {
    this.core = { ...deps, recorder: new Recorder(deps), gate: new StageGate(), live: new Map(), closing: false, storing: new Set() };
    this.approvals = new Approvals(this.core);
    this.runner = new ActionRunner(this.core, this.approvals);
    this.flow = new ExecutionFlow(this.core, this.runner);
  }

  private requirePipeline(scope: Scope, name: string): PipelineRecord {
    const record = this.core.pipelines.get(scope, name);
    if (!record) throw new EngineError('PipelineNotFound', `Account '${scope.account}' does not have a pipeline with name '${name}'`);
    return record;
  }

  private requireExecution(scope: Scope, pipelineName: string, id: string): PipelineExecutionRecord {
    const record = this.core.executions.get(scope, pipelineName, id);
    if (!record) {
      throw new EngineError('PipelineExecutionNotFound', `Pipeline execution ID ${id} does not belong to the pipeline ${pipelineName} or does not exist`); // wording inferred
    }
    return record;
  }

  /** Starts an execution of the pipeline's current version; a repeated client request token returns the first one. */
  start(scope: Scope, pipelineName: string, options: StartOptions): PipelineExecutionRecord {
    const pipeline = this.requirePipeline(scope, pipelineName);
    if (options.clientRequestToken) {
      const earlier = this.core.executions.findByToken(scope, pipelineName, options.clientRequestToken);
      if (earlier) return earlier;
    }
    const { record, problem } = newExecutionRecord(this.core, scope, pipeline.declaration, options);
    const live: LiveExecution = { record, declaration: pipeline.declaration, running: new Map() };
    this.core.live.set(record.id, live);
    this.core.recorder.createExecution(record);
    if (problem) this.flow.finish(live, 'Failed', problem);
    else this.flow.advance(live, 0);
    return record;
  }

  /** Stops an execution: in-flight actions finish ('wait') or are abandoned at once. */
  stop(scope: Scope, pipelineName: string, id: string, abandon: boolean, reason?: string): string {
    this.requirePipeline(scope, pipelineName);
    const record = this.requireExecution(scope, pipelineName, id);
    const live = this.core.live.get(id);
    if (!live || (record.status !== 'InProgress' && record.status !== 'Stopping')) {
      throw new EngineError('PipelineExecutionNotStoppable', `Unable to stop pipeline execution ${id}. It might already be in a Stopped state, or it might no longer be in progress.`);
    }
    if (record.status === 'Stopping' && !abandon) throw new EngineError('DuplicatedStopRequest', `Pipeline execution ${id} is already stopping; only a stop with abandon can follow`); // wording inferred
    const stopTrigger = reason ? { reason } : {};
    if (live.stageIndex === undefined) {
      this.flow.finish(live, 'Stopped');
      this.core.recorder.updateExecution(live.record, { stopTrigger });
      return id;
    }
    if (live.record.status === 'InProgress') {
      live.record = this.core.recorder.moveExecution(live.record, 'Stopping', { stopTrigger });
      const stage = this.core.executions.getStage(id, live.declaration.stages[live.stageIndex].name);
      if (stage?.status === 'InProgress') this.core.recorder.moveStage(live.record, stage, 'Stopping');
    }
    live.stopMode = abandon ? 'abandon' : 'wait';
    // A condition may wait for hours (a deployment window): a stop ends its evaluation either way.
    live.condition?.abandon();
    if (abandon) for (const actionId of [...live.running.keys()]) this.runner.abandon(live, actionId);
    return id;
  }

  /** Retries a failed or stopped stage of the latest execution that ran it. */
  retry(scope: Scope, pipelineName: string, stageName: string, id: string, mode: 'FAILED_ACTIONS' | 'ALL_ACTIONS'): string {
    const pipeline = this.requirePipeline(scope, pipelineName);
    retryStage(this.core, this.flow, pipeline, this.requireExecution(scope, pipelineName, id), stageName, mode);
    return id;
  }

  /** Rolls a stage back to an execution that succeeded in it (RollbackStage): a new ROLLBACK execution runs that stage again. */
  rollback(scope: Scope, pipelineName: string, stageName: string, targetId: string, by: string): PipelineExecutionRecord {
    const pipeline = this.requirePipeline(scope, pipelineName);
    const target = this.requireExecution(scope, pipelineName, targetId);
    checkManualRollback(this.core, pipeline, stageName, target);
    return startRollback(this.core, (live, index) => this.flow.advance(live, index), scope, pipeline, { stageName, target, trigger: { triggerType: 'ManualRollback', triggerDetail: by } });
  }

  /** Overrides a stage's entry or success condition of an execution (OverrideStageCondition): it counts as met from now on. */
  overrideCondition(scope: Scope, pipelineName: string, stageName: string, executionId: string, type: 'BEFORE_ENTRY' | 'ON_SUCCESS', by: string): void {
    const pipeline = this.requirePipeline(scope, pipelineName);
    overrideCondition(this.core, this.flow, scope, pipeline, { stageName, executionId, type, by });
  }

  /** Hands the engine the alarm states CloudWatchAlarm rules read, for a CloudWatch service built after the engine. */
  useAlarmStates(alarms: AlarmStates): void {
    this.core.alarms = alarms;
  }

  /** Hands the engine the functions LambdaInvoke rules invoke, for a Lambda service built after the engine. */
  useRuleFunctions(functions: RuleFunctions): void {
    this.core.functions = functions;
  }

  /** Answers a manual approval; returns when it was answered (epoch ms). */
  putApprovalResult(scope: Scope, pipelineName: string, stageName: string, actionName: string, token: string, outcome: ApprovalOutcome): number {
    const pipeline = this.requirePipeline(scope, pipelineName);
    const stage = pipeline.declaration.stages.find((s) => s.name === stageName);
    if (!stage) throw new EngineError('StageNotFound', `Stage '${stageName}' was not found in pipeline '${pipelineName}'`); // wording inferred
    if (!stage.actions.some((a) => a.name === actionName)) throw new EngineError('ActionNotFound', `Action '${actionName}' was not found in stage '${stageName}' of pipeline '${pipelineName}'`); // wording inferred
    return this.approvals.answer({ ...scope, pipelineName, stageName, actionName }, token, outcome);
  }

  /** Enables or disables a stage's transition; enabling lets a waiting execution in. */
  setTransition(scope: Scope, pipelineName: string, stageName: string, type: 'Inbound' | 'Outbound', change: { enabled: boolean; reason?: string; by: string }): void {
    const pipeline = this.requirePipeline(scope, pipelineName);
    const target = setTransition(this.core, scope, pipeline, stageName, type, change);
    if (change.enabled) this.flow.pump(pipelineKey({ ...scope, pipelineName }), target);
  }

  /** Ends, as Cancelled, the executions of an updated pipeline that wait between stages; running stages finish first. */
  pipelineUpdated(scope: Scope, pipelineName: string): void {
    for (const live of this.liveOf(scope, pipelineName)) {
      if (live.stageIndex === undefined) this.flow.finish(live, 'Cancelled', CANCELLED_SUMMARY);
    }
  }

  private liveOf(scope: Scope, pipelineName: string): LiveExecution[] {
    return [...this.core.live.values()].filter((l) => l.record.account === scope.account && l.record.region === scope.region && l.record.pipelineName === pipelineName);
  }

  /** Forgets a deleted pipeline's executions, cutting short whatever they were running. */
  forgetPipeline(scope: Scope, pipelineName: string): void {
    for (const live of this.liveOf(scope, pipelineName)) {
      live.running.forEach((r) => r.controller.abort(new Error('The pipeline was deleted')));
      live.running.forEach((r) => this.approvals.settle(r.record.id));
      live.condition?.abandon();
      this.core.live.delete(live.record.id);
    }
    this.core.gate.forget(pipelineKey({ ...scope, pipelineName }));
    this.core.executions.deletePipeline(scope, pipelineName);
  }

  /** Drives again every execution that was active when the emulator last stopped. */
  recover(): void {
    recoverExecutions(this.core, this.flow);
  }

  /** Lets running actions know the emulator is stopping; statuses stay as they are for recover() to pick up. */
  close(): void {
    this.core.closing = true;
    for (const live of this.core.live.values()) {
      live.running.forEach((r) => r.controller.abort(new Error('codepipeline-local is shutting down')));
      live.condition?.abandon();
    }
    this.approvals.close();
  }

  /** Settles once the output artifacts being written when close() was called are written (or failed). */
  async drained(): Promise<void> {
    await Promise.allSettled([...this.core.storing]);
  }
}
