import type { Migration } from '../migration.js';

/** The builds feature's schema changes (number 4: see MIGRATION_NUMBERS). */
export const buildMigrations: Migration[] = [
  {
    version: 4,
    description: 'CodeBuild projects and builds',
    sql: `
      CREATE TABLE codebuild_projects (
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        name TEXT NOT NULL,
        created_ms INTEGER NOT NULL,
        modified_ms INTEGER NOT NULL,
        last_build_number INTEGER NOT NULL DEFAULT 0,
        record TEXT NOT NULL,
        PRIMARY KEY (account, region, name)
      ) WITHOUT ROWID;
      CREATE TABLE codebuild_builds (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        project_name TEXT NOT NULL,
        build_number INTEGER NOT NULL,
        status TEXT NOT NULL,
        record TEXT NOT NULL
      );
      CREATE INDEX codebuild_builds_by_scope ON codebuild_builds (account, region, seq);
      CREATE INDEX codebuild_builds_by_project ON codebuild_builds (account, region, project_name, build_number);
      CREATE INDEX codebuild_builds_active ON codebuild_builds (status) WHERE status = 'IN_PROGRESS';
    `,
  },
];
