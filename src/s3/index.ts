import { BucketStore } from './bucket-store.js';
import { S3Layout } from './layout.js';
import { MultipartStore } from './multipart-store.js';
import { ObjectStore } from './object-store.js';
import { VersionStore } from './version-store.js';
import { VersionedObjects } from './versioned-objects.js';

export { S3Refusal, refuse, type S3RefusalCode } from './refusal.js';
export { S3Layout } from './layout.js';
export type { BucketConfig, BucketSummary, BucketTag, VersioningStatus } from './bucket-store.js';
export { DEFAULT_CONTENT_TYPE, type ObjectMeta, type StoredHeaders } from './object-meta.js';
export type { PutAttributes, OpenedObject, ObjectPage } from './object-store.js';
export { MIN_PART_BYTES, type UploadRecord, type PartRecord, type CompletedPart } from './multipart-store.js';
export { lastModifiedSeconds, type Conditions } from './conditions.js';
export type { BodyOptions } from './receive-body.js';
export { compareKeys } from './list-keys.js';
export type { DeleteOutcome, VersionEntry } from './versioned-objects.js';

/** The S3 stand-in over one folder: buckets are its folders, objects their files, S3-only metadata under `.s3-meta`. */
export class S3Storage {
  readonly layout: S3Layout;
  readonly buckets: BucketStore;
  readonly objects: ObjectStore;
  readonly multipart: MultipartStore;
  readonly versioned: VersionedObjects;

  constructor(root: string, now: () => number) {
    this.layout = new S3Layout(root);
    this.buckets = new BucketStore(this.layout, now);
    this.objects = new ObjectStore(this.layout, this.buckets, new VersionStore(this.layout, now));
    this.multipart = new MultipartStore(this.layout, this.buckets, this.objects, now);
    this.versioned = new VersionedObjects(this.layout, this.buckets, this.objects);
  }
}
