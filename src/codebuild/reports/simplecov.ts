import { CoverageTally, type FileCoverage } from './file-coverage.js';
import { ReportParseError } from './report-xml.js';

type LineHits = (number | null)[];

/**
 * Reads SimpleCov's JSON: simplecov-json's `{files: [{filename, coverage}]}` or SimpleCov's own `.resultset.json`
 * (`{<command>: {coverage: {<file>: {lines}}}}`); a line with hits above 0 is covered, `null` is not code.
 */
export function parseSimplecov(content: string): FileCoverage[] {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (error) {
    throw new ReportParseError(`the report file is not valid JSON: ${(error as Error).message.slice(0, 200)}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ReportParseError('a SimpleCov report is a JSON object');
  const tally = new CoverageTally();
  const files = (json as { files?: unknown }).files;
  if (Array.isArray(files)) {
    for (const file of files as { filename?: unknown; coverage?: unknown }[]) addLines(tally, String(file?.filename ?? ''), file?.coverage);
    return tally.result();
  }
  for (const run of Object.values(json as Record<string, { coverage?: Record<string, unknown> }>)) {
    const coverage = run?.coverage;
    if (typeof coverage !== 'object' || coverage === null) continue;
    for (const [path, value] of Object.entries(coverage)) addLines(tally, path, Array.isArray(value) ? value : (value as { lines?: unknown })?.lines);
  }
  return tally.result();
}

function addLines(tally: CoverageTally, path: string, value: unknown): void {
  const lines = Array.isArray(value) ? (value as LineHits) : Array.isArray((value as { lines?: unknown })?.lines) ? ((value as { lines: LineHits }).lines) : [];
  const counted = lines.filter((hits) => typeof hits === 'number');
  const covered = counted.filter((hits) => (hits as number) > 0).length;
  tally.add(path, { covered, missed: counted.length - covered }, { covered: 0, missed: 0 });
}
