/** One refused call, as the console's "why was this denied" view shows it. */
export interface Denial {
  atMs: number;
  /** Who was refused: a user, a role session, or a pipeline's role acting for an action. */
  principalArn: string;
  action: string;
  resource: string;
  /** AWS's refusal text, which says whether no policy allowed it or one denied it explicitly. */
  message: string;
  /** The API call's request id, or the pipeline action it stopped (`<pipeline>/<stage>/<action>`). */
  where: string;
}

/** How many refusals are kept: enough for the last few minutes of work, bounded so memory is too. */
const KEPT = 100;

/** The most recent refusals of --iam (API calls and pipeline roles), newest first, kept in memory only. */
export class RecentDenials {
  private readonly items: Denial[] = [];

  /** Remembers one refusal, dropping the oldest past the bound. */
  record(denial: Denial): void {
    this.items.unshift(denial);
    if (this.items.length > KEPT) this.items.length = KEPT;
  }

  /** The refusals kept, newest first. */
  list(): Denial[] {
    return [...this.items];
  }
}
