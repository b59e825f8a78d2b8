import type { Migration } from '../migration.js';

/** The sources feature's schema changes (numbers 3 and 9: see MIGRATION_NUMBERS). */
export const sourceMigrations: Migration[] = [
  {
    version: 3,
    description: 'CodeCommit repositories: emulator-made bare repositories and registered checkouts',
    sql: `
      CREATE TABLE repositories (
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        name TEXT NOT NULL,
        repository_id TEXT NOT NULL UNIQUE,
        description TEXT,
        default_branch TEXT,
        git_dir TEXT NOT NULL,
        work_tree TEXT,
        registered INTEGER NOT NULL,
        created_ms INTEGER NOT NULL,
        updated_ms INTEGER NOT NULL,
        PRIMARY KEY (account, region, name)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 9,
    description: 'CodeCommit repositories: the KMS key UpdateRepositoryEncryptionKey records',
    sql: `ALTER TABLE repositories ADD COLUMN kms_key_id TEXT;`,
  },
];
