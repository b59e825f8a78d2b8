import type { TestCaseRecord } from '../../model/index.js';
import { parseClover } from './clover.js';
import { parseCobertura } from './cobertura.js';
import { parseCucumber } from './cucumber.js';
import type { FileCoverage } from './file-coverage.js';
import { parseJacoco } from './jacoco.js';
import { parseJunit } from './junit.js';
import { parseNunit, parseNunit3 } from './nunit.js';
import { parseSimplecov } from './simplecov.js';
import { parseTestng } from './testng.js';
import { parseTrx } from './trx.js';

export { ReportParseError } from './report-xml.js';
export { percentage, type FileCoverage } from './file-coverage.js';

const TEST_PARSERS: Record<string, (content: string, path: string) => TestCaseRecord[]> = {
  JUNITXML: parseJunit,
  CUCUMBERJSON: parseCucumber,
  TESTNGXML: parseTestng,
  NUNITXML: parseNunit,
  NUNIT3XML: parseNunit3,
  VISUALSTUDIOTRX: parseTrx,
};

const COVERAGE_PARSERS: Record<string, (content: string) => FileCoverage[]> = {
  CLOVERXML: parseClover,
  COBERTURAXML: parseCobertura,
  JACOCOXML: parseJacoco,
  SIMPLECOV: parseSimplecov,
};

/** What one report file holds: test cases for a test format, files' coverage for a coverage format. */
export type ParsedReportFile = { testCases: TestCaseRecord[] } | { coverage: FileCoverage[] };

/** Parses one report file in its buildspec `file-format`; throws ReportParseError when it is not that format. */
export function parseReportFile(format: string, content: string, path: string): ParsedReportFile {
  const test = TEST_PARSERS[format];
  if (test) return { testCases: test(content, path) };
  const coverage = COVERAGE_PARSERS[format];
  if (coverage) return { coverage: coverage(content) };
  throw new Error(`no parser for report format ${format}`);
}
