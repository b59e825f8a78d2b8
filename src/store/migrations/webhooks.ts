import type { Migration } from '../migration.js';

/** The webhooks feature's schema changes (number 16: see MIGRATION_NUMBERS). */
export const webhookMigrations: Migration[] = [
  {
    version: 16,
    description: 'webhooks (V1): one JSON record per webhook of an account and region, found by name or by the id in its URL',
    sql: `
      CREATE TABLE webhooks (
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        name TEXT NOT NULL,
        id TEXT NOT NULL UNIQUE,
        seq INTEGER NOT NULL,
        document TEXT NOT NULL,
        PRIMARY KEY (account, region, name)
      ) WITHOUT ROWID;
    `,
  },
];
