import type { Migration } from '../migration.js';

/** The batch builds feature's schema changes (number 28: see MIGRATION_NUMBERS). */
export const buildBatchMigrations: Migration[] = [
  {
    version: 28,
    description: 'CodeBuild batch builds',
    sql: `
      CREATE TABLE codebuild_build_batches (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        project_name TEXT NOT NULL,
        build_batch_number INTEGER NOT NULL,
        status TEXT NOT NULL,
        record TEXT NOT NULL
      );
      CREATE INDEX codebuild_build_batches_by_scope ON codebuild_build_batches (account, region, seq);
      CREATE INDEX codebuild_build_batches_by_project ON codebuild_build_batches (account, region, project_name, build_batch_number);
      CREATE INDEX codebuild_build_batches_active ON codebuild_build_batches (status) WHERE status = 'IN_PROGRESS';
    `,
  },
];
