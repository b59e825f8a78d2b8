/** CodeBuild's report types (ReportType): a report group holds reports of one type. */
export type ReportType = 'TEST' | 'CODE_COVERAGE';

/** A report's status as CodeBuild spells it (ReportStatusType). */
export type ReportStatus = 'GENERATING' | 'SUCCEEDED' | 'FAILED' | 'INCOMPLETE' | 'DELETING';

/** A test case's status as CodeBuild spells it. */
export type TestCaseStatus = 'SUCCEEDED' | 'FAILED' | 'ERROR' | 'SKIPPED' | 'UNKNOWN';

/** Where a report group exports raw report files (ReportExportConfig), kept as given. */
export interface ReportExportConfigRecord {
  exportConfigType?: 'S3' | 'NO_EXPORT';
  s3Destination?: { bucket?: string; bucketOwner?: string; path?: string; packaging?: 'ZIP' | 'NONE'; encryptionKey?: string; encryptionDisabled?: boolean };
}

/** One report group (times in epoch ms). */
export interface ReportGroupRecord {
  arn: string;
  name: string;
  type: ReportType;
  exportConfig: ReportExportConfigRecord;
  createdMs: number;
  modifiedMs: number;
  tags: { key: string; value: string }[];
}

/** A test report's summary (TestReportSummary). */
export interface TestSummaryRecord {
  total: number;
  statusCounts: Record<TestCaseStatus, number>;
  durationInNanoSeconds: number;
}

/** A coverage report's summary (CodeCoverageReportSummary). */
export interface CodeCoverageSummaryRecord {
  lineCoveragePercentage: number;
  linesCovered: number;
  linesMissed: number;
  branchCoveragePercentage: number;
  branchesCovered: number;
  branchesMissed: number;
}

/** One report: the results of one report group's files in one build (times in epoch ms). */
export interface ReportRecord {
  arn: string;
  type: ReportType;
  name: string;
  reportGroupArn: string;
  /** The ARN of the build that produced it. */
  executionId: string;
  status: ReportStatus;
  createdMs: number;
  exportConfig: ReportExportConfigRecord;
  truncated: boolean;
  testSummary?: TestSummaryRecord;
  codeCoverageSummary?: CodeCoverageSummaryRecord;
}

/** One test case of a test report. */
export interface TestCaseRecord {
  testRawDataPath: string;
  prefix: string;
  name: string;
  status: TestCaseStatus;
  durationInNanoSeconds: number;
  message?: string;
  testSuiteName?: string;
}

/** One file's coverage in a coverage report: the summary's figures for that file. */
export interface CodeCoverageRecord extends CodeCoverageSummaryRecord {
  id: string;
  filePath: string;
}

/** The files of one buildspec `reports` entry, as the runner read them out of the build container. */
export interface CollectedReport {
  /** The buildspec key: a report group name or ARN. */
  name: string;
  /** `file-format` as written (JUNITXML when absent). */
  fileFormat: string;
  files: { path: string; content: string }[];
  /** Why no files were read (no match, too large), for an INCOMPLETE report. */
  problem?: string;
}

/** Source credentials ImportSourceCredentials stored: the token is kept for builds and never shown. */
export interface SourceCredentialsRecord {
  arn: string;
  serverType: 'GITHUB' | 'BITBUCKET' | 'GITHUB_ENTERPRISE' | 'GITLAB' | 'GITLAB_SELF_MANAGED';
  authType: 'OAUTH' | 'BASIC_AUTH' | 'PERSONAL_ACCESS_TOKEN' | 'CODECONNECTIONS' | 'SECRETS_MANAGER';
  token: string;
  username?: string;
}
