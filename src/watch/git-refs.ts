import { watch, type FSWatcher } from 'chokidar';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { TypedEmitter } from '../shared/index.js';

/** A ref whose target changed: absent `before` for a new ref, absent `after` for a deleted one. */
export interface RefChange {
  ref: string;
  before?: string;
  after?: string;
}

/** The events a GitRefWatcher emits. */
export type GitRefEvents = {
  /** Branches or tags moved; `refs` is every branch and tag now (full ref name to object id). */
  'refs:changed': { gitDir: string; refs: ReadonlyMap<string, string>; changes: RefChange[] };
  /** The refs could not be read, or the watcher failed. */
  'refs:unreadable': { gitDir: string; error: Error };
};

/** Quiet time after the last ref file event before the refs are read: a push or `git commit` is one change. */
export const GIT_REFS_DEBOUNCE_MS = 50; // milliseconds
/** The longest a steady stream of ref events can postpone reading the refs. */
export const GIT_REFS_MAX_WAIT_MS = 250; // milliseconds

const OBJECT_ID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const WATCHED_NAMESPACES = ['refs/heads', 'refs/tags'];

/** The directory holding a repository's refs: itself, or the common directory of a linked worktree. */
export function refsDir(gitDir: string): string {
  const pointer = join(gitDir, 'commondir');
  return existsSync(pointer) ? resolve(gitDir, readFileSync(pointer, 'utf8').trim()) : resolve(gitDir);
}

// A loose ref can vanish between listing and reading when git packs refs; the packed copy then stands.
function readIfPresent(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function readLooseRefs(dir: string, prefix: string, into: Map<string, string>): void {
  let entries;
  try {
    entries = readdirSync(join(dir, prefix), { withFileTypes: true });
  } catch {
    return; // a namespace folder that does not exist holds no refs
  }
  for (const entry of entries) {
    const ref = `${prefix}/${entry.name}`;
    if (entry.isDirectory()) readLooseRefs(dir, ref, into);
    else if (entry.isFile() && !entry.name.endsWith('.lock')) {
      const text = readIfPresent(join(dir, ref)).trim();
      if (OBJECT_ID.test(text)) into.set(ref, text); // symbolic refs ("ref: ...") are not followed
    }
  }
}

function readPackedRefs(dir: string, into: Map<string, string>): void {
  for (const line of readIfPresent(join(dir, 'packed-refs')).split('\n')) {
    if (line.startsWith('#') || line.startsWith('^')) continue; // the header, and peeled targets of annotated tags
    const [id, ref] = line.split(' ');
    if (ref && OBJECT_ID.test(id) && WATCHED_NAMESPACES.some((ns) => ref.startsWith(`${ns}/`))) into.set(ref, id);
  }
}

/**
 * Reads every branch and tag of a repository straight from its files, loose refs over packed ones, without
 * spawning git. Reftable repositories (git's newer ref storage) are not read.
 */
export function readRefsSync(gitDir: string): Map<string, string> {
  const dir = refsDir(gitDir);
  const refs = new Map<string, string>();
  readPackedRefs(dir, refs);
  for (const ns of WATCHED_NAMESPACES) readLooseRefs(dir, ns, refs);
  return refs;
}

/** The changes from one set of refs to another, in ref name order. */
export function diffRefs(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): RefChange[] {
  const changes: RefChange[] = [];
  for (const [ref, id] of after) if (before.get(ref) !== id) changes.push({ ref, ...(before.has(ref) ? { before: before.get(ref) } : {}), after: id });
  for (const [ref, id] of before) if (!after.has(ref)) changes.push({ ref, before: id });
  return changes.sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
}

/**
 * Watches one repository's branches and tags (loose refs under refs/heads and refs/tags, and packed-refs) and
 * emits, debounced, the refs that moved. It knows nothing of pipelines.
 */
export class GitRefWatcher extends TypedEmitter<GitRefEvents> {
  /** The watched git directory, as given. */
  readonly gitDir: string;
  private readonly dir: string;
  private readonly watcher: FSWatcher;
  private readonly ready: Promise<void>;
  private refs: Map<string, string>;
  private timer?: NodeJS.Timeout;
  private firstEventMs?: number;
  private closed = false;

  /** `baseline` is the refs to report changes from (the refs read now by default): an empty map reports every ref as new. */
  constructor(gitDir: string, private readonly debounceMs = GIT_REFS_DEBOUNCE_MS, baseline?: ReadonlyMap<string, string>) {
    super();
    this.gitDir = gitDir;
    this.dir = refsDir(gitDir);
    this.refs = baseline ? new Map(baseline) : readRefsSync(gitDir);
    this.watcher = watch(this.dir, { ignoreInitial: true, ignored: (path) => !this.isWatched(path) });
    this.ready = new Promise((done) => this.watcher.once('ready', () => done()));
    this.watcher.on('all', () => this.schedule());
    this.watcher.on('error', (error) => this.emit('refs:unreadable', { gitDir, error: error as Error }));
  }

  private isWatched(path: string): boolean {
    const rel = relative(this.dir, path).split(sep).join('/');
    if (rel === '' || rel === 'packed-refs' || rel === 'refs') return true;
    return WATCHED_NAMESPACES.some((ns) => rel === ns || rel.startsWith(`${ns}/`));
  }

  /** Resolves once the watcher listens; changes from then on are reported. */
  whenReady(): Promise<void> {
    return this.ready;
  }

  private schedule(): void {
    if (this.closed) return;
    const now = Date.now();
    this.firstEventMs ??= now;
    clearTimeout(this.timer);
    const wait = Math.min(this.debounceMs, Math.max(0, this.firstEventMs + GIT_REFS_MAX_WAIT_MS - now));
    this.timer = setTimeout(() => this.read(), wait);
  }

  /** Reads the refs now and emits what moved since the last read. */
  read(): void {
    this.firstEventMs = undefined;
    if (this.closed) return;
    try {
      const next = readRefsSync(this.gitDir);
      const changes = diffRefs(this.refs, next);
      this.refs = next;
      if (changes.length) this.emit('refs:changed', { gitDir: this.gitDir, refs: next, changes });
    } catch (error) {
      this.emit('refs:unreadable', { gitDir: this.gitDir, error: error as Error });
    }
  }

  /** Stops watching; nothing is emitted afterwards. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.watcher.close();
  }
}
