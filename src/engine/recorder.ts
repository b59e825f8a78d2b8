import type {
  ActionExecutionRecord,
  ActionExecutionStatus,
  ConditionExecutionRecord,
  ConditionExecutionStatus,
  RuleExecutionRecord,
  RuleExecutionStatus,
  PipelineExecutionRecord,
  PipelineExecutionStatus,
  StageExecutionRecord,
  StageExecutionStatus,
} from '../model/index.js';
import type { Clock } from '../shared/index.js';
import type { ActionExecutionStore, ConditionStore, ExecutionStore } from '../store/index.js';
import type { EngineEventBus, EngineEventName, EventScope } from './events.js';
import { actionMoves, conditionMoves, eventOfMove, executionMoves, ruleMoves, stageMoves } from './status-moves.js';

/** What the recorder writes to and announces on. */
export interface RecorderDeps {
  executions: ExecutionStore;
  actions: ActionExecutionStore;
  conditions: ConditionStore;
  events: EngineEventBus;
  clock: Clock;
}

function scopeOf(r: { account: string; region: string; pipelineName: string }): EventScope {
  return { account: r.account, region: r.region, pipelineName: r.pipelineName };
}

/**
 * The one module that changes a status: each move is checked against the tables of status-moves.ts,
 * written to SQLite, and only then announced as a typed event.
 */
export class Recorder {
  constructor(private readonly deps: RecorderDeps) {}

  private emit(event: EngineEventName, payload: unknown): void {
    this.deps.events.emit(event, payload as never);
  }

  /** Stores a new execution and announces it. */
  createExecution(record: PipelineExecutionRecord): void {
    this.deps.executions.insert(record);
    this.emit('execution:started', { scope: scopeOf(record), execution: record });
  }

  /** Moves an execution to a status (InProgress to InProgress records it waiting at a stage boundary). */
  moveExecution(record: PipelineExecutionRecord, to: PipelineExecutionStatus, patch: Partial<PipelineExecutionRecord> = {}): PipelineExecutionRecord {
    const event = eventOfMove(executionMoves, 'pipeline execution', record.status, to);
    const next = { ...record, ...patch, status: to, updatedMs: this.deps.clock.now() };
    this.deps.executions.save(next);
    this.emit(event, { scope: scopeOf(next), execution: next });
    return next;
  }

  /** Changes an execution's details without changing its status, silently (e.g. its source revisions). */
  updateExecution(record: PipelineExecutionRecord, patch: Partial<PipelineExecutionRecord>): PipelineExecutionRecord {
    const next = { ...record, ...patch, updatedMs: this.deps.clock.now() };
    this.deps.executions.save(next);
    return next;
  }

  /** Records an execution entering a stage (a new stage execution, or a retried one made latest again). */
  enterStage(execution: PipelineExecutionRecord, previous: StageExecutionRecord | undefined, stageName: string, patch: Partial<StageExecutionRecord> = {}): StageExecutionRecord {
    const now = this.deps.clock.now();
    if (previous) eventOfMove(stageMoves, 'stage execution', previous.status, 'InProgress');
    const stage: StageExecutionRecord = {
      executionId: execution.id,
      stageName,
      manualRetryAttempt: 0,
      autoRetryAttempt: 0,
      ...previous,
      ...patch,
      status: 'InProgress',
      startMs: previous?.startMs ?? now,
      updatedMs: now,
    };
    this.deps.executions.saveStage(execution, execution.pipelineName, stage, true);
    this.emit('stage:entered', { scope: scopeOf(execution), stage });
    return stage;
  }

  /** Moves a stage execution to a status. */
  moveStage(execution: PipelineExecutionRecord, stage: StageExecutionRecord, to: StageExecutionStatus): StageExecutionRecord {
    const event = eventOfMove(stageMoves, 'stage execution', stage.status, to);
    const next = { ...stage, status: to, updatedMs: this.deps.clock.now() };
    this.deps.executions.saveStage(execution, execution.pipelineName, next, false);
    this.emit(event, { scope: scopeOf(execution), stage: next });
    return next;
  }

  /** Changes a stage execution's details without changing its status (retry counters), silently. */
  updateStage(execution: PipelineExecutionRecord, stage: StageExecutionRecord, patch: Partial<StageExecutionRecord>): StageExecutionRecord {
    const next = { ...stage, ...patch, status: stage.status, updatedMs: this.deps.clock.now() };
    this.deps.executions.saveStage(execution, execution.pipelineName, next, false);
    return next;
  }

  /** Stores a new action execution in progress and announces it. */
  startAction(record: ActionExecutionRecord): void {
    this.deps.actions.insert(record);
    this.emit('action:started', { scope: scopeOf(record), action: record });
  }

  /** Moves an action execution to a status (InProgress to InProgress records progress). */
  moveAction(record: ActionExecutionRecord, to: ActionExecutionStatus, patch: Partial<ActionExecutionRecord> = {}): ActionExecutionRecord {
    const event = eventOfMove(actionMoves, 'action execution', record.status, to);
    const next = { ...record, ...patch, status: to, updatedMs: this.deps.clock.now() };
    this.deps.actions.save(next);
    this.emit(event, { scope: scopeOf(next), action: next });
    return next;
  }

  /** Stores the token of an approval that now waits for PutApprovalResult, and announces it. */
  requestApproval(record: ActionExecutionRecord, token: string, expiresMs: number): ActionExecutionRecord {
    // AWS also reports the token as the action's external execution id (the only place PARALLEL pipelines show it).
    const next = { ...record, token, tokenExpiresMs: expiresMs, externalExecutionId: token, updatedMs: this.deps.clock.now() };
    this.deps.actions.save(next);
    this.emit('approval:requested', { scope: scopeOf(next), action: next });
    return next;
  }

  /** Stores a condition evaluation that starts, and announces it. */
  startCondition(record: ConditionExecutionRecord): void {
    this.deps.conditions.insertCondition(record);
    this.emit('condition:started', { scope: scopeOf(record), condition: record });
  }

  /** Moves a condition evaluation to a status. */
  moveCondition(record: ConditionExecutionRecord, to: ConditionExecutionStatus, patch: Partial<ConditionExecutionRecord> = {}): ConditionExecutionRecord {
    const event = eventOfMove(conditionMoves, 'condition execution', record.status, to);
    const next = { ...record, ...patch, status: to, updatedMs: this.deps.clock.now() };
    this.deps.conditions.saveCondition(next);
    this.emit(event, { scope: scopeOf(next), condition: next });
    return next;
  }

  /** Stores a rule execution that starts, and announces it. */
  startRule(record: RuleExecutionRecord): void {
    this.deps.conditions.insertRule(record);
    this.emit('rule:started', { scope: scopeOf(record), rule: record });
  }

  /** Moves a rule execution to a status (InProgress to InProgress records progress). */
  moveRule(record: RuleExecutionRecord, to: RuleExecutionStatus, patch: Partial<RuleExecutionRecord> = {}): RuleExecutionRecord {
    const event = eventOfMove(ruleMoves, 'rule execution', record.status, to);
    const next = { ...record, ...patch, status: to, updatedMs: this.deps.clock.now() };
    this.deps.conditions.saveRule(next);
    this.emit(event, { scope: scopeOf(next), rule: next });
    return next;
  }
}
