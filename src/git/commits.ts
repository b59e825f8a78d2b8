import { gitClient } from './client.js';
import { runGit } from './git.js';
import { isObjectId } from './names.js';

/** Who made a commit and when, as git records it. */
export interface CommitPerson {
  name: string;
  email: string;
  /** Epoch milliseconds. */
  ms: number;
  /** Git's raw form, `<epoch seconds> <+hhmm offset>` (the form CodeCommit's GetCommit returns). */
  raw: string;
}

/** A commit: its id, tree, parents, message, author and committer. */
export interface CommitInfo {
  commitId: string;
  treeId: string;
  parents: string[];
  message: string;
  author: CommitPerson;
  committer: CommitPerson;
}

const ABBREVIATED_ID = /^[0-9a-f]{4,64}$/i;

/** Tells whether a text can name a commit by (possibly abbreviated) hex id, and nothing else git would parse. */
export function isCommitIdLike(text: string): boolean {
  return ABBREVIATED_ID.test(text);
}

/** Returns the commit a revision names (a full ref name or a commit id), or undefined when there is none. */
export async function resolveCommit(gitDir: string, revision: string): Promise<string | undefined> {
  const id = await gitClient({ gitDir }).revparse(['--verify', '--quiet', '--end-of-options', `${revision}^{commit}`]).catch(() => '');
  return isObjectId(id) ? id : undefined;
}

function person(name: string, email: string, raw: string): CommitPerson {
  return { name, email, raw, ms: Number(raw.split(' ')[0]) * 1000 };
}

/** Reads one commit's id, tree, parents, message, author and committer; throws (simple-git's GitError) when it does not exist. */
export async function readCommit(gitDir: string, commitId: string): Promise<CommitInfo> {
  const format = '%H%x00%T%x00%P%x00%an%x00%ae%x00%ad%x00%cn%x00%ce%x00%cd%x00%B';
  const args = ['-s', '--no-show-signature', '--date=raw', `--format=${format}`, '--end-of-options', commitId];
  const [id, tree, parents, an, ae, ad, cn, ce, cd, ...message] = (await gitClient({ gitDir }).show(args)).split('\0');
  return {
    commitId: id,
    treeId: tree,
    parents: parents.split(' ').filter(Boolean),
    author: person(an, ae, ad),
    committer: person(cn, ce, cd),
    // %B ends with the newline git adds after every message; a NUL in a message is kept as it was.
    message: message.join('\0').replace(/\n+$/, ''),
  };
}

/** Lists the branches (short names) whose head is exactly this commit. */
export async function branchesAt(gitDir: string, commitId: string): Promise<string[]> {
  const names = await gitClient({ gitDir }).raw(['for-each-ref', `--points-at=${commitId}`, '--format=%(refname:strip=2)', 'refs/heads']);
  return names.split('\n').filter(Boolean);
}

/**
 * Lists the paths changed by the commits reachable from `toCommit` but from none of `notCommits` (what a push
 * brings: for a moved branch its old head, for a new branch every other ref's head), old and new names of renames
 * included. Commits missing from the repository are ignored.
 */
export async function pathsChangedBy(gitDir: string, toCommit: string, notCommits: readonly string[]): Promise<string[]> {
  const input = [toCommit, ...notCommits.map((c) => `^${c}`)].join('\n') + '\n';
  const result = await runGit(['log', '--format=', '--name-only', '--no-renames', '-z', '--ignore-missing', '--stdin'], { gitDir, input });
  return [...new Set(result.stdout.toString().split('\0').map((p) => p.replace(/^\n+/, '')).filter(Boolean))];
}
