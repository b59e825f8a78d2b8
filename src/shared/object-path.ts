import { resolve } from 'node:path';
import { isInside } from './path-containment.js';

// Names a folder of the S3 stand-in may have: S3's bucket characters, plus the upper case older buckets allowed.
const BUCKET_FOLDER = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;

// S3's bucket naming rules: 3 to 63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit.
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Whether a name follows S3's bucket naming rules (which also keep it inside the S3 folder). */
export function isBucketName(name: string): boolean {
  return BUCKET_NAME.test(name) && !name.includes('..');
}

/** Whether a slash-separated path has a `.` or `..` segment (one that would climb out of where it is joined). */
export function hasDotSegment(path: string): boolean {
  return path.split(/[/\\]/).some((part) => part === '.' || part === '..');
}

/**
 * Returns the file standing in for `s3://<bucket>/<key>`: `<s3Dir>/<bucket>/<key>`, or undefined when the bucket
 * or key is not a valid name or would leave the bucket's folder (`..`, absolute keys, empty segments).
 */
export function objectPath(s3Dir: string, bucket: string, key: string): string | undefined {
  if (!BUCKET_FOLDER.test(bucket) || bucket.includes('..')) return undefined;
  if (key.length === 0 || key.length > 1024 || key.includes('\0') || key.includes('\\') || key.startsWith('/')) return undefined;
  if (key.split('/').some((part) => part === '' || part === '.' || part === '..')) return undefined;
  const bucketDir = resolve(s3Dir, bucket);
  const path = resolve(bucketDir, key);
  return isInside(bucketDir, path) ? path : undefined;
}
