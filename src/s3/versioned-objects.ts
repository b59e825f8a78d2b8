import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { BucketStore } from './bucket-store.js';
import { checkConditions, parseRange, type Conditions } from './conditions.js';
import type { S3Layout } from './layout.js';
import { compareKeys, listKeys } from './list-keys.js';
import type { ObjectMeta } from './object-meta.js';
import type { CopySource, ObjectStore, OpenedObject } from './object-store.js';
import { refuse } from './refusal.js';
import { newVersionId, type VersionRecord } from './version-store.js';

/** What DeleteObject did: the delete marker it made, or the version it removed. */
export interface DeleteOutcome {
  deleteMarker?: boolean;
  versionId?: string;
}

/** One entry of ListObjectVersions: a version with bytes or a delete marker. */
export interface VersionEntry {
  key: string;
  versionId: string;
  isLatest: boolean;
  lastModifiedMs: number;
  deleteMarker: boolean;
  meta?: ObjectMeta;
}

const NO_SUCH_VERSION = 'The specified version does not exist.';

/** Objects by version id: GET, HEAD and DELETE of one version, delete markers, and ListObjectVersions. */
export class VersionedObjects {
  constructor(
    private readonly layout: S3Layout,
    private readonly buckets: BucketStore,
    private readonly objects: ObjectStore,
  ) {}

  /** Deletes a key (a delete marker on a bucket that has had versioning) or one version of it. */
  async delete(bucket: string, key: string, versionId?: string): Promise<DeleteOutcome> {
    const versioning = (await this.buckets.config(bucket)).versioning;
    const file = this.layout.objectFile(bucket, key);
    if (versionId !== undefined) return this.deleteVersion(bucket, key, file, versionId);
    if (versioning === undefined) {
      await this.objects.delete(bucket, key);
      return {};
    }
    await this.objects.keepCurrent(bucket, key, file, versioning);
    await this.objects.delete(bucket, key);
    const marker = await this.objects.versions.addDeleteMarker(bucket, key, versioning === 'Enabled' ? newVersionId() : 'null');
    return { deleteMarker: true, versionId: marker.versionId };
  }

  /** The metadata of one version, preconditions applied. */
  async head(bucket: string, key: string, versionId: string, conditions: Conditions): Promise<ObjectMeta> {
    const current = await this.current(bucket, key);
    if (current?.versionId === versionId) return this.objects.head(bucket, key, conditions);
    const meta = this.bytesOf(await this.find(bucket, key, versionId));
    checkConditions(meta, conditions);
    return meta;
  }

  /** The object (or version) a copy reads, preconditions applied. */
  async copySource(bucket: string, key: string, versionId: string | undefined, conditions: Conditions): Promise<CopySource> {
    const current = versionId === undefined ? undefined : await this.current(bucket, key);
    if (versionId === undefined || current?.versionId === versionId) {
      return { bucket, key, versionId, meta: await this.objects.head(bucket, key, conditions), file: this.layout.objectFile(bucket, key) };
    }
    const meta = await this.head(bucket, key, versionId, conditions);
    return { bucket, key, versionId, meta, file: this.objects.versions.dataFile(bucket, key, versionId) };
  }

  /** Opens one version for reading, preconditions and range applied. */
  async open(bucket: string, key: string, versionId: string, conditions: Conditions, rangeHeader?: string): Promise<OpenedObject> {
    const current = await this.current(bucket, key);
    if (current?.versionId === versionId) return this.objects.open(bucket, key, conditions, rangeHeader);
    const meta = this.bytesOf(await this.find(bucket, key, versionId));
    checkConditions(meta, conditions);
    const range = parseRange(rangeHeader, meta.size);
    if (meta.size === 0) return { meta, range, body: Readable.from([]) };
    const handle = await open(this.objects.versions.dataFile(bucket, key, versionId), 'r');
    return { meta, range, body: createReadStream('', { fd: handle, start: range?.start ?? 0, end: range?.end ?? meta.size - 1 }) };
  }

  /** Every version and delete marker of the keys under a prefix: by key, newest first, paged after a key and version. */
  async list(bucket: string, prefix: string, after: { key?: string; versionId?: string }, maxKeys: number): Promise<{ entries: VersionEntry[]; isTruncated: boolean }> {
    const dir = await this.buckets.require(bucket);
    const archived = await this.objects.versions.all(bucket);
    const keys = new Set([...(await listKeys(dir, prefix)), ...[...archived.keys()].filter((k) => k.startsWith(prefix))]);
    const all: VersionEntry[] = [];
    for (const key of [...keys].sort(compareKeys)) {
      const current = await this.current(bucket, key);
      const history = archived.get(key) ?? [];
      if (current) all.push({ key, versionId: current.versionId, isLatest: true, lastModifiedMs: current.mtimeMs, deleteMarker: false, meta: current });
      history.forEach((r, i) => all.push({ key, versionId: r.versionId, isLatest: !current && i === 0, lastModifiedMs: r.lastModifiedMs, deleteMarker: Boolean(r.deleteMarker), meta: r.meta }));
    }
    let start = 0;
    if (after.key !== undefined) {
      const marker = after.versionId ? all.findIndex((e) => e.key === after.key && e.versionId === after.versionId) : -1;
      start = marker >= 0 ? marker + 1 : all.findIndex((e) => compareKeys(e.key, after.key!) > 0);
      if (start < 0) start = all.length;
    }
    const entries = all.slice(start, start + maxKeys);
    return { entries, isTruncated: start + maxKeys < all.length };
  }

  private async deleteVersion(bucket: string, key: string, file: string, versionId: string): Promise<DeleteOutcome> {
    const current = await this.current(bucket, key);
    const history = await this.objects.versions.list(bucket, key);
    const record = history.find((r) => r.versionId === versionId);
    const outcome = { versionId, ...(record?.deleteMarker ? { deleteMarker: true } : {}) };
    if (current?.versionId === versionId) await this.objects.delete(bucket, key);
    else {
      // An unknown version id is no error: S3 answers 204 as for an absent key.
      if (!record) return { versionId };
      await this.objects.versions.dropVersion(bucket, key, versionId);
      if (current || history[0] !== record) return outcome;
    }
    // The latest version went: the newest one left becomes current, unless it is a delete marker.
    const next = history.find((r) => r.versionId !== versionId);
    if (next && !next.deleteMarker && next.meta) {
      await this.objects.meta.write(bucket, next.meta);
      await this.objects.versions.restore(bucket, key, next, file);
    }
    return outcome;
  }

  private async current(bucket: string, key: string): Promise<ObjectMeta | undefined> {
    await this.buckets.require(bucket);
    return this.objects.current(bucket, key);
  }

  private async find(bucket: string, key: string, versionId: string): Promise<VersionRecord> {
    const record = (await this.objects.versions.list(bucket, key)).find((r) => r.versionId === versionId);
    if (!record) throw refuse(versionId === 'null' ? 'NoSuchKey' : 'NoSuchVersion', versionId === 'null' ? 'The specified key does not exist.' : NO_SUCH_VERSION);
    return record;
  }

  private bytesOf(record: VersionRecord): ObjectMeta {
    if (record.deleteMarker || !record.meta) throw refuse('MethodNotAllowed', 'The specified method is not allowed against this resource.');
    return record.meta;
  }
}
