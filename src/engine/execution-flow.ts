import type { ActionExecutionRecord, ActionExecutionStatus, PipelineExecutionStatus, StageExecutionRecord } from '../model/index.js';
import type { ActionRunner } from './action-runner.js';
import { pipelineKey, type EngineCore, type LiveExecution } from './engine-core.js';
import { reactionToFailure, type FailureReaction } from './auto-retry.js';
import { checkBeforeEntry, checkOnFailure, checkOnSuccess, hasConditions, type ConditionGate } from './conditions/stage-conditions.js';
import { pruneArtifacts } from './retention.js';
import { automaticRollbackTarget, rollbackStep, startRollback } from './rollback.js';
import { runOrderGroups, stepFor, type RunMode } from './stage-plan.js';

type Ending = Exclude<PipelineExecutionStatus, 'InProgress' | 'Stopping'>;

/** Why an execution of an older pipeline version ends at a stage boundary (AWS's Cancelled status). */
export const CANCELLED_SUMMARY = "The pipeline's definition was updated before the pipeline execution could be completed";

/** Moves executions from stage to stage: stage locks, inbound waits, superseding, and each stage's runOrder groups. */
export class ExecutionFlow {
  constructor(
    private readonly core: EngineCore,
    private readonly runner: ActionRunner,
  ) {}

  private transitionEnabled(live: LiveExecution, stageName: string): boolean {
    return this.core.actions.transitions(live.record, live.record.pipelineName).get(stageName)?.enabled !== false;
  }

  private versionChanged(live: LiveExecution): boolean {
    return this.core.pipelines.get(live.record, live.record.pipelineName)?.declaration.version !== live.record.pipelineVersion;
  }

  /** Takes an execution to stage `index`: enters it, waits in front of it, or ends the execution. */
  advance(live: LiveExecution, at: number): void {
    const index = rollbackStep(live, at);
    const stages = live.declaration.stages;
    if (live.stopMode) return this.finish(live, 'Stopped');
    if (index >= stages.length) return this.finish(live, 'Succeeded');
    if (index > 0 && this.versionChanged(live)) return this.finish(live, 'Cancelled', CANCELLED_SUMMARY);
    const stage = stages[index].name;
    const key = pipelineKey(live.record);
    const mode = live.declaration.executionMode ?? 'SUPERSEDED';
    const queued = this.core.gate.waiting(key, stage);
    const locked = mode !== 'PARALLEL' && (this.core.gate.holder(key, stage) !== undefined || (mode === 'QUEUED' && queued.length > 0));
    if (this.transitionEnabled(live, stage) && !locked) return this.enter(live, index, 'fresh');
    if (mode === 'SUPERSEDED') queued.forEach((older) => this.supersede(older));
    this.core.gate.enqueue(key, stage, live.record.id);
    live.record = this.core.recorder.moveExecution(live.record, 'InProgress', { waitingStage: stage });
  }

  /** Enters stage `index` (first time, retry or resume) and starts its run in the background. */
  enter(live: LiveExecution, index: number, mode: RunMode, patch: Partial<StageExecutionRecord> = {}): void {
    const stage = live.declaration.stages[index];
    this.core.gate.hold(pipelineKey(live.record), stage.name, live.record.id);
    live.stageIndex = index;
    if (live.record.waitingStage) live.record = this.core.recorder.updateExecution(live.record, { waitingStage: undefined });
    if (mode !== 'resume') this.core.recorder.enterStage(live.record, this.core.executions.getStage(live.record.id, stage.name), stage.name, patch);
    this.runStage(live, index, mode).catch((error) => {
      if (this.core.closing) return;
      this.core.log.error({ err: error, executionId: live.record.id, stage: stage.name }, 'the engine failed while running a stage');
      this.endStage(live, index, 'Failed', `codepipeline-local failed while running stage ${stage.name}: ${(error as Error).message}`);
    });
  }

  private latestInStage(executionId: string, stageName: string): Map<string, ActionExecutionRecord> {
    const latest = new Map<string, ActionExecutionRecord>();
    for (const r of this.core.actions.ofExecution(executionId)) if (r.stageName === stageName) latest.set(r.actionName, r);
    return latest;
  }

