import type Database from 'better-sqlite3';
import type { LambdaFunctionRecord, Scope } from '../model/index.js';
import { statementCache, type Db } from './database.js';

type Row = { document: string };

/** Reads and writes an account's Lambda functions by name. */
export class LambdaFunctionStore {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  /** Returns a function by name, or undefined. */
  get(scope: Scope, name: string): LambdaFunctionRecord | undefined {
    const row = this.sql('SELECT document FROM lambda_functions WHERE account = ? AND region = ? AND name = ?').get(scope.account, scope.region, name) as Row | undefined;
    return row && (JSON.parse(row.document) as LambdaFunctionRecord);
  }

  /** Stores a new function; false when one of that name already exists. */
  insert(record: LambdaFunctionRecord): boolean {
    const result = this.sql('INSERT OR IGNORE INTO lambda_functions (account, region, name, document) VALUES (?, ?, ?, ?)').run(record.account, record.region, record.name, JSON.stringify(record));
    return result.changes === 1;
  }

  /** Replaces a stored function. */
  update(record: LambdaFunctionRecord): void {
    this.sql('UPDATE lambda_functions SET document = ? WHERE account = ? AND region = ? AND name = ?').run(JSON.stringify(record), record.account, record.region, record.name);
  }

  /** Deletes a function; false when there was none. */
  delete(scope: Scope, name: string): boolean {
    return this.sql('DELETE FROM lambda_functions WHERE account = ? AND region = ? AND name = ?').run(scope.account, scope.region, name).changes === 1;
  }

  /** The functions of a scope in name order. */
  list(scope: Scope): LambdaFunctionRecord[] {
    const rows = this.sql('SELECT document FROM lambda_functions WHERE account = ? AND region = ? ORDER BY name').all(scope.account, scope.region) as Row[];
    return rows.map((r) => JSON.parse(r.document) as LambdaFunctionRecord);
  }

  /** Whether any function's code has this digest (a zip still in use is kept). */
  usesCode(codeSha256: string): boolean {
    return this.sql("SELECT 1 FROM lambda_functions WHERE json_extract(document, '$.codeSha256') = ? LIMIT 1").get(codeSha256) !== undefined;
  }
}
