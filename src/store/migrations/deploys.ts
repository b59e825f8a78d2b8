import type { Migration } from '../migration.js';

/** The deploys feature's schema changes (numbers 5 and 15: see MIGRATION_NUMBERS). */
export const deployMigrations: Migration[] = [
  {
    version: 5,
    description: 'CodeDeploy applications, deployment groups, deployment configs, deployments and their targets',
    sql: `
      CREATE TABLE codedeploy_applications (
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        name TEXT NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (account, region, name)
      ) WITHOUT ROWID;
      CREATE TABLE codedeploy_deployment_groups (
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        application_name TEXT NOT NULL,
        name TEXT NOT NULL,
        config_name TEXT NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (account, region, application_name, name)
      ) WITHOUT ROWID;
      CREATE TABLE codedeploy_deployment_configs (
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        name TEXT NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (account, region, name)
      ) WITHOUT ROWID;
      CREATE TABLE codedeploy_deployments (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        group_id TEXT NOT NULL,
        status TEXT NOT NULL,
        create_ms INTEGER NOT NULL,
        record TEXT NOT NULL
      );
      CREATE INDEX codedeploy_deployments_by_group ON codedeploy_deployments (group_id, seq);
      CREATE INDEX codedeploy_deployments_by_scope ON codedeploy_deployments (account, region, seq);
      CREATE INDEX codedeploy_deployments_active ON codedeploy_deployments (status) WHERE status IN ('Created', 'Queued', 'InProgress');
      CREATE TABLE codedeploy_deployment_targets (
        deployment_id TEXT NOT NULL,
        target_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        status TEXT NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (deployment_id, target_id)
      ) WITHOUT ROWID;
      CREATE INDEX codedeploy_targets_by_instance ON codedeploy_deployment_targets (target_id);
    `,
  },
  {
    version: 15,
    description: 'CodeDeploy application revisions (RegisterApplicationRevision and the revisions deployments use)',
    sql: `
      CREATE TABLE codedeploy_revisions (
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        application_name TEXT NOT NULL,
        identity TEXT NOT NULL,
        register_ms INTEGER NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (account, region, application_name, identity)
      ) WITHOUT ROWID;
    `,
  },
];
