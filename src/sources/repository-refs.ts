import type { RefChange } from '../watch/index.js';
import type { WatcherPool } from './watcher-pool.js';

/** A repository whose ref changes are reported: its scope, name, id and git directory. */
export interface FollowedRepository {
  account: string;
  region: string;
  name: string;
  repositoryId: string;
  gitDir: string;
}

/** Hears of the branches and tags that moved in one repository, in ref name order. */
export type ReferencesChanged = (repository: FollowedRepository, changes: RefChange[]) => void;

const KEY_PREFIX = 'repository:';

/**
 * Follows the refs of every repository the emulator serves, through the change detector's watcher pool (one
 * watcher per repository, shared with the source actions that follow it), and reports each change: the one place
 * ref changes are seen, whether they came from a push, an API operation or a commit in a registered checkout.
 * Repositories present at the first look report changes from then on; a repository that appears later (created
 * since) reports every ref it has as new, so a push made before its watcher opened is not lost.
 */
export class RepositoryRefs {
  private readonly followed = new Map<string, FollowedRepository>();
  // Ids seen before: a repository renamed (its git directory moves) keeps its refs and reports none as new.
  private readonly known = new Set<string>();
  private looked = false;

  constructor(
    private readonly pool: WatcherPool,
    private readonly changed: ReferencesChanged,
  ) {}

  /** Whether a watcher pool key is one of this follower's. */
  static owns(key: string): boolean {
    return key.startsWith(KEY_PREFIX);
  }

  /** Follows the repositories given (every repository there is) and stops following the others. */
  follow(repositories: FollowedRepository[]): void {
    const wanted = new Map(repositories.map((r) => [KEY_PREFIX + r.gitDir, r]));
    for (const [key, repo] of this.followed) {
      const next = wanted.get(key);
      if (next && next.repositoryId === repo.repositoryId && next.name === repo.name) continue;
      this.followed.delete(key);
      this.pool.release(key, repo.gitDir);
    }
    for (const [key, repo] of wanted) {
      if (this.followed.has(key)) continue;
      this.followed.set(key, repo);
      this.pool.watchRepository(key, repo.gitDir, this.looked && !this.known.has(repo.repositoryId) ? new Map() : undefined);
      this.known.add(repo.repositoryId);
    }
    this.looked = true;
  }

  /** Reports the changes the pool saw for this follower's keys. */
  refsChanged(keys: string[], changes: RefChange[]): void {
    for (const key of keys) {
      const repo = this.followed.get(key);
      if (repo) this.changed(repo, changes);
    }
  }
}
