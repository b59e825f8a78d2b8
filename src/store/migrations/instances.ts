import type { Migration } from '../migration.js';

/** The instances feature's schema changes (number 7: see MIGRATION_NUMBERS). */
export const instanceMigrations: Migration[] = [
  {
    version: 7,
    description: 'on-premises instances (Nginx containers) and the settings of the instances feature',
    sql: `
      CREATE TABLE onpremises_instances (
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        name TEXT NOT NULL,
        instance_arn TEXT NOT NULL,
        iam_user_arn TEXT,
        iam_session_arn TEXT,
        register_ms INTEGER NOT NULL,
        deregister_ms INTEGER,
        tags TEXT NOT NULL,
        container_id TEXT,
        container_name TEXT,
        host_port INTEGER,
        PRIMARY KEY (account, region, name)
      ) WITHOUT ROWID;
      CREATE INDEX onpremises_instances_registered ON onpremises_instances (account, region, name) WHERE deregister_ms IS NULL;
      CREATE TABLE instance_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;
    `,
  },
];
