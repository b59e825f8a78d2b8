import { BuildspecStructureError, type BuildspecReader } from './buildspec-nodes.js';

/** The test report formats CodeBuild reads. */
export const TEST_REPORT_FORMATS = ['CUCUMBERJSON', 'JUNITXML', 'NUNITXML', 'NUNIT3XML', 'TESTNGXML', 'VISUALSTUDIOTRX'] as const;
/** The code coverage report formats CodeBuild reads. */
export const COVERAGE_REPORT_FORMATS = ['CLOVERXML', 'COBERTURAXML', 'JACOCOXML', 'SIMPLECOV'] as const;

/** A report file format (`file-format`). */
export type ReportFileFormat = (typeof TEST_REPORT_FORMATS)[number] | (typeof COVERAGE_REPORT_FORMATS)[number];

/** One entry of the buildspec's `reports`: which files hold the results, and in which format. */
export interface ReportDefinition {
  files: string[];
  baseDirectory?: string;
  discardPaths: boolean;
  fileFormat: ReportFileFormat;
}

const FORMATS: readonly string[] = [...TEST_REPORT_FORMATS, ...COVERAGE_REPORT_FORMATS];

/** Whether a format is a code coverage one (its report group is of type CODE_COVERAGE). */
export function isCoverageFormat(format: string): boolean {
  return (COVERAGE_REPORT_FORMATS as readonly string[]).includes(format);
}

/** Reads `reports`: each key a report group name or ARN, `files` required, `file-format` JUNITXML by default. */
export function readReports(node: unknown, reader: BuildspecReader): Record<string, ReportDefinition> {
  const reports: Record<string, ReportDefinition> = {};
  for (const pair of reader.pairs(node, 'reports')) {
    const name = reader.keyOf(pair);
    const fields = reader.fields(pair.value, `reports.${name}`);
    const files = reader.stringList(fields.get('files'), 'Files', true);
    if (files.length === 0) throw new BuildspecStructureError(`files are required for report group ${name}`);
    const format = (reader.optionalString(fields.get('file-format'), 'file-format') ?? 'JUNITXML').toUpperCase();
    if (!FORMATS.includes(format)) {
      throw new BuildspecStructureError(`invalid report file format ${format} for report group ${name}, valid formats are ${FORMATS.join(', ')}`);
    }
    // A plain object keyed by user text: `__proto__` must stay an ordinary key.
    Object.defineProperty(reports, name, {
      value: {
        files,
        baseDirectory: reader.optionalString(fields.get('base-directory'), 'base-directory'),
        discardPaths: reader.flag(fields.get('discard-paths'), 'discard-paths', false),
        fileFormat: format as ReportFileFormat,
      },
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return reports;
}
