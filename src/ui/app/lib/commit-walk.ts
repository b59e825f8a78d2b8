import type { Commit } from '../api/codecommit-types.js';

/** The moment of a CodeCommit date (`<epoch seconds> <±hhmm>`), in epoch seconds; undefined when unreadable. */
export function commitTime(date: string | undefined): number | undefined {
  const seconds = Number(date?.trim().split(/\s+/)[0]);
  return date && Number.isFinite(seconds) ? seconds : undefined;
}

const timeOf = (c: Commit) => commitTime(c.committer?.date) ?? commitTime(c.author?.date) ?? 0;

/**
 * A branch's history read back from its head, newest first by committer date as `git log` lists it: CodeCommit
 * has no log operation, so each step asks for the parents of the commits shown (BatchGetCommits, up to 100 at once).
 */
export class CommitWalk {
  private readonly seen = new Set<string>();
  // Commits known but not yet shown; the newest is shown next.
  private waiting: Commit[] = [];
  private pending: string[];

  constructor(
    private readonly fetchCommits: (ids: string[]) => Promise<Commit[]>,
    heads: string[],
  ) {
    this.pending = heads.filter((id) => !this.seen.has(id) && this.seen.add(id));
  }

  /** Whether older commits remain to be shown. */
  get done(): boolean {
    return this.waiting.length === 0 && this.pending.length === 0;
  }

  /** The next `count` commits of the history (fewer at its start). */
  async next(count: number): Promise<Commit[]> {
    const out: Commit[] = [];
    while (out.length < count) {
      await this.fetchPending();
      if (!this.waiting.length) break;
      const newest = this.waiting.reduce((a, b) => (timeOf(b) > timeOf(a) ? b : a));
      this.waiting = this.waiting.filter((c) => c !== newest);
      out.push(newest);
      for (const parent of newest.parents ?? []) if (!this.seen.has(parent)) this.seen.add(parent), this.pending.push(parent);
    }
    return out;
  }

  private async fetchPending(): Promise<void> {
    while (this.pending.length) {
      const ids = this.pending.splice(0, 100);
      this.waiting.push(...(await this.fetchCommits(ids)));
    }
  }
}
