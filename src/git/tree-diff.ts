import { runGit } from './git.js';

/** One file that differs between two trees, as `git diff-tree --raw` reports it (renames are not detected). */
export interface TreeDifference {
  /** A (added), M (modified, content or mode) or D (deleted); a type change reads as M. */
  changeType: 'A' | 'M' | 'D';
  before?: { blobId: string; path: string; mode: string };
  after?: { blobId: string; path: string; mode: string };
}

/**
 * Lists the files that differ between two tree-ishes (full ids, or `<id>:<folder>` for a folder of a commit), paths
 * relative to those trees, and within `pathspec` when given (a checked path, always after `--`).
 */
export async function diffTrees(gitDir: string, before: string, after: string, pathspec?: string): Promise<TreeDifference[]> {
  const args = ['diff-tree', '-r', '-z', '--raw', '--no-renames', '--no-abbrev', '--end-of-options', before, after, ...(pathspec ? ['--', pathspec] : [])];
  const fields = (await runGit(args, { gitDir })).stdout.toString('utf8').split('\0');
  const differences: TreeDifference[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const [oldMode, newMode, oldId, newId, status] = fields[i].replace(/^:/, '').split(' ');
    const path = fields[i + 1];
    const changeType = status === 'A' || status === 'D' ? status : 'M';
    differences.push({
      changeType,
      ...(changeType !== 'A' ? { before: { blobId: oldId, path, mode: oldMode } } : {}),
      ...(changeType !== 'D' ? { after: { blobId: newId, path, mode: newMode } } : {}),
    });
  }
  return differences;
}

/**
 * The commits that changed a path, newest first, from a commit back, each with its parents rewritten to the
 * nearest earlier commits that changed it (git's history simplification), so they form the file's own history.
 */
export async function fileHistory(gitDir: string, commitId: string, path: string): Promise<{ commitId: string; parents: string[] }[]> {
  const { stdout } = await runGit(['rev-list', '--parents', '--end-of-options', commitId, '--', path], { gitDir });
  return stdout
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [id, ...parents] = line.split(' ');
      return { commitId: id, parents };
    });
}
