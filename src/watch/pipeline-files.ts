import { watch, type FSWatcher } from 'chokidar';
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { TypedEmitter } from '../shared/index.js';

/** The events a PipelineFileWatcher emits; `file` is the file's absolute path. */
export type PipelineFileEvents = {
  /** A file was found at the initial scan, created, or changed; `text` is its whole content. */
  'pipeline-file:changed': { file: string; text: string };
  /** A file that was reported before is gone. */
  'pipeline-file:removed': { file: string };
  /** A file could not be read, or the watcher itself failed (then `file` is the folder). */
  'pipeline-file:unreadable': { file: string; error: Error };
};

/** Options of a PipelineFileWatcher. */
export interface PipelineFileWatcherOptions {
  /** Quiet time after a file's last change before it is read, in milliseconds. */
  debounceMs?: number;
}

/** How long a file must stay quiet before it is read: an editor's write-then-rename is one change. */
export const PIPELINE_FILE_DEBOUNCE_MS = 100; // milliseconds

const PIPELINE_FILE = /^[^.].*\.(json|ya?ml)$/i;

/** Tells whether a file name is one the watcher reports: `*.json`, `*.yaml` or `*.yml`, not a dotfile. */
export function isPipelineFileName(name: string): boolean {
  return PIPELINE_FILE.test(name);
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * Watches one folder (not its subfolders) for pipeline files and emits their content, debounced per file.
 * It knows nothing about what the files mean.
 */
export class PipelineFileWatcher extends TypedEmitter<PipelineFileEvents> {
  /** The watched folder, as an absolute path. */
  readonly dir: string;
  private readonly debounceMs: number;
  private readonly watcher: FSWatcher;
  private readonly ready: Promise<void>;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  // Files reported as changed, so a file that came and went within one debounce is never "removed".
  private readonly known = new Set<string>();
  private closed = false;

  constructor(dir: string, options: PipelineFileWatcherOptions = {}) {
    super();
    this.dir = resolve(dir);
    this.debounceMs = options.debounceMs ?? PIPELINE_FILE_DEBOUNCE_MS;
    this.watcher = watch(this.dir, {
      ignoreInitial: true, // initialScan() reports the files present at start, when the caller is ready
      depth: 0,
      ignored: (path) => path !== this.dir && basename(path).startsWith('.'),
    });
    this.ready = new Promise((done) => this.watcher.once('ready', () => done()));
    for (const event of ['add', 'change', 'unlink'] as const) this.watcher.on(event, (path: string) => this.schedule(path));
    this.watcher.on('error', (error) => this.emit('pipeline-file:unreadable', { file: this.dir, error: error as Error }));
  }

  /**
   * Reads every pipeline file present now and emits `pipeline-file:changed` for each, in name order;
   * resolves once all are emitted. Changes from then on arrive as debounced events.
   */
  async initialScan(): Promise<string[]> {
    // Waiting for the watcher first means a change made during the scan is still caught afterwards.
    await this.ready;
    const entries = await readdir(this.dir, { withFileTypes: true });
    const files = entries.filter((e) => e.isFile() && isPipelineFileName(e.name)).map((e) => join(this.dir, e.name)).sort();
    for (const file of files) await this.read(file);
    return files;
  }

  /** Stops watching; no event is emitted afterwards. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.timers.forEach((timer) => clearTimeout(timer));
    this.timers.clear();
    await this.watcher.close();
  }

  private schedule(path: string): void {
    if (this.closed || dirname(path) !== this.dir || !isPipelineFileName(basename(path))) return;
    clearTimeout(this.timers.get(path));
    this.timers.set(path, setTimeout(() => {
      this.timers.delete(path);
      void this.read(path);
    }, this.debounceMs));
  }

  private async read(file: string): Promise<void> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if (this.closed) return;
      if (!isMissing(error)) return this.emit('pipeline-file:unreadable', { file, error: error as Error });
      if (this.known.delete(file)) this.emit('pipeline-file:removed', { file });
      return;
    }
    if (this.closed) return;
    this.known.add(file);
    this.emit('pipeline-file:changed', { file, text });
  }
}
