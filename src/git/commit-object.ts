import { runGit } from './git.js';

/** Who made a commit and when, as git records it (`date` is `<epoch seconds> <±hhmm>`, CodeCommit's format). */
export interface CommitSignature {
  name: string;
  email: string;
  date: string;
}

/** A commit object exactly as stored: the message keeps its final newline, as git wrote it. */
export interface CommitObject {
  commitId: string;
  treeId: string;
  parents: string[];
  message: string;
  author: CommitSignature;
  committer: CommitSignature;
}

const SIGNATURE = /^(.*?) <(.*)> (\d+ [+-]\d{4})$/;

function parseSignature(value: string | undefined): CommitSignature {
  const match = SIGNATURE.exec(value ?? '');
  return match ? { name: match[1], email: match[2], date: match[3] } : { name: value ?? '', email: '', date: '' };
}

/** Parses the raw text of a commit object: headers, a blank line, then the message. */
export function parseCommitObject(commitId: string, raw: string): CommitObject {
  const split = raw.indexOf('\n\n');
  const headerText = split < 0 ? raw : raw.slice(0, split);
  const headers: [string, string][] = [];
  for (const line of headerText.split('\n')) {
    // A line starting with a space continues the previous header (gpgsig, mergetag).
    if (line.startsWith(' ') && headers.length) headers[headers.length - 1][1] += `\n${line.slice(1)}`;
    else {
      const space = line.indexOf(' ');
      headers.push([line.slice(0, space), line.slice(space + 1)]);
    }
  }
  const first = (key: string) => headers.find(([k]) => k === key)?.[1];
  return {
    commitId,
    treeId: first('tree') ?? '',
    parents: headers.filter(([k]) => k === 'parent').map(([, v]) => v),
    message: split < 0 ? '' : raw.slice(split + 2),
    author: parseSignature(first('author')),
    committer: parseSignature(first('committer')),
  };
}

/** Reads one commit by its full id; undefined when there is no such object or it is not a commit. */
export async function readCommitObject(gitDir: string, commitId: string): Promise<CommitObject | undefined> {
  // --batch reads the id from stdin, so it is never an argument, and names the object exactly (a tag is not peeled).
  const { stdout } = await runGit(['cat-file', '--batch'], { gitDir, input: `${commitId}\n` });
  const newline = stdout.indexOf(0x0a);
  const [, type, size] = stdout.subarray(0, newline).toString('utf8').split(' ');
  if (type !== 'commit') return undefined;
  return parseCommitObject(commitId, stdout.subarray(newline + 1, newline + 1 + Number(size)).toString('utf8'));
}
