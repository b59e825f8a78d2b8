import { posix } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Readable } from 'node:stream';
import { pack } from 'tar-stream';
import { isDirectoryMode, isSymlinkMode, readArchive, readZip, type ZipEntry } from '../runner/index.js';
import { AgentError } from './agent-error.js';

/** One file, folder or symlink of a revision. */
export interface BundleEntry {
  type: 'file' | 'directory' | 'symlink';
  /** Permission bits. */
  mode: number;
  data?: Uint8Array;
  linkTarget?: string;
}

/** A file to add to the tar of a deployment beside the revision (paths relative to `/`). */
export interface ExtraFile {
  path: string;
  content: Uint8Array | string;
  mode?: number;
}

/** The name the agent looks for first (the deployment spec's default), and the one Install falls back to. */
const APPSPEC_NAMES = ['appspec.yml', 'appspec.yaml'];

function refuse(name: string, why: string): AgentError {
  return new AgentError(`The revision bundle has an entry (${name}) that ${why}; codepipeline-local refuses to unpack it.`);
}

/** Normalises an archive entry name, refusing absolute names and names that climb out of the archive (zip slip). */
function safeName(raw: string): string | undefined {
  const name = raw.replace(/\\/g, '/');
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) throw refuse(raw, 'has an absolute path');
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) throw refuse(raw, 'would be written outside its folder');
  return parts.length === 0 ? undefined : parts.join('/');
}

function fromZip(bytes: Uint8Array): Map<string, BundleEntry> {
  let files: ZipEntry[];
  try {
    files = readZip(bytes);
  } catch (error) {
    throw new AgentError(`The revision bundle could not be unpacked as a zip archive: ${(error as Error).message}`, { cause: error });
  }
  const entries = new Map<string, BundleEntry>();
  for (const { name: raw, data, mode } of files) {
    const name = safeName(raw);
    if (name === undefined) continue;
    if (raw.endsWith('/') || isDirectoryMode(mode)) entries.set(name, { type: 'directory', mode: mode ? mode & 0o7777 : 0o755 });
    else if (isSymlinkMode(mode)) entries.set(name, { type: 'symlink', mode: 0o777, linkTarget: new TextDecoder().decode(data) });
    else entries.set(name, { type: 'file', mode: mode ? mode & 0o7777 : 0o644, data });
  }
  return entries;
}

async function fromTar(bytes: Uint8Array): Promise<Map<string, BundleEntry>> {
  const entries = new Map<string, BundleEntry>();
  try {
    // Every entry is taken whole, so a refusal (thrown by the consumer) ends the read with the AgentError itself.
    await readArchive(Readable.from([Buffer.from(bytes)]), (header) => (content) => {
      const name = safeName(header.name);
      if (name !== undefined && header.type === 'directory') entries.set(name, { type: 'directory', mode: header.mode });
      else if (name !== undefined && header.type === 'symlink') entries.set(name, { type: 'symlink', mode: 0o777, linkTarget: header.linkname ?? '' });
      else if (name !== undefined && header.type === 'file') entries.set(name, { type: 'file', mode: header.mode, data: content });
      else if (name !== undefined) throw refuse(header.name, `is a ${header.type} entry, which a revision may not hold`);
    });
  } catch (error) {
    if (error instanceof AgentError) throw error;
    throw new AgentError(`The revision bundle could not be unpacked as a tar archive: ${(error as Error).message}`, { cause: error });
  }
  return entries;
}

/** A revision unpacked in memory (never onto the host's disk), checked entry by entry before it goes to an instance. */
export class RevisionBundle {
  private constructor(readonly entries: Map<string, BundleEntry>) {}

  /** Unpacks a zip, tar or tar.gz revision, refusing entries and symlinks that leave it, and strips a lone top folder holding the appspec. */
  static async read(bytes: Uint8Array): Promise<RevisionBundle> {
    const isGzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
    const isTar = bytes.length > 262 && Buffer.from(bytes.subarray(257, 262)).toString('latin1') === 'ustar';
    const entries = isGzip ? await fromTar(gunzipSync(bytes)) : isTar ? await fromTar(bytes) : fromZip(bytes);
    const bundle = new RevisionBundle(addParents(entries));
    bundle.checkLinks();
    return bundle.stripLoneFolder();
  }

