import type { ObjectMeta } from './object-meta.js';
import { refuse } from './refusal.js';

/** The conditional headers of GET and HEAD; dates as epoch seconds. */
export interface Conditions {
  IfMatch?: string;
  IfNoneMatch?: string;
  IfModifiedSince?: number;
  IfUnmodifiedSince?: number;
}

function etagMatches(list: string, etag: string): boolean {
  return list.split(',').some((item) => {
    const tag = item.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
    return tag === '*' || tag === etag;
  });
}

/** Last-Modified as HTTP carries it: whole seconds. */
export function lastModifiedSeconds(meta: Pick<ObjectMeta, 'mtimeMs'>): number {
  return Math.floor(meta.mtimeMs / 1000);
}

/**
 * Applies RFC 7232 preconditions as S3 does: If-Match and If-Unmodified-Since fail with 412 PreconditionFailed,
 * If-None-Match and If-Modified-Since with 304 Not Modified; If-Match outranks If-Unmodified-Since and
 * If-None-Match outranks If-Modified-Since.
 */
export function checkConditions(meta: ObjectMeta, c: Conditions): void {
  const modified = lastModifiedSeconds(meta);
  const failed = 'At least one of the pre-conditions you specified did not hold';
  if (c.IfMatch !== undefined) {
    if (!etagMatches(c.IfMatch, meta.etag)) throw refuse('PreconditionFailed', failed);
  } else if (c.IfUnmodifiedSince !== undefined && modified > c.IfUnmodifiedSince) throw refuse('PreconditionFailed', failed);
  if (c.IfNoneMatch !== undefined) {
    if (etagMatches(c.IfNoneMatch, meta.etag)) throw refuse('NotModified', 'Not Modified');
  } else if (c.IfModifiedSince !== undefined && modified <= c.IfModifiedSince) throw refuse('NotModified', 'Not Modified');
}

/** The byte range a Range header asks for, inclusive. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Reads a single `bytes=` range against an object's size. A header S3 would ignore (malformed, several ranges)
 * gives undefined, so the whole object is sent; a range past the end is InvalidRange.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | undefined {
  const match = header === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  const unsatisfiable = () => refuse('InvalidRange', 'The requested range is not satisfiable');
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) throw unsatisfiable();
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (match[2] !== '' && Number(match[2]) < start) return undefined;
  if (start >= size) throw unsatisfiable();
  return { start, end };
}
