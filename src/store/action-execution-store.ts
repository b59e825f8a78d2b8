import type { ActionExecutionRecord, TransitionRecord, Scope } from '../model/index.js';
import type Database from 'better-sqlite3';
import { parseRecord, statementCache, type Db } from './database.js';

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

  /** Returns one action execution of the scope by its id, or undefined. */
  get(scope: Scope, id: string): ActionExecutionRecord | undefined {
    return parseRecord<ActionExecutionRecord>(this.sql('SELECT record FROM action_executions WHERE id = ? AND account = ? AND region = ?').get(id, scope.account, scope.region));
  }

  /** Lists an execution's action executions in the order they started. */
  ofExecution(executionId: string): ActionExecutionRecord[] {
    const rows = this.sql('SELECT record FROM action_executions WHERE execution_id = ? ORDER BY seq').all(executionId) as { record: string }[];
    return rows.map((r) => JSON.parse(r.record));
  }

  /** Returns, per `stage/action`, the action execution that started last in the pipeline. */
  latestPerAction(scope: Scope, pipelineName: string): Map<string, ActionExecutionRecord> {
    return this.latestPer(scope, pipelineName, '');
  }

  /** Returns, per `stage/action`, the last action execution that succeeded with a revision (the action's current revision). */
  latestRevisions(scope: Scope, pipelineName: string): Map<string, ActionExecutionRecord> {
    // These terms are the WHERE of the partial index action_executions_revisions, so it is the one used.
    return this.latestPer(scope, pipelineName, "AND status = 'Succeeded' AND json_extract(record, '$.revision') IS NOT NULL");
  }

  // A few index seeks per stage and action (a loose index scan), not a GROUP BY over every action execution the pipeline
  // ever had. The next key is sought within the stage, then in the next stage: a row-value `(stage, action) > (?, ?)`
  // would seek the stage alone and step through all of its current action's rows.
  private latestPer(scope: Scope, pipelineName: string, condition: string): Map<string, ActionExecutionRecord> {
    const where = `WHERE account = ? AND region = ? AND pipeline_name = ? ${condition}`;
    const inStage = this.sql(`SELECT stage_name, action_name FROM action_executions ${where} AND stage_name = ? AND action_name > ? ORDER BY action_name LIMIT 1`);
    const inNextStage = this.sql(`SELECT stage_name, action_name FROM action_executions ${where} AND stage_name > ? ORDER BY stage_name, action_name LIMIT 1`);
    const latest = this.sql(`SELECT record FROM action_executions ${where} AND stage_name = ? AND action_name = ? ORDER BY seq DESC LIMIT 1`);
    const key = [scope.account, scope.region, pipelineName];
    type Key = { stage_name: string; action_name: string } | undefined;
    const after = (stage: string, action: string) => (inStage.get(...key, stage, action) ?? inNextStage.get(...key, stage)) as Key;
    const found = new Map<string, ActionExecutionRecord>();
    this.db.transaction(() => {
      for (let row = after('', ''); row; row = after(row.stage_name, row.action_name)) {
        found.set(`${row.stage_name}/${row.action_name}`, parseRecord<ActionExecutionRecord>(latest.get(...key, row.stage_name, row.action_name))!);
      }
    })();
    return found;
  }

  /** Lists a pipeline's action executions newest first below a sequence number, optionally of one execution. */
  list(scope: Scope, pipelineName: string, executionId: string | undefined, beforeSeq: number, limit: number): { seq: number; record: ActionExecutionRecord }[] {
    const where = 'account = ? AND region = ? AND pipeline_name = ? AND seq < ?';
    // Two statements, so each has its index; the planner, without statistics, would take the pipeline's for an execution's too.
    const rows = (
      executionId === undefined
        ? this.sql(`SELECT seq, record FROM action_executions WHERE ${where} ORDER BY seq DESC LIMIT ?`).all(scope.account, scope.region, pipelineName, beforeSeq, limit)
        : this.sql(`SELECT seq, record FROM action_executions INDEXED BY action_executions_by_execution WHERE execution_id = ? AND ${where} ORDER BY seq DESC LIMIT ?`)
            .all(executionId, scope.account, scope.region, pipelineName, beforeSeq, limit)
    ) as { seq: number; record: string }[];
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
