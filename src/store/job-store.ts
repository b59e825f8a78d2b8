import type Database from 'better-sqlite3';
import type { JobRecord, JobStatus, Scope } from '../model/index.js';
import { statementCache, type Db } from './database.js';

/** Reads and writes the jobs of custom, stand-in and third-party actions, each a JSON document, in the order made. */
export class JobStore {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  /** Stores a new job. */
  insert(job: JobRecord, typeKey: string): void {
    this.sql('INSERT INTO jobs (id, account, region, type_key, status, action_execution_id, document) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      job.id,
      job.account,
      job.region,
      typeKey,
      job.status,
      job.actionExecutionId,
      JSON.stringify(job),
    );
  }

  /** Returns a job by id (of any account: job ids are unique), or undefined. */
  get(id: string): JobRecord | undefined {
    const row = this.sql('SELECT document FROM jobs WHERE id = ?').get(id) as { document: string } | undefined;
    return row && (JSON.parse(row.document) as JobRecord);
  }

  /** Changes a job in one transaction: `change` gets the stored job and returns the new one, or undefined to leave it. */
  update(id: string, change: (job: JobRecord) => JobRecord | undefined): JobRecord | undefined {
    return this.db.transaction(() => {
      const job = this.get(id);
      const next = job && change(job);
      if (!next) return undefined;
      this.sql('UPDATE jobs SET status = ?, document = ? WHERE id = ?').run(next.status, JSON.stringify(next), id);
      return next;
    })();
  }

  /** The jobs of one action type in a scope with one status, oldest first. */
  withStatus(scope: Scope, typeKey: string, status: JobStatus): JobRecord[] {
    const rows = this.sql('SELECT document FROM jobs WHERE account = ? AND region = ? AND type_key = ? AND status = ? ORDER BY seq').all(
      scope.account,
      scope.region,
      typeKey,
      status,
    ) as { document: string }[];
    return rows.map((r) => JSON.parse(r.document) as JobRecord);
  }

  /** The newest job of an action execution (a continuation makes several), or undefined. */
  latestOf(actionExecutionId: string): JobRecord | undefined {
    const row = this.sql('SELECT document FROM jobs WHERE action_execution_id = ? ORDER BY seq DESC LIMIT 1').get(actionExecutionId) as { document: string } | undefined;
    return row && (JSON.parse(row.document) as JobRecord);
  }

  /** Every job not finished yet, for their timers after a restart. */
  unfinished(): JobRecord[] {
    const rows = this.sql("SELECT document FROM jobs WHERE status IN ('Created', 'Queued', 'Dispatched', 'InProgress') ORDER BY seq").all() as { document: string }[];
    return rows.map((r) => JSON.parse(r.document) as JobRecord);
  }
}
