import { unzipSync } from 'fflate';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const UNIX_HOST = 3;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** Reads the unix mode of every entry from a zip's central directory (fflate gives data only). */
function unixModes(zip: Uint8Array): Map<string, number> {
  const modes = new Map<string, number>();
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return modes;
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const decoder = new TextDecoder();
  for (let n = 0; n < count && at + 46 <= zip.length && view.getUint32(at, true) === CENTRAL_SIGNATURE; n++) {
    const host = view.getUint16(at + 4, true) >> 8;
    const nameLength = view.getUint16(at + 28, true);
    const skip = nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    const mode = view.getUint32(at + 38, true) >>> 16;
    if (host === UNIX_HOST && mode !== 0) modes.set(decoder.decode(zip.subarray(at + 46, at + 46 + nameLength)), mode);
    at += 46 + skip;
  }
  return modes;
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Extracts a zip into a folder, keeping unix modes (executable scripts stay executable) and symlinks that point
 * inside the folder; entries that would land outside it (zip-slip) and links that point outside are skipped.
 * Returns the names skipped.
 */
export function extractZip(zipFile: string, dest: string): string[] {
  const zip = new Uint8Array(readFileSync(zipFile));
  const files = unzipSync(zip);
  const modes = unixModes(zip);
  const root = resolve(dest);
  const skipped: string[] = [];
  mkdirSync(root, { recursive: true });
  for (const [name, data] of Object.entries(files)) {
    const target = resolve(root, name.split('/').join(sep));
    const mode = modes.get(name);
    if (!inside(root, target)) {
      skipped.push(name);
      continue;
    }
    if (name.endsWith('/')) {
      mkdirSync(target, { recursive: true });
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    if (mode !== undefined && (mode & S_IFMT) === S_IFLNK) {
      const linkTarget = new TextDecoder().decode(data);
      // A link out of the source tree would let a build read the host's files: kept out.
      if (isAbsolute(linkTarget) || !inside(root, resolve(dirname(target), linkTarget))) skipped.push(name);
      else symlinkSync(linkTarget, target);
      continue;
    }
    writeFileSync(target, data);
    if (mode !== undefined && (mode & 0o777) !== 0) chmodSync(target, mode & 0o777);
  }
  return skipped;
}
