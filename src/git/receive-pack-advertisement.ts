import { readdirSync, readFileSync, statSync, type Dirent, type Stats } from 'node:fs';
import { join } from 'node:path';
import { isObjectId } from './names.js';

// The ref advertisement of `GET info/refs?service=git-receive-pack` (protocol v0) is every ref with its object id and
// the capabilities on the first line. Starting http-backend and receive-pack for it is two of the dozen processes a
// one-file push costs; the emulator writes the same bytes from the ref files instead, with the capabilities git
// itself advertised for this repository the first time (learnCapabilities), while the pack still goes to git.
// The ref files are read synchronously: they are a few small files, and each asynchronous read is two hops through
// the thread pool, which on a busy machine cost more than the reads.

/** The headers `git http-backend` answers a ref advertisement with. */
export const ADVERTISEMENT_HEADERS = {
  Expires: 'Fri, 01 Jan 1980 00:00:00 GMT',
  Pragma: 'no-cache',
  'Cache-Control': 'no-cache, max-age=0, must-revalidate',
  'Content-Type': 'application/x-git-receive-pack-advertisement',
} as const;

const SERVICE_LINE = '# service=git-receive-pack\n';
const FLUSH = '0000';

function pktLine(text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  return Buffer.concat([Buffer.from((payload.length + 4).toString(16).padStart(4, '0')), payload]);
}

/** A file's text, or undefined when it is not there (a loose ref can vanish when git packs refs). */
function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** A file's status, or undefined when it cannot be read. */
function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** The refs of a repository as git would list them, or undefined when one is not a plain object id (a symbolic ref). */
function readRefs(gitDir: string): Map<string, string> | undefined {
  const refs = new Map<string, string>();
  const packed = readText(join(gitDir, 'packed-refs')) ?? '';
  for (const line of packed.split('\n')) {
    if (!line || line.startsWith('#') || line.startsWith('^')) continue; // the header, and peeled tags
    const space = line.indexOf(' ');
    refs.set(line.slice(space + 1), line.slice(0, space));
  }
  let entries: Dirent[] = [];
  try {
    entries = readdirSync(join(gitDir, 'refs'), { recursive: true, withFileTypes: true });
  } catch {
    // No refs folder: no loose refs.
  }
  for (const entry of entries) {
    if (!entry.isFile() || entry.name.endsWith('.lock')) continue;
    const path = join(entry.parentPath, entry.name);
    const ref = `refs/${path.slice(join(gitDir, 'refs').length + 1).split('\\').join('/')}`;
    // A loose ref can vanish when git packs refs; the packed copy then stands.
    const id = readText(path)?.trim();
    if (id === undefined) continue;
    if (!isObjectId(id)) return undefined;
    refs.set(ref, id);
  }
  return refs;
}

/** Orders ref names as git does: by their bytes. */
function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** Builds the whole advertisement body from a repository's refs and the capabilities git advertises for it. */
function formatAdvertisement(refs: ReadonlyMap<string, string>, capabilities: string, zeroId: string): Buffer {
  const sorted = [...refs].sort(([a], [b]) => byteOrder(a, b));
  const lines = sorted.length ? sorted.map(([ref, id], i) => (i === 0 ? `${id} ${ref}\0${capabilities}\n` : `${id} ${ref}\n`)) : [`${zeroId} capabilities^{}\0${capabilities}\n`];
  return Buffer.concat([pktLine(SERVICE_LINE), Buffer.from(FLUSH), ...lines.map(pktLine), Buffer.from(FLUSH)]);
}

/** Reads the capabilities from an advertisement git wrote (the text after the NUL of its first ref line). */
function advertisedCapabilities(body: Buffer): string | undefined {
  const text = body.toString('utf8');
  const nul = text.indexOf('\0');
  const end = text.indexOf('\n', nul);
  return nul < 0 || end < 0 ? undefined : text.slice(nul + 1, end);
}

/** What decides git's capabilities and extra lines for a repository: its config file, alternates and shallow file. */
function repositoryStamp(gitDir: string): string | undefined {
  const [config, alternates, shallow] = ['config', 'objects/info/alternates', 'shallow'].map((f) => statOf(join(gitDir, f)));
  // Alternates add `.have` lines and a shallow repository `shallow` lines: git answers those itself.
  if (!config || alternates || shallow) return undefined;
  return `${config.mtimeMs}/${config.size}/${config.ino}`;
}

/**
 * Answers receive-pack ref advertisements of bare repositories from their ref files, once git has answered one for
 * the repository as it is configured now; until then, or when git would add lines of its own, the caller asks git.
 */
export class ReceivePackAdvertiser {
  private readonly learned = new Map<string, { stamp: string; capabilities: string; zeroId: string }>();

  /** The advertisement for a repository, or undefined when git must be asked (then pass its answer to `learn`). */
  async advertise(gitDir: string): Promise<Buffer | undefined> {
    const known = this.learned.get(gitDir);
    if (!known || known.stamp !== repositoryStamp(gitDir)) return undefined;
    const refs = readRefs(gitDir);
    return refs && formatAdvertisement(refs, known.capabilities, known.zeroId);
  }

  /**
   * Remembers the capabilities of an advertisement git wrote, when the one built from the ref files with them is
   * byte for byte git's (no hidden refs, the same order) and the repository's config can hide none later.
   */
  async learn(gitDir: string, body: Buffer): Promise<void> {
    const [stamp, refs, config] = [repositoryStamp(gitDir), readRefs(gitDir), readText(join(gitDir, 'config'))];
    const capabilities = advertisedCapabilities(body);
    if (!stamp || !refs || !capabilities || config === undefined || /hiderefs|include/i.test(config)) return;
    const zeroId = '0'.repeat(/object-format=sha256/.test(capabilities) ? 64 : 40);
    if (formatAdvertisement(refs, capabilities, zeroId).equals(body)) this.learned.set(gitDir, { stamp, capabilities, zeroId });
  }
}
