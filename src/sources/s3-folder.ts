import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** An object of the S3 folder: its content, version id, ETag and when it was last written. */
export interface S3FolderObject {
  bytes: Buffer;
  versionId: string;
  eTag: string;
  modifiedMs: number;
  /** The version id is S3's (a versioned bucket keeps the version), not one derived from the bytes. */
  s3Versioned?: boolean;
  /** The `codepipeline-artifact-revision-summary` user metadata, when the object has it. */
  summary?: string;
}

/**
 * The version id codepipeline-local gives an object: the first 32 hex digits of the SHA-256 of its content, so the
 * same content always has the same version (S3 makes a new random id per PUT; a folder keeps no history).
 */
export function objectVersionId(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 32);
}

/** The ETag S3 gives an object uploaded in one part: the MD5 of its content, in hex. */
export function objectETag(bytes: Buffer): string {
  return createHash('md5').update(bytes).digest('hex');
}

/** Reads an object of the S3 folder; undefined when it does not exist (or is not a file). */
export async function readFolderObject(path: string): Promise<S3FolderObject | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  const bytes = await readFile(path);
  return { bytes, versionId: objectVersionId(bytes), eTag: objectETag(bytes), modifiedMs: info.mtimeMs };
}

/** How many earlier versions of each object are kept, so a run started for a version still finds it. */
export const KEPT_VERSIONS = 10;

/**
 * Earlier versions of S3 folder objects, kept by version id under `dir`, so a run started for one version gets it
 * even when the file changed again before the source action ran, and a retry gets the same bytes.
 */
export class S3VersionCache {
  constructor(private readonly dir: string) {}

  private folder(bucket: string, key: string): string {
    return join(this.dir, bucket, createHash('sha256').update(key).digest('hex').slice(0, 24));
  }

  /** Keeps a version of an object, dropping the oldest beyond KEPT_VERSIONS. */
  async remember(bucket: string, key: string, object: S3FolderObject): Promise<void> {
    const folder = this.folder(bucket, key);
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, `${object.versionId}.zip`), object.bytes);
    const names = await readdir(folder);
    if (names.length <= KEPT_VERSIONS) return;
    const dated = await Promise.all(names.map(async (n) => ({ n, ms: (await stat(join(folder, n)).catch(() => undefined))?.mtimeMs ?? 0 })));
    dated.sort((a, b) => b.ms - a.ms);
    await Promise.all(dated.slice(KEPT_VERSIONS).map(({ n }) => rm(join(folder, n), { force: true })));
  }

  /** Returns a kept version of an object, or undefined. */
  async find(bucket: string, key: string, versionId: string): Promise<S3FolderObject | undefined> {
    if (!/^[0-9a-f]{32}$/.test(versionId)) return undefined;
    return readFolderObject(join(this.folder(bucket, key), `${versionId}.zip`));
  }
}

const LOCAL_FILE_HEADER = Buffer.from('PK\x03\x04', 'latin1');
const END_OF_CENTRAL_DIRECTORY = Buffer.from('PK\x05\x06', 'latin1');
// The end record is 22 bytes plus a comment of at most 65535 bytes.
const END_RECORD_SEARCH = 22 + 0xffff;

/** Tells whether a buffer starts as a zip does: with a file entry, or with the end record of an empty zip. */
export function hasZipSignature(bytes: Buffer): boolean {
  const start = bytes.subarray(0, 4);
  return start.equals(LOCAL_FILE_HEADER) || start.equals(END_OF_CENTRAL_DIRECTORY);
}

/** Tells whether a buffer holds a whole zip (its end-of-central-directory record is there), not one still being written. */
export function isCompleteZip(bytes: Buffer): boolean {
  if (!hasZipSignature(bytes)) return false;
  return bytes.subarray(Math.max(0, bytes.length - END_RECORD_SEARCH)).lastIndexOf(END_OF_CENTRAL_DIRECTORY) !== -1;
}
