import type { CodeCoverageRecord } from '../../model/index.js';

/** One file's coverage as a parser reads it; the report gives it an id. */
export type FileCoverage = Omit<CodeCoverageRecord, 'id'>;

/** A percentage as CodeBuild shows it: covered of all, 0 when there is nothing to cover, two decimals. */
export function percentage(covered: number, missed: number): number {
  const total = covered + missed;
  return total === 0 ? 0 : Math.round((covered / total) * 10000) / 100;
}

/** A file's coverage from its line and branch counts. */
export function fileCoverage(filePath: string, lines: { covered: number; missed: number }, branches: { covered: number; missed: number }): FileCoverage {
  return {
    filePath,
    lineCoveragePercentage: percentage(lines.covered, lines.missed),
    linesCovered: lines.covered,
    linesMissed: lines.missed,
    branchCoveragePercentage: percentage(branches.covered, branches.missed),
    branchesCovered: branches.covered,
    branchesMissed: branches.missed,
  };
}

/** Adds up counts kept per file path, in first-seen order. */
export class CoverageTally {
  private readonly files = new Map<string, { lines: { covered: number; missed: number }; branches: { covered: number; missed: number } }>();

  /** Adds counts to a file. */
  add(path: string, lines: { covered: number; missed: number }, branches: { covered: number; missed: number }): void {
    const entry = this.files.get(path) ?? { lines: { covered: 0, missed: 0 }, branches: { covered: 0, missed: 0 } };
    entry.lines.covered += lines.covered;
    entry.lines.missed += lines.missed;
    entry.branches.covered += branches.covered;
    entry.branches.missed += branches.missed;
    this.files.set(path, entry);
  }

  /** Each file's coverage. */
  result(): FileCoverage[] {
    return [...this.files].map(([path, c]) => fileCoverage(path, c.lines, c.branches));
  }
}
