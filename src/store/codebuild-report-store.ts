import type Database from 'better-sqlite3';
import type { CodeCoverageRecord, ReportGroupRecord, ReportRecord, ReportStatus, Scope, TestCaseRecord } from '../model/index.js';
import { statementCache, type Db } from './database.js';
import type { BuildSortOrder } from './codebuild-store.js';

/** A report with the test cases or coverage records it was parsed into. */
export interface NewReport {
  report: ReportRecord;
  testCases: TestCaseRecord[];
  codeCoverages: CodeCoverageRecord[];
}

function inScope(row: { account: string; region: string } | undefined, scope?: Scope): boolean {
  return row !== undefined && (!scope || (row.account === scope.account && row.region === scope.region));
}

/** Reads and writes CodeBuild report groups and reports (with their test cases and coverage). */
export class CodeBuildReportStore {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  /** Stores a new report group; false when one with its ARN exists. */
  createReportGroup(scope: Scope, group: ReportGroupRecord): boolean {
    const result = this.sql('INSERT INTO codebuild_report_groups (arn, account, region, name, record) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING').run(
      group.arn,
      scope.account,
      scope.region,
      group.name,
      JSON.stringify(group),
    );
    return result.changes === 1;
  }

  /** Finds a report group by ARN, in a scope when one is given. */
  getReportGroup(arn: string, scope?: Scope): ReportGroupRecord | undefined {
    const row = this.sql('SELECT account, region, record FROM codebuild_report_groups WHERE arn = ?').get(arn) as { account: string; region: string; record: string } | undefined;
    return row && inScope(row, scope) ? (JSON.parse(row.record) as ReportGroupRecord) : undefined;
  }

  /** Replaces a report group's record. */
  saveReportGroup(group: ReportGroupRecord): void {
    this.sql('UPDATE codebuild_report_groups SET record = ? WHERE arn = ?').run(JSON.stringify(group), group.arn);
  }

  /** Removes a report group, and its reports when asked. */
  deleteReportGroup(arn: string, withReports: boolean): void {
    this.db.transaction(() => {
      if (withReports) for (const report of this.reportArnsOfGroup(arn, 'ASCENDING')) this.deleteReport(report);
      this.sql('DELETE FROM codebuild_report_groups WHERE arn = ?').run(arn);
    })();
  }

  /** Every report group of a scope, oldest first. */
  listReportGroups(scope: Scope): ReportGroupRecord[] {
    const rows = this.sql('SELECT record FROM codebuild_report_groups WHERE account = ? AND region = ? ORDER BY seq').all(scope.account, scope.region) as { record: string }[];
    return rows.map((r) => JSON.parse(r.record) as ReportGroupRecord);
  }

  /** Stores a report with its test cases or coverage records, in one transaction. */
  insertReport(scope: Scope, entry: NewReport): void {
    const { report } = entry;
    this.db.transaction(() => {
      this.sql('INSERT INTO codebuild_reports (arn, account, region, report_group_arn, status, record) VALUES (?, ?, ?, ?, ?, ?)').run(
        report.arn,
        scope.account,
        scope.region,
        report.reportGroupArn,
        report.status,
        JSON.stringify(report),
      );
      const testCase = this.sql('INSERT INTO codebuild_test_cases (report_arn, position, status, record) VALUES (?, ?, ?, ?)');
      entry.testCases.forEach((c, i) => testCase.run(report.arn, i, c.status, JSON.stringify(c)));
      const coverage = this.sql('INSERT INTO codebuild_code_coverages (report_arn, position, record) VALUES (?, ?, ?)');
      entry.codeCoverages.forEach((c, i) => coverage.run(report.arn, i, JSON.stringify(c)));
    })();
  }

  /** Finds a report by ARN, in a scope when one is given. */
  getReport(arn: string, scope?: Scope): ReportRecord | undefined {
    const row = this.sql('SELECT account, region, record FROM codebuild_reports WHERE arn = ?').get(arn) as { account: string; region: string; record: string } | undefined;
    return row && inScope(row, scope) ? (JSON.parse(row.record) as ReportRecord) : undefined;
  }

  /** The ARNs of a scope's reports by creation, newest first unless ASCENDING, of one status when given. */
  reportArns(scope: Scope, order: BuildSortOrder = 'DESCENDING', status?: ReportStatus): string[] {
    const dir = order === 'ASCENDING' ? 'ASC' : 'DESC';
    const rows = this.sql(`SELECT arn FROM codebuild_reports WHERE account = ? AND region = ? AND (? IS NULL OR status = ?) ORDER BY seq ${dir}`).all(
      scope.account,
      scope.region,
      status ?? null,
      status ?? null,
    ) as { arn: string }[];
    return rows.map((r) => r.arn);
  }

  /** The ARNs of a report group's reports by creation, newest first unless ASCENDING, of one status when given. */
  reportArnsOfGroup(groupArn: string, order: BuildSortOrder = 'DESCENDING', status?: ReportStatus): string[] {
    const dir = order === 'ASCENDING' ? 'ASC' : 'DESC';
    const rows = this.sql(`SELECT arn FROM codebuild_reports WHERE report_group_arn = ? AND (? IS NULL OR status = ?) ORDER BY seq ${dir}`).all(
      groupArn,
      status ?? null,
      status ?? null,
    ) as { arn: string }[];
    return rows.map((r) => r.arn);
  }

  /** A report group's newest reports, newest first. */
  latestReportsOfGroup(groupArn: string, limit: number): ReportRecord[] {
    const rows = this.sql('SELECT record FROM codebuild_reports WHERE report_group_arn = ? ORDER BY seq DESC LIMIT ?').all(groupArn, limit) as { record: string }[];
    return rows.map((r) => JSON.parse(r.record) as ReportRecord);
  }

  /** Removes a report with its test cases and coverage records. */
  deleteReport(arn: string): void {
    this.db.transaction(() => {
      this.sql('DELETE FROM codebuild_test_cases WHERE report_arn = ?').run(arn);
      this.sql('DELETE FROM codebuild_code_coverages WHERE report_arn = ?').run(arn);
      this.sql('DELETE FROM codebuild_reports WHERE arn = ?').run(arn);
    })();
  }

  /** A report's test cases in the order they were read, of one status when given. */
  testCases(reportArn: string, status?: string): TestCaseRecord[] {
    const rows = this.sql('SELECT record FROM codebuild_test_cases WHERE report_arn = ? AND (? IS NULL OR status = ?) ORDER BY position').all(
      reportArn,
      status ?? null,
      status ?? null,
    ) as { record: string }[];
    return rows.map((r) => JSON.parse(r.record) as TestCaseRecord);
  }

  /** A report's coverage records, one per file, in the order they were read. */
  codeCoverages(reportArn: string): CodeCoverageRecord[] {
    const rows = this.sql('SELECT record FROM codebuild_code_coverages WHERE report_arn = ? ORDER BY position').all(reportArn) as { record: string }[];
    return rows.map((r) => JSON.parse(r.record) as CodeCoverageRecord);
  }
}
