import { buffer } from 'node:stream/consumers';
import { openObject, S3Refusal, type OpenedObject, type S3Storage } from '../s3/index.js';
import { objectVersionId, type S3FolderObject } from './s3-folder.js';

/** The user metadata whose value AWS shows as an S3 source revision's summary (`x-amz-meta-codepipeline-artifact-revision-summary`). */
export const REVISION_SUMMARY_METADATA = 'codepipeline-artifact-revision-summary';

// Refusals that mean "no such object (or version)" rather than a fault: the caller says which in AWS's words.
const ABSENT = new Set(['NoSuchKey', 'NoSuchVersion', 'NoSuchBucket', 'MethodNotAllowed', 'InvalidArgument', 'InvalidBucketName', 'KeyTooLongError']);

/**
 * Reads an S3 source object (its current version, or the version asked for) through the S3 stand-in; undefined when
 * there is none. On a versioned bucket the revision is S3's version id. An object without one (an unversioned bucket,
 * or a file copied straight into the folder) gets a version id derived from its bytes (see objectVersionId).
 */
export async function readS3Object(s3: S3Storage, bucket: string, key: string, versionId?: string): Promise<S3FolderObject | undefined> {
  let opened: OpenedObject;
  try {
    opened = await openObject(s3, { bucket, key, versionId });
  } catch (error) {
    if (error instanceof S3Refusal && ABSENT.has(error.code)) return undefined;
    throw error;
  }
  const bytes = await buffer(opened.body);
  const { meta } = opened;
  const versioned = meta.versionId !== 'null';
  const summary = meta.metadata[REVISION_SUMMARY_METADATA];
  return {
    bytes,
    versionId: versioned ? meta.versionId : objectVersionId(bytes),
    eTag: meta.etag,
    modifiedMs: meta.mtimeMs,
    s3Versioned: versioned,
    ...(summary ? { summary } : {}),
  };
}
