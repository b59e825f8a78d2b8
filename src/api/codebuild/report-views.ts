import type { CodeCoverage, Report, ReportGroup, TestCase } from '@aws-sdk/client-codebuild';
import { toEpochSeconds } from '../../shared/index.js';
import type { CodeCoverageRecord, ReportGroupRecord, ReportRecord, TestCaseRecord } from '../../store/index.js';
import type { HandlerOutput } from '../protocol/index.js';

// A report, its test cases and coverage expire 30 days after the report is created (AWS's retention).
const REPORT_LIFETIME_MS = 30 * 24 * 3600_000;

/** When a report (and what it holds) expires, in epoch seconds. */
export function expiryOf(report: ReportRecord): number {
  return toEpochSeconds(report.createdMs + REPORT_LIFETIME_MS);
}

/** A report group as CodeBuild's API shows it (ReportGroup). */
export function reportGroupView(group: ReportGroupRecord): HandlerOutput<ReportGroup> {
  return {
    arn: group.arn,
    name: group.name,
    type: group.type,
    exportConfig: group.exportConfig,
    created: toEpochSeconds(group.createdMs),
    lastModified: toEpochSeconds(group.modifiedMs),
    tags: group.tags,
    status: 'ACTIVE',
  };
}

/** A report as BatchGetReports shows it (Report). */
export function reportView(report: ReportRecord): HandlerOutput<Report> {
  return {
    arn: report.arn,
    type: report.type,
    name: report.name,
    reportGroupArn: report.reportGroupArn,
    executionId: report.executionId,
    status: report.status,
    created: toEpochSeconds(report.createdMs),
    expired: expiryOf(report),
    exportConfig: report.exportConfig,
    truncated: report.truncated,
    ...(report.testSummary ? { testSummary: report.testSummary } : {}),
    ...(report.codeCoverageSummary ? { codeCoverageSummary: report.codeCoverageSummary } : {}),
  };
}

/** A test case as DescribeTestCases shows it (TestCase). */
export function testCaseView(report: ReportRecord, testCase: TestCaseRecord): HandlerOutput<TestCase> {
  return { reportArn: report.arn, ...testCase, expired: expiryOf(report) };
}

/** One file's coverage as DescribeCodeCoverages shows it (CodeCoverage). */
export function codeCoverageView(report: ReportRecord, coverage: CodeCoverageRecord): HandlerOutput<CodeCoverage> {
  const { id, ...figures } = coverage;
  return { id, reportARN: report.arn, ...figures, expired: expiryOf(report) };
}
