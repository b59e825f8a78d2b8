import { allPages, callAws } from './aws.js';

/** A report as BatchGetReports shows it (the members the console reads). */
export interface Report {
  arn: string;
  type: 'TEST' | 'CODE_COVERAGE';
  name: string;
  status: string;
  testSummary?: { total: number; statusCounts: Record<string, number>; durationInNanoSeconds: number };
  codeCoverageSummary?: { lineCoveragePercentage: number; linesCovered: number; linesMissed: number; branchCoveragePercentage: number; branchesCovered: number; branchesMissed: number };
}

/** A test case as DescribeTestCases shows it. */
export interface TestCase {
  prefix?: string;
  name?: string;
  status?: string;
  message?: string;
  testRawDataPath?: string;
}

/** One file's coverage as DescribeCodeCoverages shows it. */
export interface FileCoverage {
  filePath: string;
  lineCoveragePercentage: number;
  linesCovered: number;
  linesMissed: number;
  branchCoveragePercentage: number;
}

/** A report with what the console shows of it: the failed and erred test cases, or every file's coverage. */
export interface ReportDetail {
  report: Report;
  failures: TestCase[];
  files: FileCoverage[];
}

const cb = <T>(operation: string, input: object, signal?: AbortSignal) => callAws<T>('codebuild', operation, input, signal);

/** BatchGetReports, then each test report's failures and each coverage report's files (lowest coverage first). */
export async function getReportDetails(arns: string[], signal?: AbortSignal): Promise<ReportDetail[]> {
  const { reports = [] } = await cb<{ reports?: Report[] }>('BatchGetReports', { reportArns: arns }, signal);
  return Promise.all(
    reports.map(async (report): Promise<ReportDetail> => {
      if (report.type === 'TEST') {
        const byStatus = (status: string) => allPages<TestCase>('codebuild', 'DescribeTestCases', { reportArn: report.arn, filter: { status } }, 'testCases', { limit: 200, signal });
        const [failed, errors] = await Promise.all([byStatus('FAILED'), byStatus('ERROR')]);
        return { report, failures: [...failed, ...errors], files: [] };
      }
      const files = await allPages<FileCoverage>('codebuild', 'DescribeCodeCoverages', { reportArn: report.arn, sortBy: 'LINE_COVERAGE_PERCENTAGE', sortOrder: 'ASCENDING' }, 'codeCoverages', { limit: 500, signal });
      return { report, failures: [], files };
    }),
  );
}
