import type { Migration } from '../migration.js';

/** Indexes that keep execution history reads fast at scale (number 8: see MIGRATION_NUMBERS); bench:history measures them. */
export const historyMigrations: Migration[] = [
  {
    version: 8,
    description: 'indexes for reading long execution histories: action executions by pipeline in start order, active executions and last revisions per pipeline',
    sql: `
      CREATE INDEX action_executions_by_pipeline_seq ON action_executions (account, region, pipeline_name, seq);
      CREATE INDEX pipeline_executions_active_by_pipeline ON pipeline_executions (account, region, pipeline_name, seq)
        WHERE status IN ('InProgress', 'Stopping');
      CREATE INDEX action_executions_revisions ON action_executions (account, region, pipeline_name, stage_name, action_name, seq)
        WHERE status = 'Succeeded' AND json_extract(record, '$.revision') IS NOT NULL;
    `,
  },
];