  /** What a path of the revision is, or undefined when absent. */
  kind(path: string): BundleEntry['type'] | undefined {
    return this.entries.get(path)?.type;
  }

  /** The names of a folder's immediate entries (`''` is the root), sorted. */
  children(dir: string): string[] {
    const prefix = dir === '' ? '' : `${dir}/`;
    return [...this.entries.keys()].filter((p) => p.startsWith(prefix) && p !== dir && !p.slice(prefix.length).includes('/')).map((p) => p.slice(prefix.length)).sort();
  }

  /** The appspec's name and text: appspec.yml, or appspec.yaml as the agent's Install falls back to; undefined when neither exists. */
  appspec(): { name: string; text: string } | undefined {
    const name = APPSPEC_NAMES.find((n) => this.kind(n) === 'file');
    return name === undefined ? undefined : { name, text: new TextDecoder().decode(this.entries.get(name)!.data) };
  }

  /** A tar (for Docker's putArchive at `/`) of the revision under `archiveDir`, plus extra files, all owned by root. */
  toTar(archiveDir: string, extra: readonly ExtraFile[]): Readable {
    const tar = pack();
    const base = archiveDir.replace(/^\/+|\/+$/g, '');
    const owner = { uid: 0, gid: 0 };
    tar.entry({ name: base, type: 'directory', mode: 0o755, ...owner });
    for (const [path, entry] of [...this.entries].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const name = `${base}/${path}`;
      if (entry.type === 'directory') tar.entry({ name, type: 'directory', mode: entry.mode, ...owner });
      else if (entry.type === 'symlink') tar.entry({ name, type: 'symlink', linkname: entry.linkTarget, mode: 0o777, ...owner });
      else tar.entry({ name, type: 'file', mode: entry.mode, ...owner }, Buffer.from(entry.data ?? new Uint8Array()));
    }
    for (const file of extra) {
      tar.entry({ name: file.path.replace(/^\/+/, ''), type: 'file', mode: file.mode ?? 0o644, ...owner }, Buffer.from(file.content));
    }
    tar.finalize();
    return tar as unknown as Readable;
  }

  /** Refuses symlinks that point outside the revision (absolute, or climbing above its root). */
  private checkLinks(): void {
    for (const [path, entry] of this.entries) {
      if (entry.type !== 'symlink') continue;
      const target = entry.linkTarget ?? '';
      if (target.startsWith('/')) throw refuse(path, `is a symlink to an absolute path (${target})`);
      const resolved = posix.normalize(posix.join(posix.dirname(path), target));
      if (resolved === '..' || resolved.startsWith('../')) throw refuse(path, `is a symlink pointing outside the revision (${target})`);
    }
  }

  /** The agent's leading-folder rule: a lone top folder holding an appspec becomes the root (codedeploy.md §1.1). */
  private stripLoneFolder(): RevisionBundle {
    const top = this.children('');
    if (top.length !== 1 || this.kind(top[0]) !== 'directory') return this;
    if (!this.children(top[0]).some((name) => /appspec/i.test(name))) return this;
    const prefix = `${top[0]}/`;
    const entries = new Map([...this.entries].filter(([p]) => p.startsWith(prefix)).map(([p, e]) => [p.slice(prefix.length), e] as const));
    return new RevisionBundle(entries);
  }
}

/** Adds the folders that only appear as parents of entries (zips need not list them). */
function addParents(entries: Map<string, BundleEntry>): Map<string, BundleEntry> {
  for (const path of [...entries.keys()]) {
    for (let dir = posix.dirname(path); dir !== '.'; dir = posix.dirname(dir)) {
      const existing = entries.get(dir);
      if (existing && existing.type !== 'directory') throw refuse(dir, 'is both a file and a folder');
      if (!existing) entries.set(dir, { type: 'directory', mode: 0o755 });
    }
  }
  return entries;
}
