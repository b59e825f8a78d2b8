import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Orders keys as S3 does: by their UTF-8 bytes. */
export function compareKeys(a: string, b: string): number {
  return a === b ? 0 : Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * Lists the keys of a bucket's folder that start with a prefix, in S3's order: every regular file below it, its
 * path the key. The walk starts at the deepest folder the prefix names; symbolic links are not followed.
 */
export async function listKeys(bucketDir: string, prefix: string): Promise<string[]> {
  const slash = prefix.lastIndexOf('/');
  const base = slash < 0 ? '' : prefix.slice(0, slash + 1);
  const keys: string[] = [];
  await walk(bucketDir, base, keys);
  return keys.filter((k) => k.startsWith(prefix)).sort(compareKeys);
}

async function walk(bucketDir: string, relative: string, out: string[]): Promise<void> {
  if (relative.split('/').some((s) => s === '..' || s === '.')) return;
  const entries = await readdir(join(bucketDir, relative), { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const key = `${relative}${entry.name}`;
    if (entry.isDirectory()) await walk(bucketDir, `${key}/`, out);
    else if (entry.isFile()) out.push(key);
  }
}

/** How to cut one page out of a sorted key list. */
export interface PageRequest {
  prefix: string;
  delimiter?: string;
  /** Only keys after this one (StartAfter, or where a continuation token left off). */
  after?: string;
  maxKeys: number;
}

/** One page: the keys listed, the common prefixes rolled up by the delimiter, and where the next page starts. */
export interface KeyPage {
  keys: string[];
  commonPrefixes: string[];
  isTruncated: boolean;
  /** The last key this page covered (inside a common prefix, the last key rolled up). */
  lastKey?: string;
}

/** Pages a sorted key list the way ListObjects does: common prefixes count as one entry each. */
export function pageKeys(sorted: string[], request: PageRequest): KeyPage {
  const page: KeyPage = { keys: [], commonPrefixes: [], isTruncated: false };
  const { prefix, delimiter, after, maxKeys } = request;
  let i = after === undefined ? 0 : sorted.findIndex((k) => compareKeys(k, after) > 0);
  if (i < 0) i = sorted.length;
  for (; i < sorted.length; i++) {
    const key = sorted[i];
    const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
    const common = cut < 0 ? undefined : key.slice(0, cut + delimiter!.length);
    if (common !== undefined && common === page.commonPrefixes.at(-1)) {
      page.lastKey = key;
      continue;
    }
    if (page.keys.length + page.commonPrefixes.length >= maxKeys) {
      page.isTruncated = true;
      break;
    }
    if (common !== undefined) page.commonPrefixes.push(common);
    else page.keys.push(key);
    page.lastKey = key;
  }
  return page;
}
