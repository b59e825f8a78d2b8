import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ObjectMeta } from './object-meta.js';
import type { ObjectStore, OpenedObject } from './object-store.js';
import { refuse } from './refusal.js';
import type { VersionedObjects } from './versioned-objects.js';

/** The object a feature reads: a key, and optionally one version of it (by id) or the version holding an ETag. */
export interface ObjectSelector {
  bucket: string;
  key: string;
  versionId?: string;
  /** Picks the current version when it has this ETag, else the newest noncurrent one that has it. */
  eTag?: string;
}

/** The parts of S3Storage that reading objects by selector uses. */
export interface ObjectReaders {
  objects: ObjectStore;
  versioned: VersionedObjects;
}

/** The metadata of the object a selector names; NoSuchBucket, NoSuchKey, NoSuchVersion or PreconditionFailed otherwise. */
export async function selectObject(s3: ObjectReaders, selector: ObjectSelector): Promise<ObjectMeta> {
  const { bucket, key, versionId, eTag } = selector;
  const wanted = eTag?.replace(/^"|"$/g, '');
  if (versionId !== undefined) {
    const meta = await s3.versioned.head(bucket, key, versionId, {});
    if (wanted !== undefined && meta.etag !== wanted) throw refuse('PreconditionFailed', `Version ${versionId} of s3://${bucket}/${key} has ETag ${meta.etag}, not ${wanted}`);
    return meta;
  }
  const current = await s3.objects.current(bucket, key);
  if (wanted === undefined || current?.etag === wanted) return current ?? s3.objects.head(bucket, key);
  const { entries } = await s3.versioned.list(bucket, key, {}, Number.MAX_SAFE_INTEGER);
  const older = entries.find((e) => e.key === key && !e.deleteMarker && e.meta?.etag === wanted);
  if (older?.meta) return older.meta;
  throw refuse('PreconditionFailed', `No version of s3://${bucket}/${key} has ETag ${wanted}`);
}

/** Opens the object a selector names (the version {@link selectObject} picks). */
export async function openObject(s3: ObjectReaders, selector: ObjectSelector): Promise<OpenedObject> {
  const meta = await selectObject(s3, selector);
  const current = await s3.objects.current(selector.bucket, selector.key);
  if (current?.versionId === meta.versionId) return s3.objects.open(selector.bucket, selector.key);
  return s3.versioned.open(selector.bucket, selector.key, meta.versionId, {});
}

/** Copies the object a selector names into a file of this machine, whole or not at all; returns the object's metadata. */
export async function downloadObject(s3: ObjectReaders, selector: ObjectSelector, path: string): Promise<ObjectMeta> {
  const opened = await openObject(s3, selector);
  await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${randomUUID()}.part`);
  try {
    await pipeline(opened.body, createWriteStream(tmp));
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  return opened.meta;
}
