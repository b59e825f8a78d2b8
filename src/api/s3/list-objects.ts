import { refuse, type ObjectMeta, type ObjectPage, type S3Storage } from '../../s3/index.js';
import { decodeNextToken, encodeNextToken, type RequestContext } from '../protocol/index.js';
import { quoted } from './object-attributes.js';
import { ownerOf } from './owner.js';

/** The members ListObjects and ListObjectsV2 share. */
interface ListInput {
  Bucket: string;
  Prefix?: string;
  Delimiter?: string;
  MaxKeys?: number;
  EncodingType?: string;
}

const MAX_KEYS = 1000;

/** Encodes keys the way `encoding-type=url` asks (the AWS CLI asks, then decodes them). */
function encoder(type: string | undefined): (text: string) => string {
  if (type === undefined) return (text) => text;
  if (type !== 'url') throw refuse('InvalidArgument', 'Invalid Encoding Method specified in Request');
  return (text) => encodeURIComponent(text);
}

function maxKeys(value: number | undefined): number {
  if (value === undefined) return MAX_KEYS;
  if (value < 0) throw refuse('InvalidArgument', 'maxKeys should be non-negative');
  return Math.min(value, MAX_KEYS);
}

function listing(page: ObjectPage, input: ListInput, encode: (text: string) => string, owner?: { ID: string; DisplayName: string }) {
  return {
    Name: input.Bucket,
    Prefix: encode(input.Prefix ?? ''),
    ...(input.Delimiter ? { Delimiter: encode(input.Delimiter) } : {}),
    MaxKeys: maxKeys(input.MaxKeys),
    IsTruncated: page.isTruncated,
    ...(input.EncodingType ? { EncodingType: input.EncodingType } : {}),
    Contents: page.objects.map((o: ObjectMeta) => ({
      Key: encode(o.key),
      LastModified: new Date(Math.floor(o.mtimeMs / 1000) * 1000),
      ETag: quoted(o.etag),
      Size: o.size,
      StorageClass: 'STANDARD',
      ...(owner ? { Owner: owner } : {}),
    })),
    CommonPrefixes: page.commonPrefixes.map((p) => ({ Prefix: encode(p) })),
  };
}

/** Lists a bucket's keys (ListObjectsV2): prefix, delimiter, start-after, max-keys and opaque continuation tokens. */
export async function listObjectsV2(storage: S3Storage, input: ListInput & { ContinuationToken?: string; StartAfter?: string; FetchOwner?: boolean }, ctx: RequestContext) {
  const encode = encoder(input.EncodingType);
  let after = input.StartAfter;
  if (input.ContinuationToken !== undefined) {
    const position = decodeNextToken(input.ContinuationToken);
    if (typeof position?.after !== 'string') throw refuse('InvalidArgument', 'The continuation token provided is incorrect');
    after = position.after;
  }
  const page = await storage.objects.list(input.Bucket, { prefix: input.Prefix ?? '', delimiter: input.Delimiter || undefined, after, maxKeys: maxKeys(input.MaxKeys) });
  return {
    ...listing(page, input, encode, input.FetchOwner ? ownerOf(ctx) : undefined),
    KeyCount: page.objects.length + page.commonPrefixes.length,
    ...(input.ContinuationToken !== undefined ? { ContinuationToken: input.ContinuationToken } : {}),
    ...(input.StartAfter !== undefined ? { StartAfter: encode(input.StartAfter) } : {}),
    ...(page.isTruncated && page.lastKey !== undefined ? { NextContinuationToken: encodeNextToken({ after: page.lastKey }) } : {}),
  };
}

/** Lists a bucket's keys (ListObjects, version 1): as V2, paged by Marker; NextMarker is sent when a delimiter is. */
export async function listObjects(storage: S3Storage, input: ListInput & { Marker?: string }, ctx: RequestContext) {
  const encode = encoder(input.EncodingType);
  const page = await storage.objects.list(input.Bucket, { prefix: input.Prefix ?? '', delimiter: input.Delimiter || undefined, after: input.Marker || undefined, maxKeys: maxKeys(input.MaxKeys) });
  return {
    ...listing(page, input, encode, ownerOf(ctx)),
    Marker: encode(input.Marker ?? ''),
    ...(page.isTruncated && input.Delimiter && page.lastKey !== undefined ? { NextMarker: encode(page.lastKey) } : {}),
  };
}
