import { createReadStream } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isInside } from '../../shared/index.js';

// An S3 bucket name as CodePipeline's artifact store accepts it (ArtifactStoreLocation).
const BUCKET = /^[A-Za-z0-9.-]{3,63}$/;
const KEY_SEGMENT = /^[A-Za-z0-9!_.*'()@=+,;:$ -]+$/;

/** An artifact zip to send, or why there is none. */
export type ArtifactLookup = { found: true; path: string; size: number } | { found: false; status: 400 | 404; message: string };

/**
 * Finds the zip of an artifact kept at `<artifactsDir>/<bucket>/<key>` (the `s3location` ListActionExecutions
 * reports), refusing any bucket or key that could name a file outside that folder.
 */
export async function findArtifact(artifactsDir: string, bucket: string, key: string): Promise<ArtifactLookup> {
  const segments = key.split('/');
  const badSegment = segments.some((s) => s === '' || s === '.' || s === '..' || !KEY_SEGMENT.test(s));
  if (!BUCKET.test(bucket) || bucket.startsWith('.') || badSegment) return { found: false, status: 400, message: `Not an artifact location: ${bucket}/${key}` };
  const root = resolve(artifactsDir);
  const path = resolve(root, bucket, ...segments);
  if (!isInside(root, path)) return { found: false, status: 400, message: `Not an artifact location: ${bucket}/${key}` };
  try {
    const info = await lstat(path);
    // lstat, not stat: a symbolic link planted in the store must not expose what it points at.
    if (info.isFile()) return { found: true, path, size: info.size };
  } catch {
    // Falls through to the answer below: a missing file is the usual case after the retention rule ran.
  }
  return { found: false, status: 404, message: `No artifact at ${bucket}/${key}: it may have been deleted by the retention rule (the artifacts of all but a pipeline's 20 newest executions are).` };
}

/** A file name for the download: the artifact's name when the page gave a safe one, else the key's last segment. */
export function downloadName(requested: string | undefined, key: string): string {
  const base = requested && /^[A-Za-z0-9_.-]{1,100}$/.test(requested) ? requested : (key.split('/').pop() ?? 'artifact');
  return base.endsWith('.zip') ? base : `${base}.zip`;
}

/** Opens the zip for streaming to the browser. */
export function artifactStream(path: string): NodeJS.ReadableStream {
  return createReadStream(path);
}
