import { Readable } from 'node:stream';
import { pack as packFolder, type Headers } from 'tar-fs';
import { extract, pack, type Header, type Pack } from 'tar-stream';

/** An entry to write with {@link packEntries}. */
export interface ArchiveEntry {
  /** Path inside the archive, relative (no leading slash). */
  name: string;
  type: 'file' | 'directory';
  /** Permission bits. */
  mode: number;
  /** File content; ignored for directories. */
  content?: Buffer | string;
}

/** An entry read by {@link readArchive}. */
export interface ArchiveEntryHeader {
  /** Path inside the archive, as stored (relative, no trailing slash for directories). */
  name: string;
  type: string;
  /** Permission bits (without the file type). */
  mode: number;
  size: number;
  /** A symlink's target as stored in the link. */
  linkname?: string;
  /** Last modification time. */
  mtime?: Date;
}

/** A host folder to tar, its entries placed under `prefix` (a path inside the container, leading slash optional). */
export interface ArchiveFolder {
  dir: string;
  prefix: string;
}

/**
 * Tars a host folder for Docker's putArchive, its entries placed under `prefix` and owned by root.
 *
 * Root ownership matters: files owned by the emulator's uid make tools such as git refuse to work
 * ("dubious ownership") for the root user the build runs as.
 */
export function packDirectory(dir: string, prefix: string): Readable {
  return packFolders([{ dir, prefix }]);
}

/**
 * Tars a few in-memory entries, then host folders each under its prefix (owned by root, as {@link packDirectory}
 * explains), into one archive: one putArchive, one round trip to Docker, however many folders.
 */
export function packFolders(folders: readonly ArchiveFolder[], entries: readonly ArchiveEntry[] = []): Readable {
  const tar = pack();
  addEntries(tar, entries);
  const next = (index: number): void => {
    if (index === folders.length) return void tar.finalize();
    const { dir, prefix } = folders[index];
    packFolder(dir, { pack: tar, finalize: false, finish: () => next(index + 1), map: rootOwnedUnder(prefix) });
  };
  next(0);
  return tar as unknown as Readable;
}

function rootOwnedUnder(prefix: string): (header: Headers) => Headers {
  const base = prefix.replace(/^\/+|\/+$/g, '');
  return (header) => {
    const name = header.name.replace(/^\.(?:\/|$)/, '').replace(/\/+$/, '');
    header.name = name === '' ? base : `${base}/${name}`;
    // The folder itself is the emulator's (often a 0700 temp folder); inside, it is an ordinary 0755 folder.
    if (name === '') header.mode = 0o755;
    header.uid = 0;
    header.gid = 0;
    return header;
  };
}

/** Tars a few in-memory entries (folders to create, small files to write). */
export function packEntries(entries: readonly ArchiveEntry[]): Readable {
  const tar = pack();
  addEntries(tar, entries);
  tar.finalize();
  return tar as unknown as Readable;
}

function addEntries(tar: Pack, entries: readonly ArchiveEntry[]): void {
  for (const entry of entries) {
    const header = { name: entry.name, mode: entry.mode, type: entry.type, uid: 0, gid: 0 };
    if (entry.type === 'directory') tar.entry(header);
    else tar.entry(header, Buffer.from(entry.content ?? ''));
  }
}

/**
 * Reads a tar stream entry by entry; `onEntry` decides, from the header, whether it wants the content.
 *
 * Content is only buffered for the entries asked for, so a large tree can be scanned with little memory.
 */
export async function readArchive(
  stream: NodeJS.ReadableStream,
  onEntry: (header: ArchiveEntryHeader) => ((content: Buffer) => void) | undefined,
): Promise<void> {
  const tar = extract();
  const done = new Promise<void>((resolve, reject) => {
    tar.on('entry', (raw, body, next) => {
      const consumer = onEntry(toHeader(raw));
      const chunks: Buffer[] = [];
      body.on('data', (chunk: unknown) => {
        if (consumer !== undefined) chunks.push(chunk as Buffer);
      });
      body.on('end', () => {
        try {
          consumer?.(Buffer.concat(chunks));
          next();
        } catch (err) {
          next(err as Error);
        }
      });
      body.on('error', reject);
    });
    tar.on('finish', () => resolve());
    tar.on('error', reject);
    stream.on('error', reject);
  });
  (stream as Readable).pipe(tar as unknown as NodeJS.WritableStream);
  await done;
}

function toHeader(raw: Header): ArchiveEntryHeader {
  return {
    name: raw.name.replace(/^\.\//, '').replace(/\/+$/, ''),
    type: raw.type ?? 'file',
    mode: (raw.mode ?? 0o644) & 0o7777,
    size: raw.size ?? 0,
    linkname: raw.linkname ?? undefined,
    mtime: raw.mtime,
  };
}
