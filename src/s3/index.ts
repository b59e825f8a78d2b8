import { rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { TypedEmitter } from '../shared/index.js';
import { BucketStore } from './bucket-store.js';
import { S3Layout } from './layout.js';
import { MultipartStore } from './multipart-store.js';
import { ObjectStore, type PutAttributes, type S3Events } from './object-store.js';
import type { ObjectMeta } from './object-meta.js';
import { VersionStore } from './version-store.js';
import { VersionedObjects } from './versioned-objects.js';

export { S3Refusal, refuse, type S3RefusalCode } from './refusal.js';
export { S3Layout } from './layout.js';
export type { BucketConfig, BucketSummary, BucketTag, VersioningStatus } from './bucket-store.js';
export { DEFAULT_CONTENT_TYPE, type ObjectMeta, type StoredHeaders } from './object-meta.js';
export type { PutAttributes, OpenedObject, ObjectPage, S3Events } from './object-store.js';
export { MIN_PART_BYTES, type UploadRecord, type PartRecord, type CompletedPart } from './multipart-store.js';
export { lastModifiedSeconds, type Conditions } from './conditions.js';
export type { BodyOptions } from './receive-body.js';
export { compareKeys } from './list-keys.js';
export type { DeleteOutcome, VersionEntry } from './versioned-objects.js';
export { selectObject, openObject, downloadObject, type ObjectSelector, type ObjectReaders } from './object-files.js';

/** The S3 stand-in over one folder: buckets are its folders, objects their files, S3-only metadata under `.s3-meta`. */
export class S3Storage {
  readonly layout: S3Layout;
  readonly buckets: BucketStore;
  readonly objects: ObjectStore;
  readonly multipart: MultipartStore;
  readonly versioned: VersionedObjects;
  /** `object:created` after every object put in place (PutObject, CompleteMultipartUpload, CopyObject, putFile). */
  readonly events = new TypedEmitter<S3Events>();

  constructor(root: string, now: () => number) {
    this.layout = new S3Layout(root);
    this.buckets = new BucketStore(this.layout, now);
    this.objects = new ObjectStore(this.layout, this.buckets, new VersionStore(this.layout, now), this.events);
    this.multipart = new MultipartStore(this.layout, this.buckets, this.objects, now);
    this.versioned = new VersionedObjects(this.layout, this.buckets, this.objects);
  }

  /** Stores a file of this machine as an object, streamed (so its MD5 is the ETag, as a PutObject of it would give). */
  async putFile(bucket: string, key: string, path: string, attributes: PutAttributes = { headers: {}, metadata: {} }): Promise<ObjectMeta> {
    // Opened before the put, so a put refused early leaves no stream behind to open (and fail on) a file removed since.
    const handle = await open(path, 'r');
    const body = handle.createReadStream();
    try {
      return await this.objects.put(bucket, key, body, attributes);
    } finally {
      body.destroy();
    }
  }

  /**
   * Removes the temp files a crash left half-written; called once at start, before anything writes. (Temp files are
   * renamed into place whole, so a leftover is never part of an object.)
   */
  sweepTemp(): void {
    rmSync(this.layout.tmpDir, { recursive: true, force: true });
  }
}
