/** One numbered schema change; applied once, in order, inside a transaction. */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

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
];
