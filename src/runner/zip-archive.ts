import { unzipSync } from 'fflate';

/** One entry of a zip read by {@link readZip}. */
export interface ZipEntry {
  /** The name as stored: untrusted (it may be absolute or climb with `..`); a folder's ends in `/`. */
  name: string;
  data: Uint8Array;
  /** The unix mode (type and permission bits), when a unix zipper recorded one. */
  mode?: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const UNIX_HOST = 3;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFDIR = 0o040000;

/** Unpacks a zip in memory with each entry's unix mode; fflate's errors (not a zip, corrupt) pass through. */
export function readZip(zip: Uint8Array): ZipEntry[] {
  const files = unzipSync(zip);
  const modes = unixModes(zip);
  return Object.entries(files).map(([name, data]) => ({ name, data, mode: modes.get(name) }));
}

/** Whether a unix mode says symlink. */
export function isSymlinkMode(mode: number | undefined): boolean {
  return mode !== undefined && (mode & S_IFMT) === S_IFLNK;
}

/** Whether a unix mode says directory. */
export function isDirectoryMode(mode: number | undefined): boolean {
  return mode !== undefined && (mode & S_IFMT) === S_IFDIR;
}

/** Reads the unix mode of every entry from a zip's central directory (fflate gives data only). */
function unixModes(zip: Uint8Array): Map<string, number> {
  const modes = new Map<string, number>();
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const eocd = endOfCentralDirectory(view);
  if (eocd < 0) return modes;
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const decoder = new TextDecoder();
  for (let n = 0; n < count && at + 46 <= zip.length && view.getUint32(at, true) === CENTRAL_SIGNATURE; n++) {
    const host = view.getUint16(at + 4, true) >> 8;
    const nameLength = view.getUint16(at + 28, true);
    const mode = view.getUint32(at + 38, true) >>> 16;
    if (host === UNIX_HOST && mode !== 0) modes.set(decoder.decode(zip.subarray(at + 46, at + 46 + nameLength)), mode);
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return modes;
}

// The end-of-central-directory record is the last 22 bytes, before a comment of at most 64 KiB.
function endOfCentralDirectory(view: DataView): number {
  for (let i = view.byteLength - 22; i >= Math.max(0, view.byteLength - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD_SIGNATURE) return i;
  }
  return -1;
}
