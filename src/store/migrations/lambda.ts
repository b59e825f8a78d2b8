import type { Migration } from '../migration.js';

/** The Lambda feature's schema changes (number 24: see MIGRATION_NUMBERS). */
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
];
