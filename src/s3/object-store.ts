import { createReadStream, type Stats } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { copyFile, lstat, mkdir, open, realpath, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import type { BucketStore } from './bucket-store.js';
import { checkConditions, parseRange, type ByteRange, type Conditions } from './conditions.js';
import type { S3Layout } from './layout.js';
import { listKeys, pageKeys, type KeyPage, type PageRequest } from './list-keys.js';
import { ObjectMetaStore, type ObjectMeta, type StoredHeaders } from './object-meta.js';
import { commitFile, receiveBody, type BodyOptions } from './receive-body.js';
import { isInside, TypedEmitter } from '../shared/index.js';
import { refuse } from './refusal.js';
import { newVersionId, VersionStore } from './version-store.js';

/** What a PUT stores besides the bytes. */
export interface PutAttributes {
  headers: StoredHeaders;
  metadata: Record<string, string>;
  /** A canned ACL (`x-amz-acl`), recorded only. */
  acl?: string;
  /** The KMS key of SSE-KMS (`x-amz-server-side-encryption-aws-kms-key-id`), recorded only. */
  sseKmsKeyId?: string;
}

/** An object opened for reading: its metadata, the range served (if any) and a stream of those bytes. */
export interface OpenedObject {
  meta: ObjectMeta;
  range?: ByteRange;
  body: Readable;
}

/** The object a copy reads: where it is, the version asked for, its metadata and its file (the key's, or a noncurrent version's). */
export interface CopySource {
  bucket: string;
  key: string;
  versionId?: string;
  meta: ObjectMeta;
  file: string;
}

/** A page of ListObjects with the metadata of each listed key. */
export interface ObjectPage extends KeyPage {
  objects: ObjectMeta[];
}

const NO_SUCH_KEY = 'The specified key does not exist.';

/** The events of the S3 stand-in: `object:created` once a PutObject, CompleteMultipartUpload or CopyObject is in place. */
export type S3Events = {
  'object:created': { bucket: string; key: string; meta: ObjectMeta };
};

/** Objects: files under their bucket's folder, written through a temp file and a rename, read as streams. */
export class ObjectStore {
  readonly meta: ObjectMetaStore;

  constructor(
    private readonly layout: S3Layout,
    private readonly buckets: BucketStore,
    readonly versions: VersionStore,
    private readonly events: TypedEmitter<S3Events>,
  ) {
    this.meta = new ObjectMetaStore(layout);
  }

  /** Stores a body under a key; the object appears whole or not at all. */
  async put(bucket: string, key: string, body: Readable | Uint8Array | string | undefined, attributes: PutAttributes, options: BodyOptions = {}): Promise<ObjectMeta> {
    await this.buckets.require(bucket);
    const file = this.layout.objectFile(bucket, key);
    const received = await receiveBody(this.layout.tmpDir, body, options);
    return this.install(bucket, key, file, received.tmpFile, { etag: received.md5.toString('hex') }, attributes);
  }

  /** Moves a finished temp file into place as the key's object and records its metadata. */
  async install(bucket: string, key: string, file: string, tmpFile: string, identity: { etag: string; partsCount?: number }, attributes: PutAttributes): Promise<ObjectMeta> {
    const written = await stat(tmpFile);
    const versioning = (await this.buckets.config(bucket)).versioning;
    await this.keepCurrent(bucket, key, file, versioning);
    const versionId = versioning === 'Enabled' ? newVersionId() : 'null';
    const { headers, metadata, acl, sseKmsKeyId } = attributes;
    const meta: ObjectMeta = { key, ...identity, size: written.size, mtimeMs: written.mtimeMs, headers, metadata, versionId, ...(acl ? { acl } : {}), ...(sseKmsKeyId ? { sseKmsKeyId } : {}) };
    // Metadata first: it is matched to the file by size and mtime, which the rename keeps.
    await this.meta.write(bucket, meta);
    await commitFile(tmpFile, file, key);
    this.events.emit('object:created', { bucket, key, meta });
    return meta;
  }

  /**
   * Before a key's file is replaced or deleted on a bucket that has had versioning: Enabled keeps the current
   * version as noncurrent; Suspended keeps it unless it is the `null` version, which is overwritten.
   */
  async keepCurrent(bucket: string, key: string, file: string, versioning: string | undefined): Promise<void> {
    if (versioning === undefined) return;
    const current = await this.current(bucket, key, file);
    if (current && (versioning === 'Enabled' || current.versionId !== 'null')) await this.versions.archive(bucket, key, file, current);
    if (versioning === 'Suspended') await this.versions.dropVersion(bucket, key, 'null');
  }

  /** The metadata of a key's current file; undefined when there is none. */
  async current(bucket: string, key: string, file = this.layout.objectFile(bucket, key)): Promise<ObjectMeta | undefined> {
    const stats = await lstat(file).catch(() => undefined);
    return stats?.isFile() ? this.meta.describe(bucket, key, file, stats) : undefined;
  }

  /** The metadata of an existing object, preconditions applied; NoSuchKey otherwise. */
  async head(bucket: string, key: string, conditions: Conditions = {}): Promise<ObjectMeta> {
    const { file, stats } = await this.locate(bucket, key);
    const meta = await this.meta.describe(bucket, key, file, stats);
    checkConditions(meta, conditions);
    return meta;
  }

  /** Opens an object for reading, preconditions and range applied. */
  async open(bucket: string, key: string, conditions: Conditions = {}, rangeHeader?: string): Promise<OpenedObject> {
    const { file } = await this.locate(bucket, key);
    // One descriptor for the stat and the read: a concurrent PUT renames a new file in, this one stays whole.
    const handle = await open(file, 'r');
    try {
      const meta = await this.meta.describe(bucket, key, file, await handle.stat());
      checkConditions(meta, conditions);
      const range = parseRange(rangeHeader, meta.size);
      if (meta.size > 0) return { meta, range, body: createReadStream('', { fd: handle, start: range?.start ?? 0, end: range?.end ?? meta.size - 1 }) };
      // createReadStream cannot express a zero-length range.
      await handle.close();
      return { meta, range, body: Readable.from([]) };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** Deletes an object (absent keys are not an error, as in S3) and the folders it leaves empty. */
  async delete(bucket: string, key: string): Promise<void> {
    const dir = await this.buckets.require(bucket);
    const file = this.layout.objectFile(bucket, key);
    const found = await lstat(file).catch(() => undefined);
    if (found?.isFile()) await rm(file, { force: true });
    await this.meta.remove(bucket, key);
    await removeEmptyFolders(dir, dirname(file));
  }

  /** Copies an object's (or one version's) bytes to another key; metadata is the source's (COPY) or the request's (REPLACE). */
  async copy(source: CopySource, bucket: string, key: string, replace: PutAttributes | undefined): Promise<ObjectMeta> {
    if (source.bucket === bucket && source.key === key && source.versionId === undefined && !replace) {
      throw refuse('InvalidRequest', "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.");
    }
    await this.buckets.require(bucket);
    const file = this.layout.objectFile(bucket, key);
    const tmpFile = join(this.layout.tmpDir, randomUUID());
    await mkdir(this.layout.tmpDir, { recursive: true });
    await copyFile(source.file, tmpFile);
    const { meta } = source;
    const attributes = replace ?? { headers: meta.headers, metadata: meta.metadata };
    return this.install(bucket, key, file, tmpFile, { etag: meta.etag, ...(meta.partsCount ? { partsCount: meta.partsCount } : {}) }, attributes);
  }

  /** Lists a page of a bucket's keys with each listed object's metadata. */
  async list(bucket: string, request: PageRequest): Promise<ObjectPage> {
    const dir = await this.buckets.require(bucket);
    const page = pageKeys(await listKeys(dir, request.prefix), request);
    const objects: ObjectMeta[] = [];
    for (const key of page.keys) {
      const file = join(dir, key);
      const stats = await stat(file).catch(() => undefined);
      // A key deleted between the walk and now is left out, as a later listing would.
      if (stats?.isFile()) objects.push(await this.meta.describe(bucket, key, file, stats));
    }
    return { ...page, objects };
  }

  /** The file and stats of an existing object; NoSuchKey when the key names no regular file inside the bucket. */
  private async locate(bucket: string, key: string): Promise<{ file: string; stats: Stats }> {
    const dir = await this.buckets.require(bucket);
    const file = this.layout.objectFile(bucket, key);
    const stats = await stat(file).catch(() => undefined);
    if (!stats?.isFile()) throw refuse('NoSuchKey', NO_SUCH_KEY);
    // A symbolic link inside the bucket must not lead a reader out of it.
    const real = await realpath(file);
    if (!isInside(await realpath(dir), real)) throw refuse('NoSuchKey', NO_SUCH_KEY);
    return { file, stats };
  }
}

/** Removes the folders a deleted key leaves empty, up to (not including) its bucket's folder. */
export async function removeEmptyFolders(bucketDir: string, from: string): Promise<void> {
  for (let dir = from; isInside(bucketDir, dir); dir = dirname(dir)) {
    try {
      await rmdir(dir);
    } catch {
      return;
    }
  }
}
