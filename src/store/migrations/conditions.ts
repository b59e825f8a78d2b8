import type { Migration } from '../migration.js';

/** The stage conditions' schema changes (number 23: see MIGRATION_NUMBERS). */
export const conditionMigrations: Migration[] = [
  {
    version: 23,
    description: 'stage conditions (V2): one JSON record per condition evaluation and per rule execution, in the order they started',
    sql: `
      CREATE TABLE condition_executions (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        execution_id TEXT NOT NULL,
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        pipeline_name TEXT NOT NULL,
        stage_name TEXT NOT NULL,
        condition_type TEXT NOT NULL,
        record TEXT NOT NULL
      );
      CREATE INDEX condition_executions_by_stage ON condition_executions (account, region, pipeline_name, stage_name, condition_type, seq);
      CREATE INDEX condition_executions_by_execution ON condition_executions (execution_id, seq);
      CREATE TABLE rule_executions (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        condition_execution_id TEXT NOT NULL,
        execution_id TEXT NOT NULL,
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        pipeline_name TEXT NOT NULL,
        record TEXT NOT NULL
      );
      CREATE INDEX rule_executions_by_pipeline ON rule_executions (account, region, pipeline_name, seq);
      CREATE INDEX rule_executions_by_execution ON rule_executions (execution_id, seq);
      CREATE INDEX rule_executions_by_condition ON rule_executions (condition_execution_id, seq);
    `,
  },
];
