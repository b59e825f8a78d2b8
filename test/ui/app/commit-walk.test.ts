import { describe, expect, it } from 'vitest';
import type { Commit } from '../../../src/ui/app/api/codecommit-types.js';
import { CommitWalk, commitTime } from '../../../src/ui/app/lib/commit-walk.js';
import { fileContent, formatSize } from '../../../src/ui/app/lib/file-content.js';

/** A history as BatchGetCommits would answer it, counting the calls. */
function history(commits: [id: string, time: number, parents: string[]][]) {
  const byId = new Map(commits.map(([commitId, time, parents]) => [commitId, { commitId, parents, committer: { date: `${time} +0100` } } satisfies Commit]));
  const calls: string[][] = [];
  const fetch = async (ids: string[]) => (calls.push(ids), ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])));
  return { fetch, calls };
}

describe('CommitWalk', () => {
  it('lists a branch newest first across a merge, each commit once, a page at a time', async () => {
    // a <- b <- d (merge of b and c), a <- c; c is newer than b.
    const h = history([
      ['d', 40, ['b', 'c']],
      ['c', 30, ['a']],
      ['b', 20, ['a']],
      ['a', 10, []],
    ]);
    const walk = new CommitWalk(h.fetch, ['d']);
    expect((await walk.next(2)).map((c) => c.commitId)).toEqual(['d', 'c']);
    expect(walk.done).toBe(false);
    expect((await walk.next(5)).map((c) => c.commitId)).toEqual(['b', 'a']);
    expect(walk.done).toBe(true);
    expect(h.calls).toEqual([['d'], ['b', 'c'], ['a']]);
  });

  it('stops at a parent the repository does not have', async () => {
    const h = history([['b', 20, ['gone']]]);
    const walk = new CommitWalk(h.fetch, ['b']);
    expect((await walk.next(10)).map((c) => c.commitId)).toEqual(['b']);
    expect(walk.done).toBe(true);
  });
});

describe('commitTime', () => {
  it('reads the epoch seconds of a CodeCommit date', () => {
    expect(commitTime('1484167798 -0800')).toBe(1484167798);
    expect(commitTime(undefined)).toBeUndefined();
    expect(commitTime('yesterday')).toBeUndefined();
  });
});

describe('fileContent', () => {
  it('reads UTF-8 text and tells binary content by its NUL bytes', () => {
    expect(fileContent(Buffer.from('héllo <b>\n').toString('base64'))).toEqual({ binary: false, text: 'héllo <b>\n', size: 11 });
    expect(fileContent(Buffer.from([0x89, 0x50, 0x00, 0x01]).toString('base64'))).toEqual({ binary: true, text: '', size: 4 });
    expect(formatSize(3482)).toBe('3.4 KB');
  });
});
