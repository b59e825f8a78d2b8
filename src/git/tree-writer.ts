import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitError, runGit } from './git.js';

// Commits are made on the bare repository with git's plumbing only: objects are written with hash-object, trees
// with a temporary index (GIT_INDEX_FILE) and write-tree, commits with commit-tree, and the branch moved with
// update-ref given its old value, so two writers racing for one branch cannot both win.

/** A file of a tree to write: its mode, blob (or submodule commit) and path from the root. */
export interface IndexEntry {
  mode: string;
  objectId: string;
  path: string;
}

/** Who makes a commit: name and email, and when, in epoch seconds. */
export interface CommitIdentity {
  name: string;
  email: string;
  epochSeconds: number;
}

/** Writes bytes as a blob into the repository and returns its id. */
export async function writeBlob(gitDir: string, content: Buffer): Promise<string> {
  const { stdout } = await runGit(['hash-object', '-w', '--stdin'], { gitDir, input: content });
  return stdout.toString('utf8').trim();
}

/** Writes the tree holding exactly these files (folders follow from their paths) and returns its id. */
export async function writeTree(gitDir: string, entries: readonly IndexEntry[]): Promise<string> {
  const scratch = await mkdtemp(join(tmpdir(), 'cpl-index-'));
  try {
    const env = { GIT_INDEX_FILE: join(scratch, 'index') };
    const input = entries.map((e) => `${e.mode} ${e.objectId}\t${e.path}\0`).join('');
    await runGit(['update-index', '-z', '--index-info'], { gitDir, env, input });
    const { stdout } = await runGit(['write-tree'], { gitDir, env });
    return stdout.toString('utf8').trim();
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

function identityEnv(role: 'AUTHOR' | 'COMMITTER', who: CommitIdentity): Record<string, string> {
  return { [`GIT_${role}_NAME`]: who.name, [`GIT_${role}_EMAIL`]: who.email, [`GIT_${role}_DATE`]: `@${who.epochSeconds} +0000` };
}

/** Writes a commit object with this tree, parents and message (kept byte for byte) and returns its id. */
export async function writeCommit(gitDir: string, commit: { treeId: string; parents: readonly string[]; message: string; author: CommitIdentity; committer: CommitIdentity }): Promise<string> {
  const args = ['commit-tree', ...commit.parents.flatMap((p) => ['-p', p]), '-F', '-', '--end-of-options', commit.treeId];
  const env = { ...identityEnv('AUTHOR', commit.author), ...identityEnv('COMMITTER', commit.committer) };
  const { stdout } = await runGit(args, { gitDir, env, input: commit.message });
  return stdout.toString('utf8').trim();
}

/**
 * Points a branch at a new commit if it still points at `oldCommitId` (or, when that is undefined, does not exist
 * yet); returns false when another writer moved it first.
 */
export async function advanceBranch(gitDir: string, branchName: string, newCommitId: string, oldCommitId: string | undefined, reason: string): Promise<boolean> {
  const old = oldCommitId ?? '0'.repeat(newCommitId.length);
  const ref = `refs/heads/${branchName}`;
  const result = await runGit(['update-ref', '-m', `codecommit: ${reason}`, ref, newCommitId, old], { gitDir, allowFailure: true });
  if (result.code === 0) return true;
  // A lost race reads as "but expected"/"already exists"; anything else is a real failure.
  if (/but expected|already exists|unable to resolve reference|cannot lock ref/.test(result.stderr)) return false;
  throw new GitError(['update-ref'], result.code, result.stderr);
}
