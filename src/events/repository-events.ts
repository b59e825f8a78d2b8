import { awsEvent, type AwsEvent, type EventOrigin } from './aws-event.js';

/** The CodeCommit detail-type of branch and tag changes. */
export const REPOSITORY_DETAIL_TYPE = 'CodeCommit Repository State Change';

/** A repository as its events name it. */
export interface EventRepository {
  name: string;
  repositoryId: string;
}

/** One ref that moved: absent `before` for a new ref, absent `after` for a deleted one (as the ref watcher reports). */
export interface ReferenceMove {
  ref: string;
  before?: string;
  after?: string;
}

/** What a merge commit adds to a referenceUpdated event, when the new head merged the old one with another commit. */
export interface MergeDetail {
  baseCommitId: string;
  sourceCommitId: string;
  destinationCommitId: string;
}

const NAMESPACES = [
  { prefix: 'refs/heads/', type: 'branch' },
  { prefix: 'refs/tags/', type: 'tag' },
] as const;

/**
 * `CodeCommit Repository State Change` for one branch or tag that was created, moved or deleted, or undefined for a
 * ref outside refs/heads and refs/tags. Tags use referenceType `tag` (inferred: AWS documents branches only).
 */
export function referenceStateChange(origin: EventOrigin, repository: EventRepository, move: ReferenceMove, callerUserArn: string, merge?: MergeDetail): AwsEvent | undefined {
  const ns = NAMESPACES.find((n) => move.ref.startsWith(n.prefix));
  if (!ns || (move.before === undefined && move.after === undefined)) return undefined;
  const event = move.before === undefined ? 'referenceCreated' : move.after === undefined ? 'referenceDeleted' : 'referenceUpdated';
  const detail: Record<string, unknown> = {
    callerUserArn,
    event,
    repositoryName: repository.name,
    repositoryId: repository.repositoryId,
    referenceType: ns.type,
    referenceName: move.ref.slice(ns.prefix.length),
    referenceFullName: move.ref,
  };
  if (move.after !== undefined) detail.commitId = move.after;
  if (move.before !== undefined) detail.oldCommitId = move.before;
  if (event === 'referenceUpdated' && merge) Object.assign(detail, merge);
  const arn = `arn:aws:codecommit:${origin.region}:${origin.account}:${repository.name}`;
  return awsEvent(origin, 'aws.codecommit', REPOSITORY_DETAIL_TYPE, [arn], detail);
}

/** A repository whose ref changes are translated: where it is, and how its events name it. */
export interface ChangedRepository extends EventRepository {
  account: string;
  region: string;
  gitDir: string;
}

/** What translating ref changes needs: ids, the time, where events go, and how a merge onto a branch is recognised. */
export interface ReferenceTranslationDeps {
  newId(): string;
  now(): number;
  emit(event: AwsEvent): void;
  /** The merge a branch update made, when its new head is a merge commit whose first parent was the old head. */
  mergeOf(gitDir: string, move: Required<ReferenceMove>): Promise<MergeDetail | undefined>;
  onError?(error: unknown): void;
}

/**
 * Returns the listener that turns a repository's ref changes into `CodeCommit Repository State Change` events, in
 * the order the changes were seen (a merge lookup never lets a later change overtake an earlier one). Who moved a
 * ref is not known to a ref watcher: `callerUserArn` is the account's root (inferred stand-in).
 */
export function translateReferenceChanges(deps: ReferenceTranslationDeps): (repository: ChangedRepository, moves: ReferenceMove[]) => void {
  let queue: Promise<void> = Promise.resolve();
  return (repository, moves) => {
    const at = deps.now();
    queue = queue.then(async () => {
      for (const move of moves) {
        try {
          const merge = move.before !== undefined && move.after !== undefined && move.ref.startsWith('refs/heads/') ? await deps.mergeOf(repository.gitDir, move as Required<ReferenceMove>) : undefined;
          const origin = { id: deps.newId(), account: repository.account, region: repository.region, nowMs: at };
          const event = referenceStateChange(origin, repository, move, `arn:aws:iam::${repository.account}:root`, merge);
          if (event) deps.emit(event);
        } catch (error) {
          deps.onError?.(error);
        }
      }
    });
  };
}
