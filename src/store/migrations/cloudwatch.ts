import type { Migration } from '../migration.js';

/** The CloudWatch alarms feature's schema changes (number 25: see MIGRATION_NUMBERS). */
export const cloudWatchMigrations: Migration[] = [
  {
    version: 25,
    description: 'CloudWatch metric alarms (one JSON record per alarm of an account and region) and their history, kept after an alarm is deleted',
    sql: `
      CREATE TABLE cloudwatch_alarms (
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        name TEXT NOT NULL,
        state_value TEXT NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (account, region, name)
      ) WITHOUT ROWID;
      CREATE TABLE cloudwatch_alarm_history (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        alarm_name TEXT NOT NULL,
        item_type TEXT NOT NULL,
        timestamp_ms INTEGER NOT NULL,
        record TEXT NOT NULL
      );
      CREATE INDEX cloudwatch_alarm_history_by_scope ON cloudwatch_alarm_history (account, region, timestamp_ms);
      CREATE INDEX cloudwatch_alarm_history_by_alarm ON cloudwatch_alarm_history (account, region, alarm_name, timestamp_ms);
    `,
  },
];
