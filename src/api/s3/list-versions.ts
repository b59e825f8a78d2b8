import { refuse, type S3Storage } from '../../s3/index.js';
import type { RequestContext } from '../protocol/index.js';
import { quoted } from './object-attributes.js';
import { ownerOf } from './owner.js';

/** Lists every version and delete marker of a bucket's keys under a prefix, paged by key and version id markers. */
export async function listObjectVersions(
  storage: S3Storage,
  input: { Bucket: string; Prefix?: string; KeyMarker?: string; VersionIdMarker?: string; MaxKeys?: number; EncodingType?: string },
  ctx: RequestContext,
) {
  if (input.MaxKeys !== undefined && input.MaxKeys < 0) throw refuse('InvalidArgument', 'maxKeys should be non-negative');
  if (input.EncodingType !== undefined && input.EncodingType !== 'url') throw refuse('InvalidArgument', 'Invalid Encoding Method specified in Request');
  const encode = input.EncodingType === 'url' ? encodeURIComponent : (text: string) => text;
  const maxKeys = Math.min(input.MaxKeys ?? 1000, 1000);
  const { entries, isTruncated } = await storage.versioned.list(input.Bucket, input.Prefix ?? '', { key: input.KeyMarker || undefined, versionId: input.VersionIdMarker || undefined }, maxKeys);
  const owner = ownerOf(ctx);
  const last = entries.at(-1);
  const when = (ms: number) => new Date(Math.floor(ms / 1000) * 1000);
  return {
    Name: input.Bucket,
    Prefix: encode(input.Prefix ?? ''),
    KeyMarker: encode(input.KeyMarker ?? ''),
    VersionIdMarker: input.VersionIdMarker ?? '',
    MaxKeys: maxKeys,
    IsTruncated: isTruncated,
    ...(input.EncodingType ? { EncodingType: input.EncodingType } : {}),
    ...(isTruncated && last ? { NextKeyMarker: encode(last.key), NextVersionIdMarker: last.versionId } : {}),
    Versions: entries
      .filter((e) => !e.deleteMarker && e.meta)
      .map((e) => ({ ETag: quoted(e.meta!.etag), Size: e.meta!.size, StorageClass: 'STANDARD', Key: encode(e.key), VersionId: e.versionId, IsLatest: e.isLatest, LastModified: when(e.lastModifiedMs), Owner: owner })),
    DeleteMarkers: entries
      .filter((e) => e.deleteMarker)
      .map((e) => ({ Owner: owner, Key: encode(e.key), VersionId: e.versionId, IsLatest: e.isLatest, LastModified: when(e.lastModifiedMs) })),
  };
}
