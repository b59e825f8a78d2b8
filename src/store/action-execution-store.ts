import type { ActionExecutionRecord, TransitionRecord } from '../model/index.js';
import type Database from 'better-sqlite3';
import { statementCache, type Db } from './database.js';
import type { Scope } from './scope.js';

/** Reads and writes action executions and stage transitions. */
export class ActionExecutionStore {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  /** Stores a new action execution. */
  insert(record: ActionExecutionRecord): void {
    this.sql(
        'INSERT INTO action_executions (id, execution_id, account, region, pipeline_name, stage_name, action_name, status, token, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(record.id, record.executionId, record.account, record.region, record.pipelineName, record.stageName, record.actionName, record.status, record.token ?? null, JSON.stringify(record));
  }

  /** Replaces a stored action execution with its new state. */
  save(record: ActionExecutionRecord): void {
    this.sql('UPDATE action_executions SET status = ?, token = ?, record = ? WHERE id = ?').run(record.status, record.token ?? null, JSON.stringify(record), record.id);
  }

  /** Lists an execution's action executions in the order they started. */
  ofExecution(executionId: string): ActionExecutionRecord[] {
    const rows = this.sql('SELECT record FROM action_executions WHERE execution_id = ? ORDER BY seq').all(executionId) as { record: string }[];
    return rows.map((r) => JSON.parse(r.record));
  }

  /** Returns, per `stage/action`, the action execution that started last in the pipeline. */
  latestPerAction(scope: Scope, pipelineName: string): Map<string, ActionExecutionRecord> {
    const rows = this.sql(
        `SELECT stage_name, action_name, record, MAX(seq) AS seq FROM action_executions WHERE account = ? AND region = ? AND pipeline_name = ? GROUP BY stage_name, action_name`,
      )
      .all(scope.account, scope.region, pipelineName) as { stage_name: string; action_name: string; record: string }[];
    return new Map(rows.map((r) => [`${r.stage_name}/${r.action_name}`, JSON.parse(r.record)]));
  }

  /** Lists a pipeline's action executions newest first below a sequence number, optionally of one execution. */
  list(scope: Scope, pipelineName: string, executionId: string | undefined, beforeSeq: number, limit: number): { seq: number; record: ActionExecutionRecord }[] {
    const rows = this.sql(
        `SELECT seq, record FROM action_executions WHERE account = ? AND region = ? AND pipeline_name = ? AND (? IS NULL OR execution_id = ?) AND seq < ?
         ORDER BY seq DESC LIMIT ?`,
      )
      .all(scope.account, scope.region, pipelineName, executionId ?? null, executionId ?? null, beforeSeq, limit) as { seq: number; record: string }[];
    return rows.map((r) => ({ seq: r.seq, record: JSON.parse(r.record) }));
  }

  /** Finds the action execution holding an approval token. */
  byToken(token: string): ActionExecutionRecord | undefined {
    const row = this.sql('SELECT record FROM action_executions WHERE token = ?').get(token) as { record: string } | undefined;
    return row && JSON.parse(row.record);
  }

  /** Lists the inbound transition states a pipeline has changed from the default (enabled). */
  transitions(scope: Scope, pipelineName: string): Map<string, TransitionRecord> {
    const rows = this.sql('SELECT stage_name, record FROM stage_transitions WHERE account = ? AND region = ? AND pipeline_name = ?')
      .all(scope.account, scope.region, pipelineName) as { stage_name: string; record: string }[];
    return new Map(rows.map((r) => [r.stage_name, JSON.parse(r.record)]));
  }

  /** Stores a stage's inbound transition state. */
  saveTransition(scope: Scope, pipelineName: string, record: TransitionRecord): void {
    this.sql(
        'INSERT INTO stage_transitions (account, region, pipeline_name, stage_name, record) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET record = excluded.record',
      )
      .run(scope.account, scope.region, pipelineName, record.stageName, JSON.stringify(record));
  }
}
