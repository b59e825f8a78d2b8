import type Database from 'better-sqlite3';
import type { ConditionExecutionRecord, ConditionType, RuleExecutionRecord, Scope } from '../model/index.js';
import { parseRecord, statementCache, type Db } from './database.js';

type Rows = { record: string }[];

/** Reads and writes the evaluations of stage conditions and the executions of their rules. */
export class ConditionStore {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  /** Stores a new condition evaluation. */
  insertCondition(r: ConditionExecutionRecord): void {
    this.sql('INSERT INTO condition_executions (id, execution_id, account, region, pipeline_name, stage_name, condition_type, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      r.id, r.executionId, r.account, r.region, r.pipelineName, r.stageName, r.conditionType, JSON.stringify(r),
    );
  }

  /** Replaces a stored condition evaluation with its new state. */
  saveCondition(r: ConditionExecutionRecord): void {
    this.sql('UPDATE condition_executions SET record = ? WHERE id = ?').run(JSON.stringify(r), r.id);
  }

  /** The newest evaluation of a stage's condition of one kind in the pipeline, or in one execution. */
  latestCondition(scope: Scope, pipelineName: string, stageName: string, type: ConditionType, executionId?: string): ConditionExecutionRecord | undefined {
    const where = 'account = ? AND region = ? AND pipeline_name = ? AND stage_name = ? AND condition_type = ?';
    const args = [scope.account, scope.region, pipelineName, stageName, type];
    const row = executionId === undefined
      ? this.sql(`SELECT record FROM condition_executions WHERE ${where} ORDER BY seq DESC LIMIT 1`).get(...args)
      : this.sql(`SELECT record FROM condition_executions WHERE ${where} AND execution_id = ? ORDER BY seq DESC LIMIT 1`).get(...args, executionId);
    return parseRecord<ConditionExecutionRecord>(row);
  }

  /** Stores a new rule execution. */
  insertRule(r: RuleExecutionRecord): void {
    this.sql('INSERT INTO rule_executions (id, condition_execution_id, execution_id, account, region, pipeline_name, record) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      r.id, r.conditionExecutionId, r.executionId, r.account, r.region, r.pipelineName, JSON.stringify(r),
    );
  }

  /** Replaces a stored rule execution with its new state. */
  saveRule(r: RuleExecutionRecord): void {
    this.sql('UPDATE rule_executions SET record = ? WHERE id = ?').run(JSON.stringify(r), r.id);
  }

  /** The rule executions of one condition evaluation, in the order they started. */
  rulesOf(conditionExecutionId: string): RuleExecutionRecord[] {
    return (this.sql('SELECT record FROM rule_executions WHERE condition_execution_id = ? ORDER BY seq').all(conditionExecutionId) as Rows).map((r) => JSON.parse(r.record));
  }

  /** The condition evaluations still in progress, oldest first (to pick up after a restart). */
  inProgress(): ConditionExecutionRecord[] {
    const rows = this.sql(`SELECT record FROM condition_executions WHERE json_extract(record, '$.status') = 'InProgress' ORDER BY seq`).all() as Rows;
    return rows.map((r) => JSON.parse(r.record));
  }

  /** A pipeline's rule executions newest first below a sequence number, optionally of one execution. */
  listRules(scope: Scope, pipelineName: string, executionId: string | undefined, beforeSeq: number, limit: number): { seq: number; record: RuleExecutionRecord }[] {
    const where = 'account = ? AND region = ? AND pipeline_name = ? AND seq < ?';
    const rows = (
      executionId === undefined
        ? this.sql(`SELECT seq, record FROM rule_executions WHERE ${where} ORDER BY seq DESC LIMIT ?`).all(scope.account, scope.region, pipelineName, beforeSeq, limit)
        : this.sql(`SELECT seq, record FROM rule_executions WHERE execution_id = ? AND ${where} ORDER BY seq DESC LIMIT ?`).all(executionId, scope.account, scope.region, pipelineName, beforeSeq, limit)
    ) as { seq: number; record: string }[];
    return rows.map((r) => ({ seq: r.seq, record: JSON.parse(r.record) }));
  }
}
