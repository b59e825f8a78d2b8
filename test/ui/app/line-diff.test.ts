import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffLines, hunks, splitLines, type DiffLine } from '../../../src/ui/app/lib/line-diff.js';

const show = (lines: DiffLine[]) => lines.map((l) => `${l.kind === 'same' ? ' ' : l.kind === 'added' ? '+' : '-'}${l.text}`);

/** The length of the longest common subsequence, by the textbook table: what a shortest edit must keep. */
function lcsLength(a: string[], b: string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = x === b[j - 1] ? diagonal + 1 : Math.max(row[j], row[j - 1]);
      diagonal = above;
    }
  }
  return row[b.length];
}

describe('splitLines', () => {
  it('ends the last line at a final newline instead of adding an empty one', () => {
    expect(splitLines('a\nb\n')).toEqual(['a', 'b']);
    expect(splitLines('a\r\nb')).toEqual(['a', 'b']);
    expect(splitLines('')).toEqual([]);
    expect(splitLines('\n')).toEqual(['']);
  });
});

describe('diffLines', () => {
  it('shows a changed line as removed then added, between the kept ones, with both line numbers', () => {
    const lines = diffLines(['one', 'two', 'three'], ['one', 'TWO', 'three', 'four']);
    expect(show(lines)).toEqual([' one', '-two', '+TWO', ' three', '+four']);
    expect(lines.map((l) => [l.oldLine, l.newLine])).toEqual([
      [1, 1],
      [2, undefined],
      [undefined, 2],
      [3, 3],
      [undefined, 4],
    ]);
  });

  it('shows a new file as all added and a deleted one as all removed', () => {
    expect(show(diffLines([], ['a', 'b']))).toEqual(['+a', '+b']);
    expect(show(diffLines(['a', 'b'], []))).toEqual(['-a', '-b']);
    expect(diffLines(['same'], ['same']).every((l) => l.kind === 'same')).toBe(true);
  });

  it('keeps a longest common subsequence and rebuilds both texts, for any two texts', () => {
    const text = fc.array(fc.constantFrom('a', 'b', 'c', 'd', ''), { maxLength: 30 });
    fc.assert(
      fc.property(text, text, (before, after) => {
        const lines = diffLines(before, after);
        expect(lines.filter((l) => l.kind !== 'added').map((l) => l.text)).toEqual(before);
        expect(lines.filter((l) => l.kind !== 'removed').map((l) => l.text)).toEqual(after);
        expect(lines.filter((l) => l.kind === 'same').length).toBe(lcsLength(before, after));
      }),
      { numRuns: 300 },
    );
  });

  it('still answers, replacing the middle, when two large texts differ everywhere', () => {
    const before = Array.from({ length: 5000 }, (_, i) => `old ${i}`);
    const after = Array.from({ length: 5000 }, (_, i) => `new ${i}`);
    const lines = diffLines(['head', ...before, 'tail'], ['head', ...after, 'tail']);
    expect(lines).toHaveLength(10_002);
    expect(show(lines.slice(0, 2))).toEqual([' head', '-old 0']);
    expect(show(lines.slice(-2))).toEqual(['+new 4999', ' tail']);
  });
});

describe('hunks', () => {
  const file = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);

  it('gives each distant change its own hunk with three lines of context, numbered as git numbers them', () => {
    const after = [...file];
    after[1] = 'changed 2';
    after[15] = 'changed 16';
    const found = hunks(diffLines(file, after));
    expect(found.map((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines])).toEqual([
      [1, 5, 1, 5],
      [13, 7, 13, 7],
    ]);
    expect(show(found[0].lines)).toEqual([' line 1', '-line 2', '+changed 2', ' line 3', ' line 4', ' line 5']);
  });

  it('joins changes whose context would overlap', () => {
    const after = [...file];
    after[4] = 'x';
    after[9] = 'y';
    expect(hunks(diffLines(file, after))).toHaveLength(1);
  });

  it('numbers an added file from 0 on the old side, as `@@ -0,0 +1,2 @@`', () => {
    const [hunk] = hunks(diffLines([], ['a', 'b']));
    expect([hunk.oldStart, hunk.oldLines, hunk.newStart, hunk.newLines]).toEqual([0, 0, 1, 2]);
  });

  it('has no hunk when nothing changed', () => {
    expect(hunks(diffLines(file, file))).toEqual([]);
  });
});
