/** Encodes a page position as an opaque `nextToken`, as AWS's are opaque to clients. */
export function encodeNextToken(position: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify({ v: 1, ...position }), 'utf8').toString('base64url');
}

/** Decodes a `nextToken` made by encodeNextToken; undefined when it is not one of ours. */
export function decodeNextToken(token: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && value.v === 1 ? value : undefined;
  } catch {
    return undefined;
  }
}

/** One page of a list that is paged by position. */
export interface OffsetPage<T> {
  items: T[];
  nextToken?: string;
}

/** Cuts one page out of a list by position; `invalidToken` builds the service's error for a token we did not issue. */
export function pageByOffset<T>(all: T[], nextToken: string | undefined, pageSize: number | undefined, invalidToken: () => Error): OffsetPage<T> {
  const start = nextToken === undefined ? 0 : decodeNextToken(nextToken)?.offset;
  if (typeof start !== 'number') throw invalidToken();
  const end = pageSize === undefined ? all.length : start + pageSize;
  return { items: all.slice(start, end), ...(end < all.length ? { nextToken: encodeNextToken({ offset: end }) } : {}) };
}
