import { randomBytes } from 'node:crypto';
import { link, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { S3Layout } from './layout.js';
import { readJson, writeJsonAtomically, type ObjectMeta } from './object-meta.js';

/** One noncurrent version of a key, or a delete marker, kept under `.s3-meta/buckets/<bucket>/versions/<key hash>/`. */
export interface VersionRecord {
  key: string;
  versionId: string;
  /** Orders a key's versions, newest highest: epoch microseconds when the version stopped being current. */
  seq: number;
  lastModifiedMs: number;
  deleteMarker?: boolean;
  /** The object's metadata, for a version with bytes. */
  meta?: ObjectMeta;
}

let lastSeq = 0;

/** A strictly increasing sequence number (epoch microseconds), so versions made in one millisecond stay ordered. */
function nextSeq(now: number): number {
  lastSeq = Math.max(lastSeq + 1, now * 1000);
  return lastSeq;
}

/** A new version id: 32 URL-safe characters, as S3's look. */
export function newVersionId(): string {
  return randomBytes(24).toString('base64url');
}

/** The noncurrent versions and delete markers of versioned buckets; the current version stays the key's file. */
export class VersionStore {
  constructor(
    private readonly layout: S3Layout,
    private readonly now: () => number,
  ) {}

  /** A key's noncurrent versions and delete markers, newest first. */
  async list(bucket: string, key: string): Promise<VersionRecord[]> {
    return this.readDir(this.layout.versionsDir(bucket, key));
  }

  /** Every key of a bucket that has noncurrent versions or delete markers, with them, newest first. */
  async all(bucket: string): Promise<Map<string, VersionRecord[]>> {
    const root = join(this.layout.bucketMetaDir(bucket), 'versions');
    const out = new Map<string, VersionRecord[]>();
    for (const hash of await readdir(root).catch(() => [] as string[])) {
      const records = await this.readDir(join(root, hash));
      if (records.length) out.set(records[0].key, records);
    }
    return out;
  }

  /** Keeps the current file of a key as a noncurrent version (a hard link: the file itself is replaced by a rename). */
  async archive(bucket: string, key: string, file: string, meta: ObjectMeta): Promise<void> {
    const dir = this.layout.versionsDir(bucket, key);
    await mkdir(dir, { recursive: true });
    await this.dropVersion(bucket, key, meta.versionId);
    await link(file, join(dir, `${fileName(meta.versionId)}.data`));
    await this.write(bucket, { key, versionId: meta.versionId, seq: nextSeq(this.now()), lastModifiedMs: meta.mtimeMs, meta });
  }

  /** Records a delete marker as the key's newest version. */
  async addDeleteMarker(bucket: string, key: string, versionId: string): Promise<VersionRecord> {
    await this.dropVersion(bucket, key, versionId);
    const now = this.now();
    const record: VersionRecord = { key, versionId, seq: nextSeq(now), lastModifiedMs: now, deleteMarker: true };
    await this.write(bucket, record);
    return record;
  }

  /** Removes one noncurrent version or delete marker (absent ones are no error). */
  async dropVersion(bucket: string, key: string, versionId: string): Promise<void> {
    const dir = this.layout.versionsDir(bucket, key);
    await rm(join(dir, `${fileName(versionId)}.data`), { force: true });
    await rm(join(dir, `${fileName(versionId)}.json`), { force: true });
  }

  /** The bytes of a noncurrent version. */
  dataFile(bucket: string, key: string, versionId: string): string {
    return join(this.layout.versionsDir(bucket, key), `${fileName(versionId)}.data`);
  }

  /** Moves a noncurrent version back to be the key's file (after the current one was deleted). */
  async restore(bucket: string, key: string, record: VersionRecord, file: string): Promise<void> {
    await rename(this.dataFile(bucket, key, record.versionId), file);
    await rm(join(this.layout.versionsDir(bucket, key), `${fileName(record.versionId)}.json`), { force: true });
  }

  private write(bucket: string, record: VersionRecord): Promise<void> {
    return writeJsonAtomically(join(this.layout.versionsDir(bucket, record.key), `${fileName(record.versionId)}.json`), record);
  }

  private async readDir(dir: string): Promise<VersionRecord[]> {
    const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
    const records = await Promise.all(names.map((n) => readJson<VersionRecord>(join(dir, n))));
    return records.filter((r): r is VersionRecord => r !== undefined).sort((a, b) => b.seq - a.seq);
  }
}

/** A version id as a file name: ours are base64url; `null` and anything else a client sends are encoded. */
function fileName(versionId: string): string {
  return /^[A-Za-z0-9_-]{1,64}$/.test(versionId) ? versionId : `~${Buffer.from(versionId).toString('hex').slice(0, 200)}`;
}
