import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, type Stats } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { S3Layout } from './layout.js';

/** The representation headers S3 stores with an object and sends back on GET and HEAD. */
export interface StoredHeaders {
  CacheControl?: string;
  ContentDisposition?: string;
  ContentEncoding?: string;
  ContentLanguage?: string;
  ContentType?: string;
}

/** What S3 knows of an object beyond its bytes; tied to the file by its size and modification time. */
export interface ObjectMeta {
  key: string;
  /** The ETag without its quotes: the MD5 in hex, or `<md5 of part md5s>-<parts>` for a multipart upload. */
  etag: string;
  size: number;
  mtimeMs: number;
  headers: StoredHeaders;
  /** User metadata (`x-amz-meta-*`), names in lower case. */
  metadata: Record<string, string>;
  /** The version id on a bucket that has had versioning enabled; `null` otherwise. */
  versionId: string;
  partsCount?: number;
  /** The canned ACL it was written with (recorded, not enforced). */
  acl?: string;
  /** The KMS key it was written with, for SSE-KMS (recorded; the bytes are not encrypted). */
  sseKmsKeyId?: string;
}

/** S3's content type for an object stored without one. */
export const DEFAULT_CONTENT_TYPE = 'binary/octet-stream';

/** Writes JSON to a file atomically: a temp file beside it, renamed into place. */
export async function writeJsonAtomically(file: string, value: unknown): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = join(dirname(file), `.${randomUUID()}.tmp`);
  await writeFile(tmp, JSON.stringify(value));
  await rename(tmp, file);
}

/** Reads a JSON file; undefined when it is absent or unreadable. */
export async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** The MD5 of a file's bytes, read as a stream. */
export async function md5OfFile(file: string): Promise<string> {
  const hash = createHash('md5');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

/** The sidecar metadata of objects, kept under `.s3-meta`; a file changed through the folder gets fresh metadata. */
export class ObjectMetaStore {
  constructor(private readonly layout: S3Layout) {}

  /** The metadata of an object's current file: the recorded one while it matches the file, else computed (MD5) and recorded. */
  async describe(bucket: string, key: string, file: string, stat: Stats): Promise<ObjectMeta> {
    const recorded = await readJson<ObjectMeta>(this.layout.objectMetaFile(bucket, key));
    if (recorded && recorded.key === key && recorded.size === stat.size && recorded.mtimeMs === stat.mtimeMs) return recorded;
    // Written through the folder (or changed there): S3-only metadata is gone with the old bytes.
    const meta: ObjectMeta = { key, etag: await md5OfFile(file), size: stat.size, mtimeMs: stat.mtimeMs, headers: {}, metadata: {}, versionId: 'null' };
    await this.write(bucket, meta);
    return meta;
  }

  /** The recorded metadata of a key, whether or not its file still matches. */
  recorded(bucket: string, key: string): Promise<ObjectMeta | undefined> {
    return readJson<ObjectMeta>(this.layout.objectMetaFile(bucket, key));
  }

  /** Records an object's metadata. */
  write(bucket: string, meta: ObjectMeta): Promise<void> {
    return writeJsonAtomically(this.layout.objectMetaFile(bucket, meta.key), meta);
  }

  /** Forgets an object's metadata. */
  async remove(bucket: string, key: string): Promise<void> {
    await rm(this.layout.objectMetaFile(bucket, key), { force: true });
  }
}
