import type { CompletedPart, S3Storage } from '../../s3/index.js';
import { refuse } from '../../s3/index.js';
import type { RequestContext } from '../protocol/index.js';
import { attributesOf, bodyOptionsOf, quoted, type AttributeInput, type BodyInput } from './object-attributes.js';
import type { ObjectInput } from './objects.js';
import { ownerOf } from './owner.js';

/** A request naming an upload in progress. */
interface UploadInput extends ObjectInput {
  UploadId: string;
}

/** Starts a multipart upload; the object's headers and metadata are given now. */
export async function createMultipartUpload(storage: S3Storage, input: ObjectInput & AttributeInput) {
  const upload = await storage.multipart.create(input.Bucket, input.Key, attributesOf(input));
  return { Bucket: input.Bucket, Key: input.Key, UploadId: upload.uploadId };
}

/** Stores one part from a streamed body. */
export async function uploadPart(storage: S3Storage, input: UploadInput & BodyInput & { PartNumber: number }) {
  const part = await storage.multipart.uploadPart(input.Bucket, input.Key, input.UploadId, input.PartNumber, input.Body, bodyOptionsOf(input));
  return { ETag: quoted(part.etag) };
}

/** Joins the parts into the object. */
export async function completeMultipartUpload(storage: S3Storage, input: UploadInput & { MultipartUpload?: { Parts?: CompletedPart[] } }) {
  const meta = await storage.multipart.complete(input.Bucket, input.Key, input.UploadId, input.MultipartUpload?.Parts ?? []);
  return { Location: `/${input.Bucket}/${input.Key}`, Bucket: input.Bucket, Key: input.Key, ETag: quoted(meta.etag) };
}

/** Ends an upload and discards its parts. */
export async function abortMultipartUpload(storage: S3Storage, input: UploadInput) {
  await storage.multipart.abort(input.Bucket, input.Key, input.UploadId);
  return {};
}

/** Lists an upload's parts, paged by part number. */
export async function listParts(storage: S3Storage, input: UploadInput & { MaxParts?: number; PartNumberMarker?: string }, ctx: RequestContext) {
  const { parts } = await storage.multipart.parts(input.Bucket, input.Key, input.UploadId);
  const marker = Number(input.PartNumberMarker ?? 0);
  if (!Number.isInteger(marker) || marker < 0) throw refuse('InvalidArgument', 'Part number marker must be a non-negative integer');
  const max = Math.min(input.MaxParts ?? 1000, 1000);
  const after = parts.filter((p) => p.partNumber > marker);
  const page = after.slice(0, max);
  const truncated = after.length > page.length;
  return {
    Bucket: input.Bucket,
    Key: input.Key,
    UploadId: input.UploadId,
    PartNumberMarker: String(marker),
    MaxParts: max,
    IsTruncated: truncated,
    ...(page.length ? { NextPartNumberMarker: String(page.at(-1)!.partNumber) } : {}),
    Parts: page.map((p) => ({ PartNumber: p.partNumber, ETag: quoted(p.etag), Size: p.size, LastModified: new Date(p.lastModified) })),
    Initiator: { ID: ownerOf(ctx).ID, DisplayName: ownerOf(ctx).DisplayName },
    Owner: ownerOf(ctx),
    StorageClass: 'STANDARD',
  };
}

/** Lists a bucket's uploads in progress whose keys start with a prefix. */
export async function listMultipartUploads(storage: S3Storage, input: { Bucket: string; Prefix?: string; MaxUploads?: number }, ctx: RequestContext) {
  const uploads = await storage.multipart.list(input.Bucket, input.Prefix ?? '');
  const max = Math.min(input.MaxUploads ?? 1000, 1000);
  const page = uploads.slice(0, max);
  return {
    Bucket: input.Bucket,
    Prefix: input.Prefix ?? '',
    MaxUploads: max,
    IsTruncated: uploads.length > page.length,
    ...(uploads.length > page.length ? { NextKeyMarker: page.at(-1)!.key, NextUploadIdMarker: page.at(-1)!.uploadId } : {}),
    Uploads: page.map((u) => ({ UploadId: u.uploadId, Key: u.key, Initiated: new Date(u.initiated), StorageClass: 'STANDARD', Owner: ownerOf(ctx), Initiator: ownerOf(ctx) })),
  };
}
