import type Database from 'better-sqlite3';
import type { ActionTypeId, CustomActionTypeRecord, Scope } from '../model/index.js';
import { statementCache, type Db } from './database.js';

type Row = { document: string };

/** Reads and writes an account's custom action types, keeping deleted ones so their version is never reused. */
export class CustomActionTypeStore {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  /** Returns a type by id, deleted or not, or undefined. */
  get(scope: Scope, id: Pick<ActionTypeId, 'category' | 'provider' | 'version'>): CustomActionTypeRecord | undefined {
    const row = this.sql('SELECT document FROM custom_action_types WHERE account = ? AND region = ? AND category = ? AND provider = ? AND version = ?').get(
      scope.account,
      scope.region,
      id.category,
      id.provider,
      id.version,
    ) as Row | undefined;
    return row && (JSON.parse(row.document) as CustomActionTypeRecord);
  }

  /** Stores a type, or replaces the stored one with the same id (a delete marks it). */
  put(record: CustomActionTypeRecord): void {
    const { id } = record.type;
    this.sql(
      `INSERT INTO custom_action_types (account, region, category, provider, version, deleted, seq, document)
       VALUES (?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM custom_action_types), ?)
       ON CONFLICT (account, region, category, provider, version) DO UPDATE SET deleted = excluded.deleted, document = excluded.document`,
    ).run(record.account, record.region, id.category, id.provider, id.version, record.deleted ? 1 : 0, JSON.stringify(record));
  }

  /** The types not deleted, of one scope or (without one) of every account, in the order created. */
  active(scope?: Scope): CustomActionTypeRecord[] {
    const rows = (
      scope
        ? this.sql('SELECT document FROM custom_action_types WHERE account = ? AND region = ? AND deleted = 0 ORDER BY seq').all(scope.account, scope.region)
        : this.sql('SELECT document FROM custom_action_types WHERE deleted = 0 ORDER BY seq').all()
    ) as Row[];
    return rows.map((r) => JSON.parse(r.document) as CustomActionTypeRecord);
  }
}
