import { parseCommitObject, type CommitObject } from './commit-object.js';
import { runGit } from './git.js';

/** Reads the objects `cat-file --batch` prints for its input lines: each one's type and bytes, or undefined when missing. */
async function readObjects(gitDir: string, names: readonly string[]): Promise<({ type: string; body: Buffer } | undefined)[]> {
  if (names.length === 0) return [];
  const { stdout } = await runGit(['cat-file', '--batch'], { gitDir, input: names.map((n) => `${n}\n`).join('') });
  const found: ({ type: string; body: Buffer } | undefined)[] = [];
  let at = 0;
  for (let i = 0; i < names.length; i++) {
    const newline = stdout.indexOf(0x0a, at);
    const [, type, size] = stdout.subarray(at, newline).toString('utf8').split(' ');
    // A missing object is one line (`<name> missing`); a found one is its header, its bytes and a newline.
    if (size === undefined) {
      found.push(undefined);
      at = newline + 1;
      continue;
    }
    const start = newline + 1;
    found.push({ type, body: stdout.subarray(start, start + Number(size)) });
    at = start + Number(size) + 1;
  }
  return found;
}

/** Reads many commits by full id with one git process; a missing id (or one that is not a commit) gives undefined. */
export async function readCommitObjects(gitDir: string, commitIds: readonly string[]): Promise<(CommitObject | undefined)[]> {
  const objects = await readObjects(gitDir, commitIds);
  return objects.map((o, i) => (o?.type === 'commit' ? parseCommitObject(commitIds[i], o.body.toString('utf8')) : undefined));
}

/**
 * Finds the blob at one path in each of many commits (full ids) with one git process; undefined where the commit
 * has nothing there or something other than a file. The path is checked by the caller and follows the colon.
 */
export async function blobIdsAt(gitDir: string, commitIds: readonly string[], path: string): Promise<(string | undefined)[]> {
  if (commitIds.length === 0) return [];
  const { stdout } = await runGit(['cat-file', '--batch-check=%(objectname) %(objecttype)'], { gitDir, input: commitIds.map((c) => `${c}:${path}\n`).join('') });
  return stdout
    .toString('utf8')
    .split('\n')
    .slice(0, commitIds.length)
    .map((line) => {
      const [id, type] = line.split(' ');
      return type === 'blob' ? id : undefined;
    });
}
