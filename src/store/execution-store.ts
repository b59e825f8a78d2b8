import type { PipelineExecutionRecord, StageExecutionRecord, Scope } from '../model/index.js';
import type Database from 'better-sqlite3';
import { parseRecord, statementCache, type Db } from './database.js';

const ACTIVE = "('InProgress', 'Stopping')";

/** Reads and writes pipeline executions and their stage executions; each call is one statement or transaction. */
export class ExecutionStore {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  /** Stores a new execution. */
  insert(record: PipelineExecutionRecord): void {
    this.sql(
        'INSERT INTO pipeline_executions (id, account, region, pipeline_name, status, client_request_token, waiting_stage, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(record.id, record.account, record.region, record.pipelineName, record.status, record.clientRequestToken ?? null, record.waitingStage ?? null, JSON.stringify(record));
  }

  /** Replaces a stored execution with its new state. */
  save(record: PipelineExecutionRecord): void {
    this.sql('UPDATE pipeline_executions SET status = ?, waiting_stage = ?, record = ? WHERE id = ?')
      .run(record.status, record.waitingStage ?? null, JSON.stringify(record), record.id);
  }

  /** Returns one execution of a pipeline, or undefined. */
  get(scope: Scope, pipelineName: string, id: string): PipelineExecutionRecord | undefined {
    const row = this.sql('SELECT record FROM pipeline_executions WHERE id = ? AND account = ? AND region = ? AND pipeline_name = ?')
      .get(id, scope.account, scope.region, pipelineName) as { record: string } | undefined;
    return row && JSON.parse(row.record);
  }

  /** Returns the execution a client request token started, if any. */
  findByToken(scope: Scope, pipelineName: string, token: string): PipelineExecutionRecord | undefined {
    const row = this.sql('SELECT record FROM pipeline_executions WHERE account = ? AND region = ? AND pipeline_name = ? AND client_request_token = ?')
      .get(scope.account, scope.region, pipelineName, token) as { record: string } | undefined;
    return row && JSON.parse(row.record);
  }

  /** Lists a pipeline's executions newest first, starting below a sequence number. */
  list(scope: Scope, pipelineName: string, beforeSeq: number, limit: number): { seq: number; record: PipelineExecutionRecord }[] {
    const rows = this.sql('SELECT seq, record FROM pipeline_executions WHERE account = ? AND region = ? AND pipeline_name = ? AND seq < ? ORDER BY seq DESC LIMIT ?')
      .all(scope.account, scope.region, pipelineName, beforeSeq, limit) as { seq: number; record: string }[];
    return rows.map((r) => ({ seq: r.seq, record: JSON.parse(r.record) }));
  }

  /** Lists every execution still in progress or stopping, oldest first, across all pipelines. */
  active(): PipelineExecutionRecord[] {
    const rows = this.sql(`SELECT record FROM pipeline_executions WHERE status IN ${ACTIVE} ORDER BY seq`).all() as { record: string }[];
    return rows.map((r) => JSON.parse(r.record));
  }

  /** Lists a pipeline's executions that are active, oldest first. */
  activeOf(scope: Scope, pipelineName: string): PipelineExecutionRecord[] {
    const rows = this.sql(`SELECT record FROM pipeline_executions WHERE account = ? AND region = ? AND pipeline_name = ? AND status IN ${ACTIVE} ORDER BY seq`)
      .all(scope.account, scope.region, pipelineName) as { record: string }[];
    return rows.map((r) => JSON.parse(r.record));
  }

  /** Stores a stage execution; entering (or re-entering on retry) makes it the stage's latest. */
  saveStage(scope: Scope, pipelineName: string, record: StageExecutionRecord, entered: boolean): void {
    const json = JSON.stringify(record);
    if (entered) {
      // Entries are only compared within one stage of one pipeline (latestStages), so its own index gives the next one.
      const next = (
        this.sql('SELECT COALESCE(MAX(entry), 0) + 1 AS n FROM stage_executions WHERE account = ? AND region = ? AND pipeline_name = ? AND stage_name = ?')
          .get(scope.account, scope.region, pipelineName, record.stageName) as { n: number }
      ).n;
      this.sql(
          `INSERT INTO stage_executions (execution_id, account, region, pipeline_name, stage_name, entry, record) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (execution_id, stage_name) DO UPDATE SET entry = excluded.entry, record = excluded.record`,
        )
        .run(record.executionId, scope.account, scope.region, pipelineName, record.stageName, next, json);
      return;
    }
    this.sql('UPDATE stage_executions SET record = ? WHERE execution_id = ? AND stage_name = ?').run(json, record.executionId, record.stageName);
  }

  /** Returns one stage execution, or undefined. */
  getStage(executionId: string, stageName: string): StageExecutionRecord | undefined {
    const row = this.sql('SELECT record FROM stage_executions WHERE execution_id = ? AND stage_name = ?').get(executionId, stageName) as
      | { record: string }
      | undefined;
    return row && JSON.parse(row.record);
  }

  /** Returns, per stage name, the stage execution that entered it last. */
  latestStages(scope: Scope, pipelineName: string): Map<string, StageExecutionRecord> {
    const where = 'WHERE account = ? AND region = ? AND pipeline_name = ? AND stage_name';
    const nextStage = this.sql(`SELECT stage_name FROM stage_executions ${where} > ? ORDER BY stage_name LIMIT 1`);
    const latest = this.sql(`SELECT record FROM stage_executions ${where} = ? ORDER BY entry DESC LIMIT 1`);
    const key = [scope.account, scope.region, pipelineName];
    const stages = new Map<string, StageExecutionRecord>();
    // One index seek per stage (a loose index scan), not a GROUP BY over every stage execution the pipeline ever had.
    this.db.transaction(() => {
      let row = nextStage.get(...key, '') as { stage_name: string } | undefined;
      for (; row; row = nextStage.get(...key, row.stage_name) as { stage_name: string } | undefined) {
        stages.set(row.stage_name, parseRecord<StageExecutionRecord>(latest.get(...key, row.stage_name))!);
      }
    })();
    return stages;
  }

  /** Lists the execution ids that ever succeeded in a stage. */
  succeededIn(scope: Scope, pipelineName: string, stageName: string): Set<string> {
    const rows = this.sql(
        `SELECT execution_id FROM stage_executions WHERE account = ? AND region = ? AND pipeline_name = ? AND stage_name = ? AND json_extract(record, '$.status') = 'Succeeded'`,
      )
      .all(scope.account, scope.region, pipelineName, stageName) as { execution_id: string }[];
    return new Set(rows.map((r) => r.execution_id));
  }

  /** Forgets every execution of a pipeline, with its stage and action executions and transitions. */
  deletePipeline(scope: Scope, pipelineName: string): void {
    const args = [scope.account, scope.region, pipelineName];
    this.db.transaction(() => {
      for (const table of ['pipeline_executions', 'stage_executions', 'action_executions', 'stage_transitions', 'condition_executions', 'rule_executions']) {
        this.sql(`DELETE FROM ${table} WHERE account = ? AND region = ? AND pipeline_name = ?`).run(...args);
      }
    })();
  }
}
