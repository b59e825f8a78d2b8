import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { migrations as allMigrations, type Migration } from './migrations.js';

/** An open SQLite database of the project. */
export type Db = Database.Database;

/** Opens (creating if needed) the store under a data directory, in WAL mode, with every migration applied. */
export function openDatabase(dataDir: string, migrations: Migration[] = allMigrations): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'codepipeline-local.sqlite'));
  db.pragma('journal_mode = WAL');
  // NORMAL keeps every committed transaction across a process crash (SIGKILL); only a power cut may lose the last ones.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, migrations);
  return db;
}

/**
 * Applies every migration not applied yet, each in its own transaction, in number order. Applied numbers are
 * recorded one by one (not as a high-water mark), so features whose migrations land out of order still get theirs.
 */
export function migrate(db: Db, migrations: Migration[]): number {
  const tracked = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'schema_migrations'").get();
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_ms INTEGER NOT NULL)');
  if (!tracked) {
    // A store from before per-migration records: everything up to its user_version was applied.
    const upTo = db.pragma('user_version', { simple: true }) as number;
    const seed = db.prepare('INSERT OR IGNORE INTO schema_migrations (version, applied_ms) VALUES (?, 0)');
    migrations.filter((m) => m.version <= upTo).forEach((m) => seed.run(m.version));
  }
  const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
  const pending = migrations.filter((m) => !applied.has(m.version)).sort((a, b) => a.version - b.version);
  for (const migration of pending) {
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, applied_ms) VALUES (?, ?)').run(migration.version, Date.now());
      db.pragma(`user_version = ${Math.max(migration.version, db.pragma('user_version', { simple: true }) as number)}`);
    })();
  }
  return pending.length;
}

/** Parses the JSON `record` column of a row; undefined when there is no row. */
export function parseRecord<T>(row: unknown): T | undefined {
  return row ? (JSON.parse((row as { record: string }).record) as T) : undefined;
}

/** Prepares each SQL text once per database and reuses the statement, which costs as much as a small query to prepare. */
export function statementCache(db: Db): (sql: string) => Database.Statement {
  const cache = new Map<string, Database.Statement>();
  return (sql) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
}
