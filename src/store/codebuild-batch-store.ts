import type Database from 'better-sqlite3';
import type { BuildBatchRecord, BuildStatus, Scope } from '../model/index.js';
import type { BuildSortOrder } from './codebuild-store.js';
import { statementCache, type Db } from './database.js';

/** Reads and writes CodeBuild batch builds, each kept as one JSON record per row. */
export class CodeBuildBatchStore {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  /** The project's next batch number: 1 for its first batch, one more than its highest since (deleted ones keep theirs). */
  nextBatchNumber(scope: Scope, projectName: string): number {
    const row = this.sql('SELECT MAX(build_batch_number) AS n FROM codebuild_build_batches WHERE account = ? AND region = ? AND project_name = ?').get(
      scope.account,
      scope.region,
      projectName,
    ) as { n: number | null };
    return (row.n ?? 0) + 1;
  }

  /** Stores a new batch. */
  insert(batch: BuildBatchRecord): void {
    this.sql('INSERT INTO codebuild_build_batches (id, account, region, project_name, build_batch_number, status, record) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      batch.id,
      batch.account,
      batch.region,
      batch.projectName,
      batch.buildBatchNumber,
      batch.buildBatchStatus,
      JSON.stringify(batch),
    );
  }

  /** Writes a batch's new state; false when it was deleted meanwhile. */
  save(batch: BuildBatchRecord): boolean {
    return this.sql('UPDATE codebuild_build_batches SET status = ?, record = ? WHERE id = ?').run(batch.buildBatchStatus, JSON.stringify(batch), batch.id).changes === 1;
  }

  /** Finds a batch by id in a scope. */
  get(id: string, scope: Scope): BuildBatchRecord | undefined {
    const row = this.sql('SELECT record FROM codebuild_build_batches WHERE id = ? AND account = ? AND region = ?').get(id, scope.account, scope.region) as
      | { record: string }
      | undefined;
    return row && (JSON.parse(row.record) as BuildBatchRecord);
  }

  /** The ids of a scope's batches (or one project's), newest first unless ASCENDING, optionally of one status. */
  listIds(scope: Scope, options: { projectName?: string; status?: BuildStatus; order?: BuildSortOrder }): string[] {
    const dir = options.order === 'ASCENDING' ? 'ASC' : 'DESC';
    const where = ['account = ?', 'region = ?'];
    const args: unknown[] = [scope.account, scope.region];
    if (options.projectName !== undefined) (where.push('project_name = ?'), args.push(options.projectName));
    if (options.status !== undefined) (where.push('status = ?'), args.push(options.status));
    const rows = this.sql(`SELECT id FROM codebuild_build_batches WHERE ${where.join(' AND ')} ORDER BY seq ${dir}`).all(...args) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Deletes a batch's record. */
  delete(id: string): void {
    this.sql('DELETE FROM codebuild_build_batches WHERE id = ?').run(id);
  }

  /** Batches recorded as still running, e.g. when the emulator stopped in the middle of them. */
  active(): BuildBatchRecord[] {
    const rows = this.sql("SELECT record FROM codebuild_build_batches WHERE status = 'IN_PROGRESS' ORDER BY seq").all() as { record: string }[];
    return rows.map((r) => JSON.parse(r.record) as BuildBatchRecord);
  }
}
