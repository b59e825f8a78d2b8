import type { Migration } from '../migration.js';

/** The change-detection state's schema changes (number 6: see MIGRATION_NUMBERS). */
export const sourceWatchMigrations: Migration[] = [
  {
    version: 6,
    description: 'revisions last seen by change detection, per pipeline source action',
    sql: `
      CREATE TABLE source_watch_state (
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        pipeline_name TEXT NOT NULL,
        action_name TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        revisions TEXT NOT NULL,
        updated_ms INTEGER NOT NULL,
        PRIMARY KEY (account, region, pipeline_name, action_name)
      ) WITHOUT ROWID;
    `,
  },
];
