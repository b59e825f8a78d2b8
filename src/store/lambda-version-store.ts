import type Database from 'better-sqlite3';
import type { LambdaAliasRecord, LambdaFunctionRecord, Scope } from '../model/index.js';
import { statementCache, type Db } from './database.js';

type Row = { document: string };

/** Reads and writes a function's published versions and its aliases. */
export class LambdaVersionStore {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  /** A published version of a function, or undefined. */
  getVersion(scope: Scope, name: string, version: string): LambdaFunctionRecord | undefined {
    const row = this.sql('SELECT document FROM lambda_versions WHERE account = ? AND region = ? AND name = ? AND version = ?').get(scope.account, scope.region, name, Number(version)) as Row | undefined;
    return row && (JSON.parse(row.document) as LambdaFunctionRecord);
  }

  /** Stores a new version (its `version` member is its number). */
  insertVersion(record: LambdaFunctionRecord): void {
    this.sql('INSERT INTO lambda_versions (account, region, name, version, document) VALUES (?, ?, ?, ?, ?)').run(record.account, record.region, record.name, Number(record.version), JSON.stringify(record));
  }

  /** A function's versions, oldest first. */
  listVersions(scope: Scope, name: string): LambdaFunctionRecord[] {
    const rows = this.sql('SELECT document FROM lambda_versions WHERE account = ? AND region = ? AND name = ? ORDER BY version').all(scope.account, scope.region, name) as Row[];
    return rows.map((r) => JSON.parse(r.document) as LambdaFunctionRecord);
  }

  /** Deletes one version; false when there was none. */
  deleteVersion(scope: Scope, name: string, version: string): boolean {
    return this.sql('DELETE FROM lambda_versions WHERE account = ? AND region = ? AND name = ? AND version = ?').run(scope.account, scope.region, name, Number(version)).changes === 1;
  }

  /** An alias of a function, or undefined. */
  getAlias(scope: Scope, name: string, alias: string): LambdaAliasRecord | undefined {
    const row = this.sql('SELECT document FROM lambda_aliases WHERE account = ? AND region = ? AND name = ? AND alias = ?').get(scope.account, scope.region, name, alias) as Row | undefined;
    return row && (JSON.parse(row.document) as LambdaAliasRecord);
  }

  /** Stores a new alias; false when one of that name already exists. */
  insertAlias(record: LambdaAliasRecord): boolean {
    return this.sql('INSERT OR IGNORE INTO lambda_aliases (account, region, name, alias, document) VALUES (?, ?, ?, ?, ?)').run(record.account, record.region, record.functionName, record.name, JSON.stringify(record)).changes === 1;
  }

  /** Replaces a stored alias. */
  updateAlias(record: LambdaAliasRecord): void {
    this.sql('UPDATE lambda_aliases SET document = ? WHERE account = ? AND region = ? AND name = ? AND alias = ?').run(JSON.stringify(record), record.account, record.region, record.functionName, record.name);
  }

  /** Deletes an alias; false when there was none. */
  deleteAlias(scope: Scope, name: string, alias: string): boolean {
    return this.sql('DELETE FROM lambda_aliases WHERE account = ? AND region = ? AND name = ? AND alias = ?').run(scope.account, scope.region, name, alias).changes === 1;
  }

  /** A function's aliases in name order. */
  listAliases(scope: Scope, name: string): LambdaAliasRecord[] {
    const rows = this.sql('SELECT document FROM lambda_aliases WHERE account = ? AND region = ? AND name = ? ORDER BY alias').all(scope.account, scope.region, name) as Row[];
    return rows.map((r) => JSON.parse(r.document) as LambdaAliasRecord);
  }

  /** Deletes a function's versions and aliases (the function is being deleted). */
  deleteAll(scope: Scope, name: string): void {
    this.sql('DELETE FROM lambda_versions WHERE account = ? AND region = ? AND name = ?').run(scope.account, scope.region, name);
    this.sql('DELETE FROM lambda_aliases WHERE account = ? AND region = ? AND name = ?').run(scope.account, scope.region, name);
  }

  /** Whether any version's code has this digest. */
  usesCode(codeSha256: string): boolean {
    return this.sql("SELECT 1 FROM lambda_versions WHERE json_extract(document, '$.codeSha256') = ? LIMIT 1").get(codeSha256) !== undefined;
  }
}
