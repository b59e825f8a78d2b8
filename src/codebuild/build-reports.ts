import type { CodeCoverageRecord, CodeCoverageSummaryRecord, CollectedReport, ReportGroupRecord, ReportRecord, ReportStatus, ReportType, Scope, TestCaseRecord, TestCaseStatus, TestSummaryRecord } from '../model/index.js';
import type { Ids } from '../shared/index.js';
import type { CodeBuildReportStore } from '../store/index.js';
import { isCoverageFormat } from './buildspec-reports.js';
import { reportArn, reportGroupArn, reportGroupNameOf } from './codebuild-arns.js';
import { parseReportFile, percentage, ReportParseError, type FileCoverage } from './reports/index.js';

/** What storing a build's reports needs. */
export interface BuildReportsDeps {
  reports: CodeBuildReportStore;
  ids: Ids;
}

/** The build a report belongs to. */
export interface ReportingBuild {
  scope: Scope;
  projectName: string;
  /** The build's ARN (the report's `executionId`). */
  buildArn: string;
  /** The uuid part of the build id, which names the build's report in each group. */
  buildUuid: string;
}

/** A report group as CodeBuild creates it on first use: no export, no tags. */
export function newReportGroup(arn: string, name: string, type: ReportType, nowMs: number): ReportGroupRecord {
  return { arn, name, type, exportConfig: { exportConfigType: 'NO_EXPORT' }, createdMs: nowMs, modifiedMs: nowMs, tags: [] };
}

/** Sums test cases into a report's TestReportSummary (every status counted, zeros included). */
export function testSummary(cases: TestCaseRecord[]): TestSummaryRecord {
  const statusCounts: Record<TestCaseStatus, number> = { SUCCEEDED: 0, FAILED: 0, ERROR: 0, SKIPPED: 0, UNKNOWN: 0 };
  let duration = 0;
  for (const c of cases) {
    statusCounts[c.status]++;
    duration += c.durationInNanoSeconds;
  }
  return { total: cases.length, statusCounts, durationInNanoSeconds: duration };
}

/** Sums files' coverage into a report's CodeCoverageReportSummary. */
export function coverageSummary(files: FileCoverage[]): CodeCoverageSummaryRecord {
  const sum = (key: 'linesCovered' | 'linesMissed' | 'branchesCovered' | 'branchesMissed') => files.reduce((n, f) => n + f[key], 0);
  const [linesCovered, linesMissed, branchesCovered, branchesMissed] = [sum('linesCovered'), sum('linesMissed'), sum('branchesCovered'), sum('branchesMissed')];
  return {
    lineCoveragePercentage: percentage(linesCovered, linesMissed),
    linesCovered,
    linesMissed,
    branchCoveragePercentage: percentage(branchesCovered, branchesMissed),
    branchesCovered,
    branchesMissed,
  };
}

/** The group a buildspec `reports` key names: a report-group ARN as given, else `<project>-<name>` (created on first use). */
function groupFor(deps: BuildReportsDeps, build: ReportingBuild, key: string, type: ReportType, nowMs: number): ReportGroupRecord | string {
  const named = reportGroupNameOf(key);
  if (named !== undefined) {
    const group = deps.reports.getReportGroup(key, build.scope);
    return group ?? `report group ${key} does not exist`; // wording inferred
  }
  const name = `${build.projectName}-${key}`;
  const arn = reportGroupArn(build.scope, name);
  deps.reports.createReportGroup(build.scope, newReportGroup(arn, name, type, nowMs));
  return deps.reports.getReportGroup(arn, build.scope)!;
}

interface ParsedFiles {
  testCases: TestCaseRecord[];
  coverage: FileCoverage[];
  problems: string[];
}

function parseFiles(report: CollectedReport): ParsedFiles {
  const parsed: ParsedFiles = { testCases: [], coverage: [], problems: report.problem ? [report.problem] : [] };
  for (const file of report.files) {
    try {
      const result = parseReportFile(report.fileFormat, file.content, file.path);
      if ('testCases' in result) parsed.testCases.push(...result.testCases);
      else parsed.coverage.push(...result.coverage);
    } catch (error) {
      if (!(error instanceof ReportParseError)) throw error;
      parsed.problems.push(`${file.path}: ${error.message}`);
    }
  }
  return parsed;
}

/** A report's status as CodeBuild sets it: INCOMPLETE when files were missing or unreadable, FAILED when a test failed or erred. */
function statusOf(type: ReportType, parsed: ParsedFiles): ReportStatus {
  if (parsed.problems.length > 0) return 'INCOMPLETE';
  if (type === 'TEST' && parsed.testCases.some((c) => c.status === 'FAILED' || c.status === 'ERROR')) return 'FAILED';
  return 'SUCCEEDED';
}

/**
 * Parses the report files a build collected and stores one report per buildspec `reports` entry in its group (created on
 * first use); `say` writes a line to the build's log. Returns the ARNs of the reports stored.
 */
export function storeBuildReports(deps: BuildReportsDeps, build: ReportingBuild, collected: CollectedReport[], nowMs: number, say: (line: string) => void): string[] {
  const arns: string[] = [];
  for (const entry of collected) {
    const type: ReportType = isCoverageFormat(entry.fileFormat) ? 'CODE_COVERAGE' : 'TEST';
    const group = groupFor(deps, build, entry.name, type, nowMs);
    if (typeof group === 'string') {
      say(`Error: ${group}`);
      continue;
    }
    if (group.type !== type) {
      say(`Error: report group ${group.name} is of type ${group.type}, report file format ${entry.fileFormat} writes ${type} reports`); // wording inferred
      continue;
    }
    const parsed = parseFiles(entry);
    for (const problem of parsed.problems.slice(entry.problem ? 1 : 0)) say(`Error: ${problem}`);
    const arn = reportArn(build.scope, group.name, build.buildUuid);
    const report: ReportRecord = {
      arn,
      type,
      name: group.name,
      reportGroupArn: group.arn,
      executionId: build.buildArn,
      status: statusOf(type, parsed),
      createdMs: nowMs,
      exportConfig: group.exportConfig,
      truncated: false,
      ...(type === 'TEST' ? { testSummary: testSummary(parsed.testCases) } : { codeCoverageSummary: coverageSummary(parsed.coverage) }),
    };
    const codeCoverages: CodeCoverageRecord[] = parsed.coverage.map((file) => ({ id: deps.ids.uuid(), ...file }));
    // A build retried under the same id never happens; a report ARN seen twice would be a second `reports` key naming one group.
    if (deps.reports.getReport(arn)) {
      say(`Error: report group ${group.name} is named by more than one reports entry; only the first is kept`); // wording inferred
      continue;
    }
    deps.reports.insertReport(build.scope, { report, testCases: type === 'TEST' ? parsed.testCases : [], codeCoverages });
    arns.push(arn);
  }
  return arns;
}
