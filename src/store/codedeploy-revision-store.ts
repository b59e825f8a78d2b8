import type Database from 'better-sqlite3';
import type { ApplicationRevisionRecord, Scope } from '../model/index.js';
import { parseRecord, statementCache, type Db } from './database.js';

/** Reads and writes an application's registered revisions, keyed by an identity string the caller derives from the location. */
export class CodeDeployRevisionStore {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  /** Stores a revision, replacing the one of the same identity. */
  put(scope: Scope, identity: string, record: ApplicationRevisionRecord): void {
    const sql = `INSERT INTO codedeploy_revisions (account, region, application_name, identity, register_ms, record) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (account, region, application_name, identity) DO UPDATE SET register_ms = excluded.register_ms, record = excluded.record`;
    this.sql(sql).run(scope.account, scope.region, record.applicationName, identity, record.registerMs, JSON.stringify(record));
  }

  /** The revision of an identity, if registered. */
  get(scope: Scope, applicationName: string, identity: string): ApplicationRevisionRecord | undefined {
    const sql = 'SELECT record FROM codedeploy_revisions WHERE account = ? AND region = ? AND application_name = ? AND identity = ?';
    return parseRecord<ApplicationRevisionRecord>(this.sql(sql).get(scope.account, scope.region, applicationName, identity));
  }

  /** Every revision of an application, in registration order. */
  list(scope: Scope, applicationName: string): ApplicationRevisionRecord[] {
    const sql = 'SELECT record FROM codedeploy_revisions WHERE account = ? AND region = ? AND application_name = ? ORDER BY register_ms, identity';
    return this.sql(sql).all(scope.account, scope.region, applicationName).map((r) => parseRecord<ApplicationRevisionRecord>(r)!);
  }
}
