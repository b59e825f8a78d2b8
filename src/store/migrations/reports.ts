import type { Migration } from '../migration.js';

/** The test reports feature's schema changes (number 21: see MIGRATION_NUMBERS). */
export const reportMigrations: Migration[] = [
  {
    version: 21,
    description: 'CodeBuild report groups, reports, their test cases and code coverage records; imported source credentials',
    sql: `
      CREATE TABLE codebuild_report_groups (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        arn TEXT NOT NULL UNIQUE,
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        name TEXT NOT NULL,
        record TEXT NOT NULL
      );
      CREATE INDEX codebuild_report_groups_by_scope ON codebuild_report_groups (account, region, seq);
      CREATE TABLE codebuild_reports (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        arn TEXT NOT NULL UNIQUE,
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        report_group_arn TEXT NOT NULL,
        status TEXT NOT NULL,
        record TEXT NOT NULL
      );
      CREATE INDEX codebuild_reports_by_scope ON codebuild_reports (account, region, seq);
      CREATE INDEX codebuild_reports_by_group ON codebuild_reports (report_group_arn, seq);
      CREATE TABLE codebuild_test_cases (
        report_arn TEXT NOT NULL,
        position INTEGER NOT NULL,
        status TEXT NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (report_arn, position)
      ) WITHOUT ROWID;
      CREATE TABLE codebuild_code_coverages (
        report_arn TEXT NOT NULL,
        position INTEGER NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (report_arn, position)
      ) WITHOUT ROWID;
      CREATE TABLE codebuild_source_credentials (
        arn TEXT PRIMARY KEY,
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        record TEXT NOT NULL
      ) WITHOUT ROWID;
    `,
  },
];
