import { GitError, runGit } from './git.js';

// Merges run on the bare repository with `git merge-tree --write-tree` (git 2.38+): git's own merge machinery,
// writing the merged tree as objects, never touching a work tree or an index.

/** The merged tree of two commits, and the paths git could not merge (their files hold conflict markers). */
export interface TreeMerge {
  treeId: string;
  conflictedPaths: string[];
}

/** Merges two commits' trees from their merge base(s); full commit ids only. */
export async function mergeCommitTrees(gitDir: string, destination: string, source: string): Promise<TreeMerge> {
  const args = ['merge-tree', '--write-tree', '--allow-unrelated-histories', '--name-only', '--no-messages', '-z', '--end-of-options', destination, source];
  const result = await runGit(args, { gitDir, allowFailure: true });
  // 0: clean, 1: conflicts; anything else is git failing (unrelated histories are allowed to fail here too).
  if (result.code !== 0 && result.code !== 1) throw new GitError(['merge-tree'], result.code, result.stderr);
  const [treeId, ...paths] = result.stdout.toString('utf8').split('\0');
  return { treeId, conflictedPaths: [...new Set(paths.filter(Boolean))] };
}

/** The best common ancestor of two commits, or undefined when their histories are unrelated. */
export async function mergeBase(gitDir: string, a: string, b: string): Promise<string | undefined> {
  const result = await runGit(['merge-base', '--end-of-options', a, b], { gitDir, allowFailure: true });
  const id = result.stdout.toString('utf8').trim();
  return result.code === 0 && id ? id : undefined;
}

/** Tells whether `ancestor` is `descendant` or one of its ancestors (so `descendant` fast-forwards it). */
export async function isAncestor(gitDir: string, ancestor: string, descendant: string): Promise<boolean> {
  const result = await runGit(['merge-base', '--is-ancestor', '--end-of-options', ancestor, descendant], { gitDir, allowFailure: true });
  if (result.code > 1) throw new GitError(['merge-base'], result.code, result.stderr);
  return result.code === 0;
}

/** Finds the commit, reachable from `destination`, that merged `source` in (has it as a parent); undefined when none did. */
export async function findMergeCommit(gitDir: string, source: string, destination: string): Promise<string | undefined> {
  const { stdout } = await runGit(['rev-list', '--parents', '--ancestry-path', '--reverse', '--end-of-options', `^${source}`, destination], { gitDir });
  for (const line of stdout.toString('utf8').split('\n')) {
    const [id, ...parents] = line.split(' ');
    if (parents.length > 1 && parents.includes(source)) return id;
  }
  return undefined;
}
