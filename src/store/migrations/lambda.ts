import type { Migration } from '../migration.js';

/** The Lambda feature's schema changes (numbers 24 and 31: see MIGRATION_NUMBERS). */
export const lambdaMigrations: Migration[] = [
  {
    version: 24,
    description: 'Lambda functions ($LATEST): configuration documents; their code zips live in files under the data directory',
    sql: `
      CREATE TABLE lambda_functions (
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        name TEXT NOT NULL,
        document TEXT NOT NULL,
        PRIMARY KEY (account, region, name)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 31,
    description: 'Lambda versions (immutable snapshots of a function) and aliases (names pointing at one or two versions)',
    sql: `
      CREATE TABLE lambda_versions (
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        name TEXT NOT NULL,
        version INTEGER NOT NULL,
        document TEXT NOT NULL,
        PRIMARY KEY (account, region, name, version)
      ) WITHOUT ROWID;
      CREATE TABLE lambda_aliases (
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        name TEXT NOT NULL,
        alias TEXT NOT NULL,
        document TEXT NOT NULL,
        PRIMARY KEY (account, region, name, alias)
      ) WITHOUT ROWID;
    `,
  },
];
