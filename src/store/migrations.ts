import type { Migration } from './migration.js';
import { buildMigrations } from './migrations/builds.js';
import { deployMigrations } from './migrations/deploys.js';
import { historyMigrations } from './migrations/history.js';
import { instanceMigrations } from './migrations/instances.js';
import { jobMigrations } from './migrations/jobs.js';
import { sourceWatchMigrations } from './migrations/source-watch.js';
import { sourceMigrations } from './migrations/sources.js';
import { webhookMigrations } from './migrations/webhooks.js';
import { notificationMigrations } from './migrations/notifications.js';
import { iamMigrations } from './migrations/iam.js';
import { cloudWatchMigrations } from './migrations/cloudwatch.js';
import { conditionMigrations } from './migrations/conditions.js';
import { lambdaMigrations } from './migrations/lambda.js';
import { reportMigrations } from './migrations/reports.js';
import { buildBatchMigrations } from './migrations/build-batches.js';
import { codeBuildFleetMigrations } from './migrations/codebuild-fleets.js';


// The shape lives in its own file so each feature's migrations can name it without importing this list.
export type { Migration } from './migration.js';

/** The numbers reserved per feature, so features written side by side never reuse one. */
export const MIGRATION_NUMBERS = { core: [1, 2], sources: [3, 6, 9, 10, 11, 12, 13], builds: [4], deploys: [5, 15], instances: [7], history: [8], jobs: [14], webhooks: [16], notifications: [20, 26], reports: [21], iam: [22], conditions: [23], lambda: [24, 31], cloudwatch: [25], buildBatches: [28], codeBuildFleets: [27] } as const;

/** Every schema change so far; append new ones, never edit an applied one. */
export const migrations: Migration[] = [
  {
    version: 1,
    description: 'pipelines, their versions, and tags',
    sql: `
      CREATE TABLE pipelines (
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        name TEXT NOT NULL,
        version INTEGER NOT NULL,
        declaration TEXT NOT NULL,
        created_ms INTEGER NOT NULL,
        updated_ms INTEGER NOT NULL,
        PRIMARY KEY (account, region, name)
      ) WITHOUT ROWID;
      CREATE TABLE pipeline_versions (
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        name TEXT NOT NULL,
        version INTEGER NOT NULL,
        declaration TEXT NOT NULL,
        created_ms INTEGER NOT NULL,
        PRIMARY KEY (account, region, name, version)
      ) WITHOUT ROWID;
      CREATE TABLE tags (
        resource_arn TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (resource_arn, key)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    description: 'executions, stage and action executions, transitions',
    sql: `
      CREATE TABLE pipeline_executions (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        pipeline_name TEXT NOT NULL,
        status TEXT NOT NULL,
        client_request_token TEXT,
        waiting_stage TEXT,
        record TEXT NOT NULL
      );
      CREATE INDEX pipeline_executions_by_pipeline ON pipeline_executions (account, region, pipeline_name, seq);
      CREATE INDEX pipeline_executions_active ON pipeline_executions (status) WHERE status IN ('InProgress', 'Stopping');
      CREATE UNIQUE INDEX pipeline_executions_token ON pipeline_executions (account, region, pipeline_name, client_request_token)
        WHERE client_request_token IS NOT NULL;
      CREATE TABLE stage_executions (
        execution_id TEXT NOT NULL,
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        pipeline_name TEXT NOT NULL,
        stage_name TEXT NOT NULL,
        entry INTEGER NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (execution_id, stage_name)
      );
      CREATE INDEX stage_executions_by_pipeline ON stage_executions (account, region, pipeline_name, stage_name, entry);
      CREATE TABLE action_executions (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        execution_id TEXT NOT NULL,
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        pipeline_name TEXT NOT NULL,
        stage_name TEXT NOT NULL,
        action_name TEXT NOT NULL,
        status TEXT NOT NULL,
        token TEXT,
        record TEXT NOT NULL
      );
      CREATE INDEX action_executions_by_execution ON action_executions (execution_id, seq);
      CREATE INDEX action_executions_by_pipeline ON action_executions (account, region, pipeline_name, stage_name, action_name, seq);
      CREATE INDEX action_executions_by_token ON action_executions (token) WHERE token IS NOT NULL;
      CREATE TABLE stage_transitions (
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        pipeline_name TEXT NOT NULL,
        stage_name TEXT NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (account, region, pipeline_name, stage_name)
      ) WITHOUT ROWID;
    `,
  },
  ...sourceMigrations,
  ...sourceWatchMigrations,
  ...buildMigrations,
  ...deployMigrations,
  ...instanceMigrations,
  ...historyMigrations,
  ...jobMigrations,
  ...webhookMigrations,
  ...notificationMigrations,
  ...reportMigrations,
  ...iamMigrations,
  ...conditionMigrations,
  ...lambdaMigrations,
  ...cloudWatchMigrations,
  ...buildBatchMigrations,
  ...codeBuildFleetMigrations,
];
