/** A line-by-line diff of two texts (Myers' algorithm), grouped into hunks the way `git diff` shows them. */

/** One line of a diff: kept, removed from the old text, or added in the new one, with its line numbers (from 1). */
export interface DiffLine {
  kind: 'same' | 'removed' | 'added';
  text: string;
  oldLine?: number;
  newLine?: number;
}

/** A run of changed lines with the unchanged lines around them, and where it starts in each text. */
export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: DiffLine[];
}

// Beyond this many differing lines the shortest edit is not worth its O(D²) memory: the middle is shown replaced.
const MAX_EDITS = 2000;

/** The lines of a text; a final newline ends the last line rather than starting an empty one. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The shortest edit from `before` to `after` (Myers), each line kept, removed or added, in order. */
export function diffLines(before: string[], after: string[]): DiffLine[] {
  // The common start and end cost nothing to find and keep the quadratic part small.
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endA = before.length;
  let endB = after.length;
  while (endA > start && endB > start && before[endA - 1] === after[endB - 1]) endA--, endB--;
  const middle = shortestEdit(before.slice(start, endA), after.slice(start, endB)) ?? replaced(endA - start, endB - start);
  const ops: ('same' | 'removed' | 'added')[] = [...Array<'same'>(start).fill('same'), ...middle, ...Array<'same'>(before.length - endA).fill('same')];
  const lines: DiffLine[] = [];
  let a = 0;
  let b = 0;
  for (const kind of ops) {
    if (kind === 'same') lines.push({ kind, text: before[a], oldLine: ++a, newLine: ++b });
    else if (kind === 'removed') lines.push({ kind, text: before[a], oldLine: ++a });
    else lines.push({ kind, text: after[b], newLine: ++b });
  }
  return lines;
}

function replaced(removed: number, added: number): ('removed' | 'added')[] {
  return [...Array<'removed'>(removed).fill('removed'), ...Array<'added'>(added).fill('added')];
}

/** Myers' greedy forward search, keeping each round's frontier (2d+1 entries) to walk back; undefined past MAX_EDITS. */
function shortestEdit(a: string[], b: string[]): ('same' | 'removed' | 'added')[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) x++, y++;
      v[offset + k] = x;
      if (x >= n && y >= m) return walkBack(trace, n, m);
    }
  }
  return undefined;
}

function walkBack(trace: Int32Array[], n: number, m: number): ('same' | 'removed' | 'added')[] {
  const ops: ('same' | 'removed' | 'added')[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    // trace[d] is the frontier before round d, indexed k + d.
    const at = (k: number) => trace[d][k + d];
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) ops.push('same'), x--, y--;
    ops.push(x === prevX ? 'added' : 'removed');
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) ops.push('same'), x--, y--;
  return ops.reverse();
}

/** The changed lines of a diff with `context` unchanged lines around each change; nearby changes share a hunk. */
export function hunks(lines: DiffLine[], context = 3): Hunk[] {
  const changed = lines.flatMap((l, i) => (l.kind === 'same' ? [] : [i]));
  const out: Hunk[] = [];
  let i = 0;
  while (i < changed.length) {
    const from = Math.max(0, changed[i] - context);
    let to = Math.min(lines.length, changed[i] + context + 1);
    while (i + 1 < changed.length && changed[i + 1] - context <= to) to = Math.min(lines.length, changed[++i] + context + 1);
    i++;
    const slice = lines.slice(from, to);
    // A hunk that only adds starts after the old line before it (git's `-3,0`), and the same for removals.
    const oldCount = slice.filter((l) => l.kind !== 'added').length;
    const newCount = slice.filter((l) => l.kind !== 'removed').length;
    out.push({ oldStart: startOf(lines, from, 'oldLine', oldCount), oldLines: oldCount, newStart: startOf(lines, from, 'newLine', newCount), newLines: newCount, lines: slice });
  }
  return out;
}

function startOf(lines: DiffLine[], from: number, side: 'oldLine' | 'newLine', count: number): number {
  const first = lines.slice(from).find((l) => l[side] !== undefined)?.[side];
  if (count > 0 && first !== undefined) return first;
  const before = lines.slice(0, from + 1).reverse().find((l) => l[side] !== undefined)?.[side];
  return before ?? 0;
}
