import type Database from 'better-sqlite3';
import { statementCache, type Db } from './database.js';

/** The kinds of IAM entity kept as one JSON record each, named uniquely within an account. */
export type IamEntityKind = 'user' | 'group' | 'role' | 'policy';

/** An access key (a user's, `AKIA...`) or a session's temporary credentials (`ASIA...`, from AssumeRole). */
export interface IamAccessKeyRecord {
  accessKeyId: string;
  secretAccessKey: string;
  account: string;
  /** The user name for a user's key; the role ARN for a session. */
  owner: string;
  status: 'Active' | 'Inactive';
  createdMs: number;
  /** Only for session credentials. */
  session?: { sessionToken: string; expiresMs: number; roleName: string; roleId: string; sessionName: string };
}

type Row = { document: string };

/** Reads and writes IAM's records: entities by kind and name, access keys by id. */
export class IamStore {
  private readonly sql: (sql: string) => Database.Statement;
  private changes = 0;

  /** A number that changes with every write, so readers may cache what they derive from the records until it moves. */
  get revision(): number {
    return this.changes;
  }

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  /** The entity of that kind and name, or undefined. */
  get<T>(account: string, kind: IamEntityKind, name: string): T | undefined {
    const row = this.sql('SELECT document FROM iam_entities WHERE account = ? AND kind = ? AND name = ?').get(account, kind, name) as Row | undefined;
    return row && (JSON.parse(row.document) as T);
  }

  /** Every entity of a kind, in creation order. */
  list<T>(account: string, kind: IamEntityKind): T[] {
    const rows = this.sql('SELECT document FROM iam_entities WHERE account = ? AND kind = ? ORDER BY seq').all(account, kind) as Row[];
    return rows.map((r) => JSON.parse(r.document) as T);
  }

  /** Stores an entity, replacing the one of the same name in place. */
  put(account: string, kind: IamEntityKind, name: string, document: unknown): void {
    this.changes++;
    this.sql(
      `INSERT INTO iam_entities (account, kind, name, seq, document) VALUES (?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM iam_entities), ?)
       ON CONFLICT (account, kind, name) DO UPDATE SET document = excluded.document`,
    ).run(account, kind, name, JSON.stringify(document));
  }

  /** Removes an entity; true when there was one. */
  delete(account: string, kind: IamEntityKind, name: string): boolean {
    this.changes++;
    return this.sql('DELETE FROM iam_entities WHERE account = ? AND kind = ? AND name = ?').run(account, kind, name).changes > 0;
  }

  /** The key of that id, or undefined. */
  key(accessKeyId: string): IamAccessKeyRecord | undefined {
    const row = this.sql('SELECT document FROM iam_access_keys WHERE access_key_id = ?').get(accessKeyId) as Row | undefined;
    return row && (JSON.parse(row.document) as IamAccessKeyRecord);
  }

  /** A user's keys (or a role's sessions), oldest first. */
  keysOf(account: string, owner: string): IamAccessKeyRecord[] {
    const rows = this.sql('SELECT document FROM iam_access_keys WHERE account = ? AND owner = ? ORDER BY seq').all(account, owner) as Row[];
    return rows.map((r) => JSON.parse(r.document) as IamAccessKeyRecord);
  }

  /** Stores a key, replacing the one of the same id. */
  putKey(record: IamAccessKeyRecord): void {
    this.changes++;
    this.sql(
      `INSERT INTO iam_access_keys (access_key_id, account, owner, seq, document) VALUES (?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM iam_access_keys), ?)
       ON CONFLICT (access_key_id) DO UPDATE SET document = excluded.document`,
    ).run(record.accessKeyId, record.account, record.owner, JSON.stringify(record));
  }

  /** Removes a key; true when there was one. */
  deleteKey(accessKeyId: string): boolean {
    this.changes++;
    return this.sql('DELETE FROM iam_access_keys WHERE access_key_id = ?').run(accessKeyId).changes > 0;
  }

  /** Removes session credentials that expired before `nowMs`, so the table does not grow with every AssumeRole. */
  sweepSessions(nowMs: number): void {
    for (const row of this.sql("SELECT access_key_id, document FROM iam_access_keys WHERE access_key_id LIKE 'ASIA%'").all() as (Row & { access_key_id: string })[]) {
      const expires = (JSON.parse(row.document) as IamAccessKeyRecord).session?.expiresMs ?? 0;
      if (expires < nowMs) this.deleteKey(row.access_key_id);
    }
  }
}
