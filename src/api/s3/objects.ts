import type { Conditions, S3Storage } from '../../s3/index.js';
import { refuse } from '../../s3/index.js';
import { HTTP_STATUS } from '../protocol/index.js';
import { attributesOf, bodyOptionsOf, objectHeaders, quoted, type AttributeInput, type BodyInput } from './object-attributes.js';

/** A request naming an object. */
export interface ObjectInput {
  Bucket: string;
  Key: string;
  VersionId?: string;
}

/** GetObject's members that change what is sent. */
export interface GetInput extends ObjectInput, Conditions {
  Range?: string;
  ResponseCacheControl?: string;
  ResponseContentDisposition?: string;
  ResponseContentEncoding?: string;
  ResponseContentLanguage?: string;
  ResponseContentType?: string;
}

/** Stores an object from a streamed body, checked against Content-MD5. */
export async function putObject(storage: S3Storage, input: ObjectInput & AttributeInput & BodyInput) {
  const meta = await storage.objects.put(input.Bucket, input.Key, input.Body, attributesOf(input), bodyOptionsOf(input));
  return { ETag: quoted(meta.etag), ...(meta.versionId !== 'null' ? { VersionId: meta.versionId } : {}) };
}

/** Streams an object (or the range asked for), its stored headers and user metadata; 304/412 by the conditional headers. */
export async function getObject(storage: S3Storage, input: GetInput) {
  const opened = input.VersionId === undefined
    ? await storage.objects.open(input.Bucket, input.Key, input, input.Range)
    : await storage.versioned.open(input.Bucket, input.Key, input.VersionId, input, input.Range);
  const { meta, range } = opened;
  const overrides = {
    ...(input.ResponseCacheControl ? { CacheControl: input.ResponseCacheControl } : {}),
    ...(input.ResponseContentDisposition ? { ContentDisposition: input.ResponseContentDisposition } : {}),
    ...(input.ResponseContentEncoding ? { ContentEncoding: input.ResponseContentEncoding } : {}),
    ...(input.ResponseContentLanguage ? { ContentLanguage: input.ResponseContentLanguage } : {}),
    ...(input.ResponseContentType ? { ContentType: input.ResponseContentType } : {}),
  };
  const ranged = range ? { ContentLength: range.end - range.start + 1, ContentRange: `bytes ${range.start}-${range.end}/${meta.size}`, [HTTP_STATUS]: 206 } : {};
  return { ...objectHeaders(meta), ...overrides, ...ranged, Body: opened.body };
}

/** An object's headers without its bytes. */
export async function headObject(storage: S3Storage, input: ObjectInput & Conditions) {
  const meta = input.VersionId === undefined ? await storage.objects.head(input.Bucket, input.Key, input) : await storage.versioned.head(input.Bucket, input.Key, input.VersionId, input);
  return objectHeaders(meta);
}

/** Deletes an object (a delete marker on a versioned bucket) or one version; deleting an absent key succeeds, as in S3. */
export async function deleteObject(storage: S3Storage, input: ObjectInput) {
  const outcome = await storage.versioned.delete(input.Bucket, input.Key, input.VersionId);
  return { DeleteMarker: outcome.deleteMarker, VersionId: outcome.versionId };
}

/** Deletes up to 1,000 objects, reporting each key deleted (unless Quiet) or the error that kept it. */
export async function deleteObjects(storage: S3Storage, input: { Bucket: string; Delete: { Objects: { Key: string; VersionId?: string }[]; Quiet?: boolean } }) {
  await storage.buckets.require(input.Bucket);
  if (input.Delete.Objects.length > 1000) throw refuse('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
  const Deleted: { Key: string; VersionId?: string; DeleteMarker?: boolean; DeleteMarkerVersionId?: string }[] = [];
  const Errors: { Key: string; Code: string; Message: string }[] = [];
  for (const { Key, VersionId } of input.Delete.Objects) {
    try {
      const outcome = await storage.versioned.delete(input.Bucket, Key, VersionId);
      const marker = outcome.deleteMarker ? { DeleteMarker: true, DeleteMarkerVersionId: outcome.versionId } : {};
      if (!input.Delete.Quiet) Deleted.push({ Key, ...(VersionId ? { VersionId } : {}), ...marker });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (!code) throw error;
      Errors.push({ Key, Code: code, Message: (error as Error).message });
    }
  }
  return { Deleted, Errors };
}

/** The bucket, key and version an `x-amz-copy-source` header names (`bucket/key[?versionId=...]`, URL-encoded). */
export function parseCopySource(header: string): { bucket: string; key: string; versionId?: string } {
  const [path, query] = header.split('?', 2);
  let decoded: string;
  try {
    decoded = decodeURIComponent(path).replace(/^\//, '');
  } catch {
    throw refuse('InvalidArgument', 'Invalid copy source encoding');
  }
  const slash = decoded.indexOf('/');
  if (slash <= 0 || slash === decoded.length - 1) throw refuse('InvalidArgument', 'Copy Source must mention the source bucket and key: sourcebucket/sourcekey');
  const versionId = query ? (new URLSearchParams(query).get('versionId') ?? undefined) : undefined;
  return { bucket: decoded.slice(0, slash), key: decoded.slice(slash + 1), ...(versionId ? { versionId } : {}) };
}

/** Copies an object (metadata copied, or replaced with MetadataDirective REPLACE). */
export async function copyObject(
  storage: S3Storage,
  input: ObjectInput & AttributeInput & { CopySource: string; MetadataDirective?: string; CopySourceIfMatch?: string; CopySourceIfNoneMatch?: string; CopySourceIfModifiedSince?: number; CopySourceIfUnmodifiedSince?: number },
) {
  const source = parseCopySource(input.CopySource);
  const replace = input.MetadataDirective === 'REPLACE' ? attributesOf(input) : undefined;
  const conditions: Conditions = { IfMatch: input.CopySourceIfMatch, IfNoneMatch: input.CopySourceIfNoneMatch, IfModifiedSince: input.CopySourceIfModifiedSince, IfUnmodifiedSince: input.CopySourceIfUnmodifiedSince };
  const from = await storage.versioned.copySource(source.bucket, source.key, source.versionId, conditions).catch((error: { code?: string }) => {
    // A copy's unmet If-None-Match or If-Modified-Since is a 412, not a 304.
    if (error.code === 'NotModified') throw refuse('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold');
    throw error;
  });
  const meta = await storage.objects.copy(from, input.Bucket, input.Key, replace);
  return {
    CopyObjectResult: { ETag: quoted(meta.etag), LastModified: new Date(Math.floor(meta.mtimeMs / 1000) * 1000) },
    ...(source.versionId ? { CopySourceVersionId: source.versionId } : {}),
    ...(meta.versionId !== 'null' ? { VersionId: meta.versionId } : {}),
  };
}
