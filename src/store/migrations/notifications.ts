import type { Migration } from '../migration.js';

/**
 * The notifications feature's schema changes (numbers 20 and 26: see MIGRATION_NUMBERS): SNS and CodeStar
 * Notifications; then the recent events and SNS deliveries, kept across restarts.
 */
export const notificationMigrations: Migration[] = [
  {
    version: 20,
    description: 'SNS topics, subscriptions and the local mailbox; CodeStar Notifications rules',
    sql: `
      CREATE TABLE sns_topics (
        arn TEXT PRIMARY KEY,
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        seq INTEGER NOT NULL,
        document TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE sns_subscriptions (
        arn TEXT PRIMARY KEY,
        topic_arn TEXT NOT NULL,
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        token TEXT NOT NULL UNIQUE,
        seq INTEGER NOT NULL,
        document TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX sns_subscriptions_by_topic ON sns_subscriptions (topic_arn, seq);
      CREATE TABLE sns_mailbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        address TEXT NOT NULL,
        document TEXT NOT NULL
      );
      CREATE INDEX sns_mailbox_by_address ON sns_mailbox (address, seq);
      CREATE TABLE notification_rules (
        arn TEXT PRIMARY KEY,
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        seq INTEGER NOT NULL,
        document TEXT NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 26,
    description: 'the recent EventBridge-shaped events and SNS delivery records, kept across restarts',
    sql: `
      CREATE TABLE event_log (
        seq INTEGER PRIMARY KEY,
        document TEXT NOT NULL
      );
      CREATE TABLE sns_deliveries (
        seq INTEGER PRIMARY KEY,
        document TEXT NOT NULL
      );
    `,
  },
];