  private async runStage(live: LiveExecution, index: number, mode: RunMode): Promise<void> {
    const stage = live.declaration.stages[index];
    const latest = this.latestInStage(live.record.id, stage.name);
    // The entry condition is checked when the stage is entered, not again when actions that already ran are retried.
    if (hasConditions(stage, 'beforeEntry') && !live.skipBeforeEntry && this.conditionsApply(live) && (mode === 'fresh' || latest.size === 0)) {
      const entry = await checkBeforeEntry(this.core, live, stage);
      if (entry.kind !== 'pass') return this.afterCondition(live, index, entry);
    }
    live.skipBeforeEntry = undefined;
    for (const group of runOrderGroups(stage)) {
      if (live.stopMode) return this.endStage(live, index, 'Stopped');
      const runs = new Map<string, Promise<ActionExecutionStatus>>(
        group.map((action) => {
          const step = stepFor(mode, latest.get(action.name));
          if (step.kind === 'run') return [action.name, this.runner.run(live, stage, action)];
          if (step.kind === 'resume') return [action.name, this.runner.resume(live, stage, action, step.record)];
          return [action.name, Promise.resolve(step.status)];
        }),
      );
      live.groupRuns = runs;
      const statuses = await settleGroup(runs);
      live.groupRuns = undefined;
      if (this.core.closing || !this.core.live.has(live.record.id)) return;
      if (live.stopMode) return this.endStage(live, index, 'Stopped');
      const failed = group.find((_, i) => statuses[i] === 'Failed');
      if (failed) return this.endStage(live, index, 'Failed', this.failureSummary(live.record.id, stage.name, failed.name));
    }
    if (hasConditions(stage, 'onSuccess') && this.conditionsApply(live)) {
      const exit = await checkOnSuccess(this.core, live, stage);
      if (exit.kind !== 'pass') return this.afterCondition(live, index, exit);
    }
    this.endStage(live, index, 'Succeeded');
  }

  // A ROLLBACK execution re-runs a stage that passed its conditions once already: they are not evaluated again (inferred).
  private conditionsApply(live: LiveExecution): boolean {
    return live.record.executionType !== 'ROLLBACK';
  }

  private afterCondition(live: LiveExecution, index: number, gate: Exclude<ConditionGate, { kind: 'pass' }>): void {
    if (gate.kind === 'halted' || this.core.closing || !this.core.live.has(live.record.id)) return;
    if (gate.kind === 'stopped') return this.endStage(live, index, 'Stopped');
    if (gate.kind === 'skip') return this.skipStage(live, index);
    // A stage failed by its entry or success condition does not apply onFailure; ROLLBACK rolls it back at once.
    const reaction = gate.kind === 'rollback' ? reactionToFailure(this.core, live, index, 'ROLLBACK') : undefined;
    this.endStage(live, index, 'Failed', gate.summary, reaction ?? 'none');
  }

  /** Skips stage `index` (an entry condition with result SKIP) and takes the execution on to the next stage. */
  private skipStage(live: LiveExecution, index: number): void {
    const stageName = live.declaration.stages[index].name;
    const stage = this.core.executions.getStage(live.record.id, stageName);
    if (stage?.status === 'InProgress') this.core.recorder.moveStage(live.record, stage, 'Skipped');
    this.conclude(live, index, 'Succeeded', undefined, undefined);
  }

  /** Runs again, at once, the failed actions of the group an execution is running (FAILED_ACTIONS before the stage ends). */
  retryFailedInGroup(live: LiveExecution, failed: string[]): void {
    const stage = live.declaration.stages[live.stageIndex!];
    for (const name of failed) live.groupRuns!.set(name, this.runner.run(live, stage, stage.actions.find((a) => a.name === name)!));
  }

  private failureSummary(executionId: string, stageName: string, actionName: string): string {
    const record = this.latestInStage(executionId, stageName).get(actionName);
    return record?.errorDetails?.message ?? `Action ${actionName} in stage ${stageName} failed`;
  }

  /**
   * Ends the current stage run; a stage that did not succeed ends the execution with it. `decided` is the reaction a
   * condition already chose ('none': fail without onFailure); otherwise a failure gets onFailure's reaction.
   */
  endStage(live: LiveExecution, index: number, status: 'Succeeded' | 'Failed' | 'Stopped', summary?: string, decided?: FailureReaction | 'none'): void {
    const declared = live.declaration.stages[index];
    const stage = this.core.executions.getStage(live.record.id, declared.name);
    if (stage && (stage.status === 'InProgress' || stage.status === 'Stopping')) this.core.recorder.moveStage(live.record, stage, status);
    if (status === 'Failed' && decided === undefined && hasConditions(declared, 'onFailure') && this.conditionsApply(live) && !live.stopMode) {
      return this.reactAfterConditions(live, index, summary);
    }
    const reaction = decided === 'none' ? undefined : (decided ?? (status === 'Failed' ? reactionToFailure(this.core, live, index) : undefined));
    this.conclude(live, index, status, summary, reaction);
  }

