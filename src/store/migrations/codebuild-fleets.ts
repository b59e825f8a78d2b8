import type { Migration } from '../migration.js';

/** CodeBuild's fleets, resource policies, sandboxes and their command executions (number 27: see MIGRATION_NUMBERS). */
export const codeBuildFleetMigrations: Migration[] = [
  {
    version: 27,
    description: 'CodeBuild fleets, resource policies, sandboxes and command executions',
    sql: `
      CREATE TABLE codebuild_fleets (
        arn TEXT PRIMARY KEY,
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        name TEXT NOT NULL,
        record TEXT NOT NULL
      );
      CREATE UNIQUE INDEX codebuild_fleets_by_name ON codebuild_fleets (account, region, name);
      CREATE TABLE codebuild_resource_policies (
        resource_arn TEXT PRIMARY KEY,
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        policy TEXT NOT NULL
      );
      CREATE TABLE codebuild_sandboxes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        project_name TEXT NOT NULL,
        record TEXT NOT NULL
      );
      CREATE INDEX codebuild_sandboxes_by_project ON codebuild_sandboxes (account, region, project_name, seq);
      CREATE TABLE codebuild_command_executions (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        sandbox_id TEXT NOT NULL,
        status TEXT NOT NULL,
        record TEXT NOT NULL
      );
      CREATE INDEX codebuild_command_executions_by_sandbox ON codebuild_command_executions (sandbox_id, seq);
    `,
  },
];
