import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BucketStore } from './bucket-store.js';
import type { S3Layout } from './layout.js';
import { compareKeys } from './list-keys.js';
import { readJson, writeJsonAtomically, type ObjectMeta } from './object-meta.js';
import type { ObjectStore, PutAttributes } from './object-store.js';
import { receiveBody, type BodyOptions } from './receive-body.js';
import { refuse } from './refusal.js';

/** An upload in progress: where its object will go and what it will carry. */
export interface UploadRecord {
  uploadId: string;
  bucket: string;
  key: string;
  /** Epoch milliseconds of CreateMultipartUpload. */
  initiated: number;
  attributes: PutAttributes;
}

/** One uploaded part. */
export interface PartRecord {
  partNumber: number;
  /** MD5 of the part in hex, without quotes. */
  etag: string;
  size: number;
  lastModified: number;
}

/** A part as CompleteMultipartUpload names it. */
export interface CompletedPart {
  PartNumber?: number;
  ETag?: string;
}

/** S3's smallest part, except the last: 5 MiB. */
export const MIN_PART_BYTES = 5 * 1024 * 1024;
const MAX_PART_NUMBER = 10_000;
const NO_SUCH_UPLOAD = 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.';

/** Multipart uploads: parts are files under `.s3-meta/uploads/<id>/`, joined into the object by CompleteMultipartUpload. */
export class MultipartStore {
  constructor(
    private readonly layout: S3Layout,
    private readonly buckets: BucketStore,
    private readonly objects: ObjectStore,
    private readonly now: () => number,
  ) {}

  /** Starts an upload and returns its record. */
  async create(bucket: string, key: string, attributes: PutAttributes): Promise<UploadRecord> {
    await this.buckets.require(bucket);
    this.layout.objectFile(bucket, key);
    const record: UploadRecord = { uploadId: randomUUID(), bucket, key, initiated: this.now(), attributes };
    await writeJsonAtomically(join(this.layout.uploadDir(record.uploadId), 'upload.json'), record);
    return record;
  }

  /** Stores one part (a part number uploaded again replaces the earlier one). */
  async uploadPart(bucket: string, key: string, uploadId: string, partNumber: number, body: Readable | Uint8Array | string | undefined, options: BodyOptions): Promise<PartRecord> {
    if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > MAX_PART_NUMBER) {
      throw refuse('InvalidArgument', `Part number must be an integer between 1 and ${MAX_PART_NUMBER}, inclusive`);
    }
    const upload = await this.require(bucket, key, uploadId);
    const received = await receiveBody(this.layout.tmpDir, body, options);
    const dir = this.layout.uploadDir(upload.uploadId);
    await rename(received.tmpFile, join(dir, `${partNumber}.part`));
    const part: PartRecord = { partNumber, etag: received.md5.toString('hex'), size: received.size, lastModified: this.now() };
    await writeJsonAtomically(join(dir, `${partNumber}.json`), part);
    return part;
  }

  /** The parts uploaded so far, by part number. */
  async parts(bucket: string, key: string, uploadId: string): Promise<{ upload: UploadRecord; parts: PartRecord[] }> {
    const upload = await this.require(bucket, key, uploadId);
    const dir = this.layout.uploadDir(uploadId);
    const names = (await readdir(dir)).filter((n) => /^\d+\.json$/.test(n));
    const parts = (await Promise.all(names.map((n) => readJson<PartRecord>(join(dir, n))))).filter((p): p is PartRecord => p !== undefined);
    return { upload, parts: parts.sort((a, b) => a.partNumber - b.partNumber) };
  }

  /** Joins the named parts into the object (ETag `<md5 of the parts' MD5s>-<count>`) and ends the upload. */
  async complete(bucket: string, key: string, uploadId: string, requested: CompletedPart[]): Promise<ObjectMeta> {
    const { upload, parts } = await this.parts(bucket, key, uploadId);
    if (requested.length === 0) throw refuse('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
    const byNumber = new Map(parts.map((p) => [p.partNumber, p]));
    const chosen: PartRecord[] = [];
    for (const [i, want] of requested.entries()) {
      if (i > 0 && (want.PartNumber ?? 0) <= (requested[i - 1].PartNumber ?? 0)) throw refuse('InvalidPartOrder', 'The list of parts was not in ascending order. The parts list must be specified in order by part number.');
      const part = byNumber.get(want.PartNumber ?? 0);
      if (!part || (want.ETag ?? '').replace(/"/g, '') !== part.etag) {
        throw refuse('InvalidPart', 'One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not have matched the part\'s entity tag.');
      }
      chosen.push(part);
    }
    const small = chosen.slice(0, -1).find((p) => p.size < MIN_PART_BYTES);
    if (small) throw refuse('EntityTooSmall', `Your proposed upload is smaller than the minimum allowed object size. Part ${small.partNumber} has ${small.size} bytes; each part but the last must be at least ${MIN_PART_BYTES}.`);
    const dir = this.layout.uploadDir(uploadId);
    await mkdir(this.layout.tmpDir, { recursive: true });
    const tmpFile = join(this.layout.tmpDir, randomUUID());
    try {
      // One pipeline for every part: a pipeline per part into one stream left listeners on it (up to 10,000 parts).
      await pipeline(concatenated(chosen.map((part) => join(dir, `${part.partNumber}.part`))), createWriteStream(tmpFile));
    } catch (error) {
      await rm(tmpFile, { force: true });
      throw error;
    }
    const digest = createHash('md5');
    for (const part of chosen) digest.update(Buffer.from(part.etag, 'hex'));
    const etag = `${digest.digest('hex')}-${chosen.length}`;
    const meta = await this.objects.install(bucket, key, this.layout.objectFile(bucket, key), tmpFile, { etag, partsCount: chosen.length }, upload.attributes);
    await rm(dir, { recursive: true, force: true });
    return meta;
  }

  /** Ends an upload and discards its parts. */
  async abort(bucket: string, key: string, uploadId: string): Promise<void> {
    await this.require(bucket, key, uploadId);
    await rm(this.layout.uploadDir(uploadId), { recursive: true, force: true });
  }

  /** The uploads in progress in a bucket whose keys start with a prefix, by key then initiation. */
  async list(bucket: string, prefix: string): Promise<UploadRecord[]> {
    await this.buckets.require(bucket);
    const ids = await readdir(this.layout.uploadsDir).catch(() => [] as string[]);
    const records = await Promise.all(ids.map((id) => readJson<UploadRecord>(join(this.layout.uploadsDir, id, 'upload.json'))));
    return records
      .filter((r): r is UploadRecord => r !== undefined && r.bucket === bucket && r.key.startsWith(prefix))
      .sort((a, b) => compareKeys(a.key, b.key) || a.initiated - b.initiated);
  }

  private async require(bucket: string, key: string, uploadId: string): Promise<UploadRecord> {
    await this.buckets.require(bucket);
    const record = await readJson<UploadRecord>(join(this.layout.uploadDir(uploadId), 'upload.json'));
    if (!record || record.bucket !== bucket || record.key !== key) throw refuse('NoSuchUpload', NO_SUCH_UPLOAD);
    return record;
  }
}

/** The bytes of the files one after the other. */
async function* concatenated(files: string[]): AsyncGenerator<Buffer> {
  for (const file of files) yield* createReadStream(file);
}
