import { decodeNextToken, encodeNextToken } from '../protocol/index.js';
import { InvalidInputException } from './errors.js';

/** IAM's default page size when MaxItems is not given. */
const DEFAULT_MAX_ITEMS = 100;

/** One page of an IAM list: its items, IsTruncated and the Marker of the next page. */
export function iamPage<T>(all: T[], marker: string | undefined, maxItems: number | undefined): { items: T[]; IsTruncated: boolean; Marker?: string } {
  const start = marker === undefined ? 0 : decodeNextToken(marker)?.offset;
  if (typeof start !== 'number') throw new InvalidInputException('Invalid Marker.'); // wording inferred
  const end = start + (maxItems ?? DEFAULT_MAX_ITEMS);
  return { items: all.slice(start, end), IsTruncated: end < all.length, ...(end < all.length ? { Marker: encodeNextToken({ offset: end }) } : {}) };
}
