import { DEFAULT_CONTENT_TYPE, lastModifiedSeconds, type BodyOptions, type ObjectMeta, type PutAttributes } from '../../s3/index.js';
import type { Readable } from 'node:stream';

/** The members of PutObject, CreateMultipartUpload and CopyObject that S3 stores with an object. */
export interface AttributeInput {
  CacheControl?: string;
  ContentDisposition?: string;
  ContentEncoding?: string;
  ContentLanguage?: string;
  ContentType?: string;
  Metadata?: Record<string, string>;
}

/** The members of an upload that describe its body. */
export interface BodyInput {
  Body?: Readable | Uint8Array | string;
  ContentMD5?: string;
  ContentLength?: number;
  ContentEncoding?: string;
}

/** `aws-chunked` is how the body travelled, not how the object is encoded: S3 strips it from what it stores. */
function storedEncoding(value: string | undefined): string | undefined {
  const rest = value?.split(',').map((s) => s.trim()).filter((s) => s && s !== 'aws-chunked');
  return rest?.length ? rest.join(',') : undefined;
}

/** What an upload request asks S3 to store besides the bytes; metadata names in lower case, as S3 keeps them. */
export function attributesOf(input: AttributeInput): PutAttributes {
  const metadata: Record<string, string> = {};
  for (const [k, v] of Object.entries(input.Metadata ?? {})) metadata[k.toLowerCase()] = v;
  const headers = {
    CacheControl: input.CacheControl,
    ContentDisposition: input.ContentDisposition,
    ContentEncoding: storedEncoding(input.ContentEncoding),
    ContentLanguage: input.ContentLanguage,
    ContentType: input.ContentType,
  };
  return { headers: JSON.parse(JSON.stringify(headers)), metadata };
}

/** How an upload's body is to be read: aws-chunked or plain, against its Content-MD5 and Content-Length. */
export function bodyOptionsOf(input: BodyInput): BodyOptions {
  const awsChunked = input.ContentEncoding?.split(',').some((s) => s.trim() === 'aws-chunked') ?? false;
  return { awsChunked, contentMd5: input.ContentMD5, expectedSize: input.ContentLength };
}

/** The headers GET and HEAD send for an object: its stored representation headers, ETag, size and date. */
export function objectHeaders(meta: ObjectMeta) {
  return {
    ...meta.headers,
    ContentType: meta.headers.ContentType ?? DEFAULT_CONTENT_TYPE,
    ETag: quoted(meta.etag),
    LastModified: new Date(lastModifiedSeconds(meta) * 1000),
    ContentLength: meta.size,
    Metadata: meta.metadata,
    AcceptRanges: 'bytes',
    ...(meta.versionId !== 'null' ? { VersionId: meta.versionId } : {}),
    ...(meta.sseKmsKeyId ? { ServerSideEncryption: 'aws:kms' as const, SSEKMSKeyId: meta.sseKmsKeyId } : {}),
  };
}

/** An ETag as S3 sends it: in double quotes. */
export function quoted(etag: string): string {
  return `"${etag}"`;
}
