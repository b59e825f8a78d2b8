import type { Migration } from '../migration.js';

/** The access-control feature's schema changes (number 22: see MIGRATION_NUMBERS). */
export const iamMigrations: Migration[] = [
  {
    version: 22,
    description: 'IAM (--iam): users, groups, roles and managed policies as JSON records by kind and name; access keys and session credentials by key id',
    sql: `
      CREATE TABLE iam_entities (
        account TEXT NOT NULL,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        seq INTEGER NOT NULL,
        document TEXT NOT NULL,
        PRIMARY KEY (account, kind, name)
      ) WITHOUT ROWID;
      CREATE TABLE iam_access_keys (
        access_key_id TEXT PRIMARY KEY,
        account TEXT NOT NULL,
        owner TEXT NOT NULL,
        seq INTEGER NOT NULL,
        document TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX iam_access_keys_by_owner ON iam_access_keys (account, owner, seq);
    `,
  },
];
