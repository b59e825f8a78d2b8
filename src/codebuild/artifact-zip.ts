import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

/** One entry of an artifact zip. */
export interface ZipEntry {
  name: string;
  /** File content, or a symlink's target when `symlink` is set. */
  content: Buffer;
  /** Unix permission bits, kept in the zip since deploy scripts rely on `+x`. */
  mode: number;
  mtime?: Date;
  /** Stored as a symlink (enable-symlinks), not as a file. */
  symlink?: boolean;
}

// The "made by" system of the zip entries: Unix, so their external attributes carry the mode bits.
const ZIP_OS_UNIX = 3;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;

/** Writes entries into a new zip file, yielding to the event loop between files so the server stays responsive. */
export async function writeZip(path: string, entries: readonly ZipEntry[]): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const out = createWriteStream(path);
  const closed = new Promise<void>((resolve, reject) => {
    out.once('close', resolve);
    out.once('error', reject);
  });
  let failure: Error | undefined;
  const zip = new Zip((err, chunk, final) => {
    if (err) failure = err;
    else out.write(chunk);
    if (final || err) out.end();
  });
  for (const entry of entries) {
    // Symlinks are stored, not deflated: their content is the link target and unzip recreates the link from it.
    const file = entry.symlink ? new ZipPassThrough(entry.name) : new ZipDeflate(entry.name, { level: 6 });
    file.os = ZIP_OS_UNIX;
    file.attrs = (((entry.symlink ? S_IFLNK : S_IFREG) | (entry.mode & 0o7777)) << 16) >>> 0;
    if (entry.mtime !== undefined) file.mtime = entry.mtime;
    zip.add(file);
    file.push(new Uint8Array(entry.content.buffer, entry.content.byteOffset, entry.content.byteLength), true);
    await yieldToLoop();
  }
  zip.end();
  await closed;
  if (failure !== undefined) throw failure;
}
