import { watch, type FSWatcher } from 'chokidar';
import { existsSync, mkdirSync } from 'node:fs';
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

  constructor(root: string, file: string, private readonly debounceMs = OBJECT_FILE_DEBOUNCE_MS) {
    super();
    this.root = resolve(root);
    this.file = resolve(file);
    if (!isInside(this.root, this.file)) throw new Error(`${this.file} is not inside ${this.root}`);
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
      if (!this.closed) this.emit('object-file:changed', { file: this.file });
    }, this.debounceMs);
  }

  /** Stops watching; nothing is emitted afterwards. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.watcher.close();
  }
}
