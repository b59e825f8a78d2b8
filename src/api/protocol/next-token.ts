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
