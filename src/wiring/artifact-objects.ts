import { existsSync, rmSync } from 'node:fs';
import type { ArtifactLocation, ArtifactObjects } from '../engine/index.js';
import { S3Refusal, type S3Storage } from '../s3/index.js';
import { objectPath, type Logger } from '../shared/index.js';

/**
 * Makes sure an artifact bucket exists, creating it in the artifact store's region with an info log line when it
 * does not (as the console creates its default `codepipeline-<region>-<n>` bucket).
 */
export async function ensureArtifactBucket(s3: S3Storage, bucket: string, region: string, log: Logger): Promise<void> {
  try {
    await s3.buckets.require(bucket);
  } catch (error) {
    if (!(error instanceof S3Refusal) || error.code !== 'NoSuchBucket') throw error;
    try {
      await s3.buckets.create(bucket, region === 'us-east-1' ? undefined : region);
      log.info({ bucket, region }, `created the artifact bucket ${bucket}: a pipeline keeps its artifacts there`);
    } catch (raced) {
      // Two actions storing their first artifacts at once: the other one made it.
      if (!(raced instanceof S3Refusal) || raced.code !== 'BucketAlreadyOwnedByYou') throw raced;
    }
  }
}

/**
 * The artifact store over the S3 stand-in: artifacts are objects of the pipeline's artifact bucket, so `aws s3 ls`
 * lists them and `aws s3 cp` fetches them. A bucket that does not exist yet is created on first use, as the console
 * creates its default `codepipeline-<region>-<n>` bucket. Artifacts that executions of earlier versions kept under
 * `legacyDir` (`<dataDir>/artifacts/<bucket>/<key>`) stay readable and are deleted by the retention rule there.
 */
export function s3ArtifactObjects(s3: S3Storage, legacyDir: string, log: Logger): ArtifactObjects {
  const legacyPath = ({ bucket, key }: ArtifactLocation) => objectPath(legacyDir, bucket, key);
  return {
    async put(location, zipPath, region) {
      try {
        // A stat per artifact: a bucket deleted meanwhile (aws s3 rb) is made again by the next artifact.
        await ensureArtifactBucket(s3, location.bucket, region, log);
        await s3.putFile(location.bucket, location.key, zipPath, { headers: { ContentType: 'application/zip' }, metadata: {} });
      } catch (error) {
        if (error instanceof S3Refusal) throw new Error(`The artifact could not be stored as s3://${location.bucket}/${location.key}: ${error.message}`, { cause: error });
        throw error;
      }
    },
    pathOf(location) {
      const file = objectFile(s3, location);
      if (file && existsSync(file)) return file;
      const legacy = legacyPath(location);
      if (legacy && existsSync(legacy)) return legacy;
      if (file) return file;
      throw new Error(`Artifact location ${location.bucket}/${location.key} can name no S3 object`);
    },
    async remove(locations) {
      for (const location of locations) {
        const legacy = legacyPath(location);
        if (legacy) rmSync(legacy, { force: true });
        await removeObject(s3, location).catch((error: unknown) => {
          if (!(error instanceof S3Refusal)) throw error;
        });
      }
    },
  };
}

/** The file of an object, or undefined for a bucket or key S3 would refuse (a record from before S3 existed may hold one). */
function objectFile(s3: S3Storage, { bucket, key }: ArtifactLocation): string | undefined {
  try {
    return s3.layout.objectFile(bucket, key);
  } catch {
    return undefined;
  }
}

/** Deletes an artifact object for good: on a versioned bucket, its version (a plain delete would leave a delete marker and the bytes). */
async function removeObject(s3: S3Storage, { bucket, key }: ArtifactLocation): Promise<void> {
  await s3.buckets.require(bucket);
  const current = await s3.objects.current(bucket, key);
  if (!current) return;
  if (current.versionId === 'null') await s3.objects.delete(bucket, key);
  else await s3.versioned.delete(bucket, key, current.versionId);
}
