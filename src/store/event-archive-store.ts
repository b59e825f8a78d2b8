import type Database from 'better-sqlite3';
import { statementCache, type Db } from './database.js';

/** One kept entry: its sequence number and its JSON document. */
export interface ArchivedEntry {
  seq: number;
  document: string;
}

/** The tables the archive keeps: the event log, and SNS's delivery records. */
export type ArchiveTable = 'event_log' | 'sns_deliveries';

/**
 * Keeps the last entries of the event log and of SNS's delivery records, so both survive a restart. Writes come in
 * batches (one transaction each): an entry written again replaces the one of its sequence number, and only the
 * newest `keep` entries stay.
 */
export class EventArchiveStore {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  /** Writes a batch of entries and drops all but the newest `keep`. */
  write(table: ArchiveTable, entries: ArchivedEntry[], keep: number): void {
    if (!entries.length) return;
    this.db.transaction(() => {
      const put = this.sql(`INSERT OR REPLACE INTO ${table} (seq, document) VALUES (?, ?)`);
      for (const e of entries) put.run(e.seq, e.document);
      this.sql(`DELETE FROM ${table} WHERE seq <= (SELECT MAX(seq) FROM ${table}) - ?`).run(keep);
    })();
  }

  /** The newest `limit` entries, oldest first. */
  recent(table: ArchiveTable, limit: number): ArchivedEntry[] {
    return (this.sql(`SELECT seq, document FROM ${table} ORDER BY seq DESC LIMIT ?`).all(limit) as ArchivedEntry[]).reverse();
  }
}
