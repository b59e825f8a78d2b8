import { getBlob, getDifferences } from '../../api/codecommit.js';
import type { Difference } from '../../api/codecommit-types.js';
import { fileContent } from '../../lib/file-content.js';
import { diffLines, hunks, splitLines, type Hunk } from '../../lib/line-diff.js';

/** Past this many changed files, the rest are listed without their lines (each would cost two GetBlob calls). */
export const MAX_FILE_DIFFS = 40;

/** One changed file: what GetDifferences says, and its changed lines when they were read. */
export interface FileChange {
  difference: Difference;
  /** The path after the change, or before it for a deletion. */
  path: string;
  hunks?: Hunk[];
  binary?: boolean;
  /** True when the file's lines were not read (too many files changed). */
  skipped?: boolean;
}

async function textOf(name: string, blobId: string | undefined, signal: AbortSignal) {
  return blobId ? fileContent(await getBlob(name, blobId, signal)) : { binary: false, text: '', size: 0 };
}

/** The files changed from `before` (nothing: the whole tree is new) to `after`, each with its line diff. */
export async function loadChanges(name: string, before: string | undefined, after: string, signal: AbortSignal): Promise<FileChange[]> {
  const differences = await getDifferences(name, before, after, signal);
  const pathOf = (d: Difference) => d.afterBlob?.path ?? d.beforeBlob?.path ?? '';
  differences.sort((a, b) => pathOf(a).localeCompare(pathOf(b)));
  return Promise.all(
    differences.map(async (difference, i): Promise<FileChange> => {
      const path = pathOf(difference);
      if (i >= MAX_FILE_DIFFS) return { difference, path, skipped: true };
      const [old, now] = await Promise.all([textOf(name, difference.beforeBlob?.blobId, signal), textOf(name, difference.afterBlob?.blobId, signal)]);
      if (old.binary || now.binary) return { difference, path, binary: true };
      return { difference, path, hunks: hunks(diffLines(splitLines(old.text), splitLines(now.text))) };
    }),
  );
}