  /** Evaluates a failed stage's onFailure conditions (the stage keeps its lock meanwhile), then applies their result if they are met. */
  reactAfterConditions(live: LiveExecution, index: number, summary?: string): void {
    const stage = live.declaration.stages[index];
    checkOnFailure(this.core, live, stage)
      .then((result) => {
        if (result === 'halted' || this.core.closing || !this.core.live.has(live.record.id)) return;
        this.conclude(live, index, 'Failed', summary, result ? reactionToFailure(this.core, live, index, result) : undefined);
      })
      .catch((error) => {
        if (this.core.closing) return;
        this.core.log.error({ err: error, executionId: live.record.id, stage: stage.name }, 'the engine failed while evaluating onFailure conditions');
        this.conclude(live, index, 'Failed', summary, undefined);
      });
  }

  private conclude(live: LiveExecution, index: number, status: 'Succeeded' | 'Failed' | 'Stopped', summary: string | undefined, reaction: FailureReaction): void {
    const stageName = live.declaration.stages[index].name;
    // An automatic retry keeps the stage's lock: the execution goes on in the same stage.
    if (reaction?.kind === 'retry') return this.enter(live, index, reaction.mode, reaction.patch);
    const key = pipelineKey(live.record);
    live.stageIndex = undefined;
    this.core.gate.release(key, stageName, live.record.id);
    if (reaction?.kind === 'rollback') return this.rollBack(live, index, summary);
    this.pump(key, stageName);
    if (status === 'Succeeded') return this.advance(live, index + 1);
    this.finish(live, status, summary);
  }

  /** Fails the execution, then rolls its stage back to the last execution that succeeded in it, ahead of any waiting one. */
  private rollBack(live: LiveExecution, index: number, summary?: string): void {
    const stageName = live.declaration.stages[index].name;
    const target = automaticRollbackTarget(this.core, live, stageName);
    this.finish(live, 'Failed', summary);
    const pipeline = this.core.pipelines.get(live.record, live.record.pipelineName);
    if (target && pipeline) {
      const trigger = { triggerType: 'AutomatedRollback' as const, triggerDetail: live.record.id }; // triggerDetail inferred: the failed execution
      startRollback(this.core, (next, at) => this.advance(next, at), live.record, pipeline, { stageName, target, trigger });
    }
    this.pump(pipelineKey(live.record), stageName);
  }

  /** Lets waiting executions into a stage that became free or whose transition was enabled. */
  pump(key: string, stageName: string): void {
    for (const id of this.core.gate.waiting(key, stageName)) {
      const waiting = this.core.live.get(id);
      if (!waiting) {
        this.core.gate.dequeue(key, stageName, id);
        continue;
      }
      if (this.versionChanged(waiting)) {
        this.finish(waiting, 'Cancelled', CANCELLED_SUMMARY);
        continue;
      }
      const parallel = waiting.declaration.executionMode === 'PARALLEL';
      if (!this.transitionEnabled(waiting, stageName) || (!parallel && this.core.gate.holder(key, stageName))) return;
      this.core.gate.dequeue(key, stageName, id);
      this.enter(waiting, waiting.declaration.stages.findIndex((s) => s.name === stageName), 'fresh');
      if (!parallel) return;
    }
  }

  private supersede(executionId: string): void {
    const older = this.core.live.get(executionId);
    if (older) this.finish(older, 'Superseded');
  }

  /** Ends an execution with a final status and forgets it. */
  finish(live: LiveExecution, status: Ending, summary?: string): void {
    if (live.record.waitingStage) this.core.gate.dequeue(pipelineKey(live.record), live.record.waitingStage, live.record.id);
    this.core.live.delete(live.record.id);
    live.record = this.core.recorder.moveExecution(live.record, status, { waitingStage: undefined, ...(summary ? { statusSummary: summary } : {}) });
    pruneArtifacts(this.core, live.record);
  }
}

/** Waits for every run of a group, including runs a mid-stage retry puts in place of failed ones meanwhile. */
async function settleGroup(runs: Map<string, Promise<ActionExecutionStatus>>): Promise<ActionExecutionStatus[]> {
  for (;;) {
    const snapshot = [...runs.values()];
    const statuses = await Promise.all(snapshot);
    if ([...runs.values()].every((run, i) => run === snapshot[i])) return statuses;
  }
}
