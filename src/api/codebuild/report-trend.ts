import type { GetReportGroupTrendInput, GetReportGroupTrendOutput } from '@aws-sdk/client-codebuild';
import type { ReportRecord, ReportType } from '../../store/index.js';
import type { HandlerInput, HandlerOutput, RequestContext } from '../protocol/index.js';
import { limits, type CodeBuildDeps } from './deps.js';
import { InvalidInputException } from './errors.js';
import { requireReportGroup } from './report-groups.js';

type Field = (report: ReportRecord) => number | undefined;

// Each trend field reads one figure of a report's summary; test fields apply to TEST groups, the others to CODE_COVERAGE.
const FIELDS: Record<string, { type: ReportType; value: Field }> = {
  PASS_RATE: { type: 'TEST', value: (r) => r.testSummary && (r.testSummary.total === 0 ? 0 : (r.testSummary.statusCounts.SUCCEEDED / r.testSummary.total) * 100) },
  DURATION: { type: 'TEST', value: (r) => r.testSummary?.durationInNanoSeconds },
  TOTAL: { type: 'TEST', value: (r) => r.testSummary?.total },
  LINE_COVERAGE: { type: 'CODE_COVERAGE', value: (r) => r.codeCoverageSummary?.lineCoveragePercentage },
  LINES_COVERED: { type: 'CODE_COVERAGE', value: (r) => r.codeCoverageSummary?.linesCovered },
  LINES_MISSED: { type: 'CODE_COVERAGE', value: (r) => r.codeCoverageSummary?.linesMissed },
  BRANCH_COVERAGE: { type: 'CODE_COVERAGE', value: (r) => r.codeCoverageSummary?.branchCoveragePercentage },
  BRANCHES_COVERED: { type: 'CODE_COVERAGE', value: (r) => r.codeCoverageSummary?.branchesCovered },
  BRANCHES_MISSED: { type: 'CODE_COVERAGE', value: (r) => r.codeCoverageSummary?.branchesMissed },
};

/** A figure as the trend's strings carry it: at most two decimals, no trailing zeros. */
function figure(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** GetReportGroupTrend: one figure of the group's newest reports (100 unless numOfReports), with their average, max and min. */
export function getReportGroupTrend(deps: CodeBuildDeps, input: HandlerInput<GetReportGroupTrendInput>, ctx: RequestContext): HandlerOutput<GetReportGroupTrendOutput> {
  const group = requireReportGroup(deps, ctx, input.reportGroupArn);
  const field = FIELDS[input.trendField];
  if (!field) throw new InvalidInputException(`Invalid trend field ${input.trendField}`); // wording inferred
  if (field.type !== group.type) {
    throw new InvalidInputException(`Trend field ${input.trendField} does not apply to report group ${group.arn} of type ${group.type}`); // wording inferred
  }
  const rawData: { reportArn: string; data: string }[] = [];
  const values: number[] = [];
  for (const report of deps.reports.latestReportsOfGroup(group.arn, input.numOfReports ?? limits.pageSize)) {
    const value = field.value(report);
    if (value === undefined) continue;
    values.push(value);
    rawData.push({ reportArn: report.arn, data: figure(value) });
  }
  if (values.length === 0) return { stats: {}, rawData };
  const average = values.reduce((a, b) => a + b, 0) / values.length;
  return { stats: { average: figure(average), max: figure(Math.max(...values)), min: figure(Math.min(...values)) }, rawData };
}
