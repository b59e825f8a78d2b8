import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gitClient } from './client.js';
import { resolveCommit } from './commits.js';
import { GitError, runGit } from './git.js';

// Every function here takes a branch name already checked by isBranchName and an object id checked by
// isObjectId; refs are always spelled in full (`refs/heads/<name>`) so git never reads them as options or revisions.

/** A branch and the commit it points at. */
export interface BranchRef {
  branchName: string;
  commitId: string;
}

const ZERO_SHA1 = '0000000000000000000000000000000000000000';

/** Lists the branches of a repository, sorted by name. */
export async function listBranches(gitDir: string): Promise<BranchRef[]> {
  const listed = await gitClient({ gitDir }).raw(['for-each-ref', '--format=%(refname:strip=2)%00%(objectname)', 'refs/heads/']);
  return listed
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [branchName, commitId] = line.split('\0');
      return { branchName, commitId };
    });
}

/** Returns the commit a branch points at, or undefined when there is no such branch. */
export function resolveBranch(gitDir: string, branchName: string): Promise<string | undefined> {
  return resolveCommit(gitDir, `refs/heads/${branchName}`);
}

/** Creates a branch at a commit; returns false when a branch of that name appeared meanwhile. */
export async function createBranchRef(gitDir: string, branchName: string, commitId: string): Promise<boolean> {
  // The all-zero old value makes git refuse atomically when the ref already exists.
  const zero = commitId.length === 64 ? ZERO_SHA1.padEnd(64, '0') : ZERO_SHA1;
  const result = await runGit(['update-ref', '-m', 'codecommit: CreateBranch', `refs/heads/${branchName}`, commitId, zero], { gitDir, allowFailure: true });
  if (result.code === 0) return true;
  if (await resolveBranch(gitDir, branchName)) return false;
  throw new GitError(['update-ref'], result.code, result.stderr);
}

/** Deletes a branch if it still points at the given commit; returns whether it was deleted. */
export async function deleteBranchRef(gitDir: string, branchName: string, commitId: string): Promise<boolean> {
  const result = await runGit(['update-ref', '-m', 'codecommit: DeleteBranch', '-d', `refs/heads/${branchName}`, commitId], { gitDir, allowFailure: true });
  return result.code === 0;
}

/** Reads the branch HEAD names (even an unborn one), or undefined when HEAD is detached or unreadable. */
export async function readHeadBranch(gitDir: string): Promise<string | undefined> {
  // Reading the file avoids a process per call; HEAD is always a loose file, never packed.
  const text = await readFile(join(gitDir, 'HEAD'), 'utf8').catch(() => '');
  const match = /^ref: refs\/heads\/(.+)\n?$/.exec(text);
  return match?.[1];
}

/** Points HEAD at a branch, so clones check it out (the repository's default branch). */
export async function setHeadBranch(gitDir: string, branchName: string): Promise<void> {
  await gitClient({ gitDir }).raw(['symbolic-ref', 'HEAD', `refs/heads/${branchName}`]);
}
