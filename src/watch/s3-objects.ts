import { watch, type FSWatcher } from 'chokidar';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { isInside, TypedEmitter } from '../shared/index.js';

/** The events an ObjectFileWatcher emits; `file` is the watched file's absolute path. */
export type ObjectFileEvents = {
  /** The file was created or written to (debounced). */
  'object-file:changed': { file: string };
  /** The file was deleted. */
  'object-file:removed': { file: string };
  /** The watcher failed. */
  'object-file:unreadable': { file: string; error: Error };
};

/** Quiet time after the last write to a watched file before it is reported: a copy in several writes is one change. */
export const OBJECT_FILE_DEBOUNCE_MS = 50; // milliseconds

/**
 * Watches one file under a root folder (an S3 object `<s3Dir>/<bucket>/<key>`), even while the file and its folders
 * do not exist yet, and emits debounced changes. It watches only the file's chain of folders, nothing beside them.
 */
export class ObjectFileWatcher extends TypedEmitter<ObjectFileEvents> {
  /** The watched file, as an absolute path. */
  readonly file: string;
  private readonly root: string;
  private readonly watcher: FSWatcher;
  private readonly ready: Promise<void>;
  private timer?: NodeJS.Timeout;
  private closed = false;
  // What the file looked like when it was last reported (or when the watch began): recheck() compares with it.
  private seen: string;

  constructor(root: string, file: string, private readonly debounceMs = OBJECT_FILE_DEBOUNCE_MS) {
    super();
    this.root = resolve(root);
    this.file = resolve(file);
    if (!isInside(this.root, this.file)) throw new Error(`${this.file} is not inside ${this.root}`);
    this.seen = this.signature();
    // The root must exist for its new subfolders to be noticed; it is the emulator's own folder.
    mkdirSync(this.root, { recursive: true });
    this.watcher = watch(this.root, { ignoreInitial: true, ignored: (path) => !this.onTheWay(resolve(path)) });
    this.ready = new Promise((done) => this.watcher.once('ready', () => done()));
    this.watcher.on('add', (path) => this.schedule(path));
    this.watcher.on('change', (path) => this.schedule(path));
    // A file written right after `mkdir -p` of its folders can land before the new folders are watched, and then no
    // 'add' comes for it: each new folder on the way is a moment to look for the file itself.
    this.watcher.on('addDir', (path) => {
      if (!this.closed && this.onTheWay(resolve(path)) && existsSync(this.file)) this.schedule(this.file);
    });
    this.watcher.on('unlink', (path) => {
      if (resolve(path) !== this.file || this.closed) return;
      clearTimeout(this.timer);
      this.seen = this.signature();
      this.emit('object-file:removed', { file: this.file });
    });
    this.watcher.on('error', (error) => this.emit('object-file:unreadable', { file: this.file, error: error as Error }));
  }

  private onTheWay(path: string): boolean {
    return path === this.root || path === this.file || this.file.startsWith(path + sep);
  }

  /** Resolves once the watcher listens. */
  whenReady(): Promise<void> {
    return this.ready;
  }

  private schedule(path: string): void {
    if (resolve(path) !== this.file || this.closed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.closed) return;
      this.seen = this.signature();
      this.emit('object-file:changed', { file: this.file });
    }, this.debounceMs);
  }

  // The file's size and modification time ('absent' when it is not there): a write changes one or the other.
  private signature(): string {
    const info = statSync(this.file, { throwIfNoEntry: false, bigint: true });
    return info ? `${info.size}/${info.mtimeNs}/${info.ino}` : 'absent';
  }

  /**
   * Looks at the file itself and reports it when it differs from what was last reported, whatever the file events
   * said: an event can be missed (a folder made and filled before its watch was set up, an inotify queue that
   * overflowed, a file system that sends none).
   */
  recheck(): void {
    if (this.closed) return;
    const now = this.signature();
    if (now === this.seen) return;
    if (now !== 'absent') return this.schedule(this.file);
    clearTimeout(this.timer);
    this.seen = now;
    this.emit('object-file:removed', { file: this.file });
  }

  /** Stops watching; nothing is emitted afterwards. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.watcher.close();
  }
}
