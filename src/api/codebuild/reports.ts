import type {
  BatchGetReportsInput,
  BatchGetReportsOutput,
  DeleteReportInput,
  DeleteReportOutput,
  DescribeCodeCoveragesInput,
  DescribeCodeCoveragesOutput,
  DescribeTestCasesInput,
  DescribeTestCasesOutput,
  ListReportsForReportGroupInput,
  ListReportsForReportGroupOutput,
  ListReportsInput,
  ListReportsOutput,
} from '@aws-sdk/client-codebuild';
import { parseArn } from '../../shared/index.js';
import type { ReportRecord, ReportStatus } from '../../store/index.js';
import { pageByOffset, type HandlerInput, type HandlerOutput, type RequestContext } from '../protocol/index.js';
import { limits, type CodeBuildDeps } from './deps.js';
import { InvalidInputException, ResourceNotFoundException } from './errors.js';
import { invalidNextToken } from './projects.js';
import { requireReportGroup } from './report-groups.js';
import { codeCoverageView, reportView, testCaseView } from './report-views.js';

const TEST_CASE_STATUSES = ['SUCCEEDED', 'FAILED', 'ERROR', 'SKIPPED', 'UNKNOWN'];

function requireReport(deps: CodeBuildDeps, ctx: RequestContext, arn: string): ReportRecord {
  if (!parseArn(arn, { service: 'codebuild' })?.resource.startsWith('report/')) throw new InvalidInputException(`Invalid report ARN: ${arn}`); // wording inferred
  const report = deps.reports.getReport(arn, ctx);
  if (!report) throw new ResourceNotFoundException(`Report ${arn} does not exist`); // wording inferred
  return report;
}

function paged<T>(items: T[], input: { nextToken?: string; maxResults?: number }): { items: T[]; nextToken?: string } {
  const page = pageByOffset(items, input.nextToken, input.maxResults ?? limits.pageSize, invalidNextToken);
  return { items: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

/** ListReports: the ARNs of the scope's reports, newest first unless ASCENDING, of one status when filtered. */
export function listReports(deps: CodeBuildDeps, input: HandlerInput<ListReportsInput>, ctx: RequestContext): HandlerOutput<ListReportsOutput> {
  const { items, nextToken } = paged(deps.reports.reportArns(ctx, input.sortOrder, input.filter?.status as ReportStatus | undefined), input);
  return { reports: items, ...(nextToken ? { nextToken } : {}) };
}

/** ListReportsForReportGroup: the ARNs of a group's reports, newest first unless ASCENDING, of one status when filtered. */
export function listReportsForReportGroup(deps: CodeBuildDeps, input: HandlerInput<ListReportsForReportGroupInput>, ctx: RequestContext): HandlerOutput<ListReportsForReportGroupOutput> {
  const group = requireReportGroup(deps, ctx, input.reportGroupArn);
  const { items, nextToken } = paged(deps.reports.reportArnsOfGroup(group.arn, input.sortOrder, input.filter?.status as ReportStatus | undefined), input);
  return { reports: items, ...(nextToken ? { nextToken } : {}) };
}

/** BatchGetReports: the reports found, in the order asked, and the ARNs not found. */
export function batchGetReports(deps: CodeBuildDeps, input: HandlerInput<BatchGetReportsInput>, ctx: RequestContext): HandlerOutput<BatchGetReportsOutput> {
  const reports: ReturnType<typeof reportView>[] = [];
  const reportsNotFound: string[] = [];
  for (const arn of input.reportArns) {
    const report = deps.reports.getReport(arn, ctx);
    if (report) reports.push(reportView(report));
    else reportsNotFound.push(arn);
  }
  return { reports, reportsNotFound };
}

/** DeleteReport: removes a report with its test cases and coverage; a missing report is not an error. */
export function deleteReport(deps: CodeBuildDeps, input: HandlerInput<DeleteReportInput>, ctx: RequestContext): HandlerOutput<DeleteReportOutput> {
  if (deps.reports.getReport(input.arn, ctx)) deps.reports.deleteReport(input.arn);
  return {};
}

/** DescribeTestCases: a test report's cases in the order read, filtered by one status and a keyword found in the name or prefix. */
export function describeTestCases(deps: CodeBuildDeps, input: HandlerInput<DescribeTestCasesInput>, ctx: RequestContext): HandlerOutput<DescribeTestCasesOutput> {
  const report = requireReport(deps, ctx, input.reportArn);
  const status = input.filter?.status;
  if (status !== undefined && !TEST_CASE_STATUSES.includes(status)) {
    throw new InvalidInputException(`Invalid test case status ${status}, valid values are ${TEST_CASE_STATUSES.join(', ')}`); // wording inferred
  }
  const keyword = input.filter?.keyword;
  const cases = deps.reports.testCases(report.arn, status).filter((c) => !keyword || c.name.includes(keyword) || c.prefix.includes(keyword));
  const { items, nextToken } = paged(cases, input);
  return { testCases: items.map((c) => testCaseView(report, c)), ...(nextToken ? { nextToken } : {}) };
}

/** DescribeCodeCoverages: a coverage report's files, between the line coverage bounds given, sorted by path or line coverage. */
export function describeCodeCoverages(deps: CodeBuildDeps, input: HandlerInput<DescribeCodeCoveragesInput>, ctx: RequestContext): HandlerOutput<DescribeCodeCoveragesOutput> {
  const report = requireReport(deps, ctx, input.reportArn);
  const min = input.minLineCoveragePercentage ?? 0;
  const max = input.maxLineCoveragePercentage ?? 100;
  if (min > max) throw new InvalidInputException('minLineCoveragePercentage must not be greater than maxLineCoveragePercentage'); // wording inferred
  const sign = input.sortOrder === 'DESCENDING' ? -1 : 1;
  const byPath = input.sortBy === 'FILE_PATH';
  const files = deps.reports
    .codeCoverages(report.arn)
    .filter((f) => f.lineCoveragePercentage >= min && f.lineCoveragePercentage <= max)
    .sort((a, b) => {
      const order = byPath ? (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0) : a.lineCoveragePercentage - b.lineCoveragePercentage;
      return sign * (order || (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
    });
  const { items, nextToken } = paged(files, input);
  return { codeCoverages: items.map((f) => codeCoverageView(report, f)), ...(nextToken ? { nextToken } : {}) };
}
