import type { Migration } from '../migration.js';

/** The job-worker feature's schema changes (number 14: see MIGRATION_NUMBERS). */
export const jobMigrations: Migration[] = [
  {
    version: 14,
    description: 'custom action types (deleted ones kept, their versions cannot be used again) and the jobs of custom, stand-in and third-party actions',
    sql: `
      CREATE TABLE custom_action_types (
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        category TEXT NOT NULL,
        provider TEXT NOT NULL,
        version TEXT NOT NULL,
        deleted INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        document TEXT NOT NULL,
        PRIMARY KEY (account, region, category, provider, version)
      ) WITHOUT ROWID;
      CREATE TABLE jobs (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        type_key TEXT NOT NULL,
        status TEXT NOT NULL,
        action_execution_id TEXT NOT NULL,
        document TEXT NOT NULL
      );
      CREATE INDEX jobs_waiting ON jobs (account, region, type_key, status, seq);
      CREATE INDEX jobs_by_action_execution ON jobs (action_execution_id, seq);
    `,
  },
];
