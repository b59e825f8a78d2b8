import type Database from 'better-sqlite3';
import type { Scope, SourceCredentialsRecord } from '../model/index.js';
import { statementCache, type Db } from './database.js';

/** Reads and writes the source credentials ImportSourceCredentials stored, one JSON record per ARN. */
export class SourceCredentialsStore {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  /** Stores source credentials, replacing those with the same ARN. */
  put(scope: Scope, credentials: SourceCredentialsRecord): void {
    this.sql('INSERT INTO codebuild_source_credentials (arn, account, region, record) VALUES (?, ?, ?, ?) ON CONFLICT (arn) DO UPDATE SET record = excluded.record').run(
      credentials.arn,
      scope.account,
      scope.region,
      JSON.stringify(credentials),
    );
  }

  /** Finds source credentials by ARN in a scope. */
  get(scope: Scope, arn: string): SourceCredentialsRecord | undefined {
    const row = this.sql('SELECT account, region, record FROM codebuild_source_credentials WHERE arn = ?').get(arn) as { account: string; region: string; record: string } | undefined;
    return row && row.account === scope.account && row.region === scope.region ? (JSON.parse(row.record) as SourceCredentialsRecord) : undefined;
  }

  /** Every source credential of a scope, by ARN. */
  list(scope: Scope): SourceCredentialsRecord[] {
    const rows = this.sql('SELECT record FROM codebuild_source_credentials WHERE account = ? AND region = ? ORDER BY arn').all(scope.account, scope.region) as { record: string }[];
    return rows.map((r) => JSON.parse(r.record) as SourceCredentialsRecord);
  }

  /** Removes source credentials. */
  delete(arn: string): void {
    this.sql('DELETE FROM codebuild_source_credentials WHERE arn = ?').run(arn);
  }
}
