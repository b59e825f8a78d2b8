import type { CollectedReport } from '../model/index.js';
import { ArtifactSelector } from './artifact-selection.js';
import { scanTree, type PackagingDeps } from './artifact-packaging.js';
import type { ReportDefinition } from './buildspec-reports.js';

// A report file larger than this is not read (bytes): the parsed test cases are kept in the store.
const MAX_REPORT_FILE_BYTES = 32 * 1024 * 1024;

/** The reports of a buildspec as left when the build never reached UPLOAD_ARTIFACTS: no files, and why. */
export function unreadReports(reports: Record<string, ReportDefinition>, problem: string): CollectedReport[] {
  return Object.entries(reports).map(([name, def]) => ({ name, fileFormat: def.fileFormat, files: [], problem }));
}

/**
 * Reads each `reports` entry's files out of the build container, chosen as artifact files are (`base-directory`,
 * `files` globs, `discard-paths` naming them), in one streamed read of the source tree.
 */
export async function collectReportFiles(deps: PackagingDeps, reports: Record<string, ReportDefinition>): Promise<CollectedReport[]> {
  const entries = Object.entries(reports);
  if (entries.length === 0) return [];
  const selectors = entries.map(([, def]) => new ArtifactSelector({ ...def, excludePaths: [], enableSymlinks: false }));
  const kept = await scanTree(deps, selectors);
  return entries.map(([name, def], index) => {
    const selector = selectors[index];
    for (const line of selector.logLines()) deps.log.agent(line);
    const files: CollectedReport['files'] = [];
    const skipped: string[] = [];
    for (const file of selector.files()) {
      const entry = kept.get(file.path);
      if (entry === undefined || !isRegularFile(entry.header.type) || entry.content.length > MAX_REPORT_FILE_BYTES) skipped.push(file.path);
      else files.push({ path: file.zipName, content: entry.content.toString('utf8') });
    }
    const problem = files.length > 0 ? undefined : skipped.length > 0 ? `report files could not be read: ${skipped.join(', ')}` : 'no report files found';
    if (problem !== undefined) deps.log.agent(`Error: ${problem} for report group ${name}`);
    return { name, fileFormat: def.fileFormat, files, ...(problem ? { problem } : {}) };
  });
}

function isRegularFile(type: string | undefined): boolean {
  return type === 'file' || type === 'contiguous-file';
}
