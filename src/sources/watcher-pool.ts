import type { Logger } from '../shared/index.js';
import { GitRefWatcher, ObjectFileWatcher, type RefChange } from '../watch/index.js';

/** What the pool calls when something watched changed: the keys of the sources that follow it. */
export interface WatcherPoolListener {
  refsChanged(keys: string[], gitDir: string, refs: ReadonlyMap<string, string>, changes: RefChange[]): void;
  fileChanged(keys: string[], file: string): void;
}

/**
 * How often every watched repository's refs and every watched S3 object are read again whatever the file watcher
 * said: a watcher can miss changes (an inotify queue that overflowed, a folder made and filled before its watch was
 * set up, a bind mount or network file system that sends no events), and a missed push or upload must still start
 * its run. Reading the refs of a repository is a few small file reads; an object, one stat.
 */
export const REREAD_MS = 2000; // milliseconds

interface Entry<W> {
  watcher: W;
  keys: Set<string>;
}

/**
 * Shares one watcher per repository and per S3 object between the source actions that follow it, opening it with
 * the first and closing it with the last.
 */
export class WatcherPool {
  private readonly git = new Map<string, Entry<GitRefWatcher>>();
  private readonly files = new Map<string, Entry<ObjectFileWatcher>>();
  private reread: NodeJS.Timeout | undefined;

  constructor(
    private readonly s3Dir: string,
    private readonly listener: WatcherPoolListener,
    private readonly log: Logger,
    private readonly debounceMs?: number,
    private readonly rereadMs = REREAD_MS,
  ) {}

  /**
   * Follows a repository's refs for a key. `baseline`, used only when no watcher is open yet, is what its first changes
   * are reported from (the refs as they are now by default).
   */
  watchRepository(key: string, gitDir: string, baseline?: ReadonlyMap<string, string>): void {
    let entry = this.git.get(gitDir);
    if (!entry) {
      const watcher = new GitRefWatcher(gitDir, this.debounceMs, baseline);
      const created: Entry<GitRefWatcher> = { watcher, keys: new Set() };
      watcher.on('refs:changed', ({ refs, changes }) => this.listener.refsChanged([...created.keys], gitDir, refs, changes));
      watcher.on('refs:unreadable', ({ error }) => this.log.warn({ err: error, gitDir }, 'cannot read the refs of a watched repository'));
      // Changes made while the watcher was starting are read once it listens.
      void watcher.whenReady().then(() => watcher.read());
      this.git.set(gitDir, (entry = created));
      this.rereadEvery();
    }
    entry.keys.add(key);
  }

  /** Follows an S3 folder object for a source. */
  watchFile(key: string, file: string): void {
    let entry = this.files.get(file);
    if (!entry) {
      const watcher = new ObjectFileWatcher(this.s3Dir, file, this.debounceMs);
      const created: Entry<ObjectFileWatcher> = { watcher, keys: new Set() };
      const changed = () => this.listener.fileChanged([...created.keys], file);
      watcher.on('object-file:changed', changed);
      watcher.on('object-file:removed', changed);
      watcher.on('object-file:unreadable', ({ error }) => this.log.warn({ err: error, file }, 'cannot watch an S3 source object'));
      void watcher.whenReady().then(changed);
      this.files.set(file, (entry = created));
      this.rereadEvery();
    }
    entry.keys.add(key);
  }

  // Only what changed is reported, so a change the watcher did see is not reported twice.
  private rereadEvery(): void {
    this.reread ??= setInterval(() => {
      this.git.forEach((e) => e.watcher.read());
      this.files.forEach((e) => e.watcher.recheck());
    }, this.rereadMs).unref();
  }

  /** Stops following a repository or object for a source; the watcher closes when nobody follows it. */
  release(key: string, location: string): void {
    for (const map of [this.git, this.files] as Map<string, Entry<GitRefWatcher | ObjectFileWatcher>>[]) {
      const entry = map.get(location);
      if (!entry) continue;
      entry.keys.delete(key);
      if (entry.keys.size === 0) {
        map.delete(location);
        void entry.watcher.close();
      }
    }
  }

  /** Resolves once every open watcher listens. */
  async whenReady(): Promise<void> {
    await Promise.all([...this.git.values(), ...this.files.values()].map((e) => e.watcher.whenReady()));
  }

  /** Closes every watcher. */
  async close(): Promise<void> {
    clearInterval(this.reread);
    const all = [...this.git.values(), ...this.files.values()];
    this.git.clear();
    this.files.clear();
    await Promise.all(all.map((e) => e.watcher.close()));
  }
}
