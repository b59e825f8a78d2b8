import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { isBucketName, isInside } from '../shared/index.js';
import { refuse } from './refusal.js';

/**
 * Where the S3 stand-in keeps things. Objects are plain files, `<root>/<bucket>/<key>`, so the folder and the API
 * are two views of the same objects. What only S3 knows (content type, user metadata, ETag, versions, bucket
 * settings, multipart parts, temp files) lives under `<root>/.s3-meta/`: a bucket name cannot start with a dot, so
 * that folder is never a bucket, and per-key files are named by a hash of the key, so no key can collide with them.
 */
export class S3Layout {
  /** The folder of S3-only metadata, beside the buckets. */
  readonly metaRoot: string;
  /** Temp files, on the same file system as the buckets so a rename into place is atomic. */
  readonly tmpDir: string;
  /** In-progress multipart uploads, one folder per upload id. */
  readonly uploadsDir: string;

  constructor(readonly root: string) {
    this.root = resolve(root);
    this.metaRoot = join(this.root, '.s3-meta');
    this.tmpDir = join(this.metaRoot, 'tmp');
    this.uploadsDir = join(this.metaRoot, 'uploads');
  }

  /** The folder of a bucket; refuses a name S3 would not accept (which also keeps it inside the root). */
  bucketDir(bucket: string): string {
    if (!isBucketName(bucket)) throw refuse('InvalidBucketName', 'The specified bucket is not valid.');
    return join(this.root, bucket);
  }

  /** The folder of a bucket's S3-only metadata. */
  bucketMetaDir(bucket: string): string {
    return join(this.metaRoot, 'buckets', bucket);
  }

  /** The file of one key's S3-only metadata (content type, user metadata, ETag, version id). */
  objectMetaFile(bucket: string, key: string): string {
    return join(this.bucketMetaDir(bucket), 'objects', `${keyHash(key)}.json`);
  }

  /** The folder of one key's noncurrent versions and delete markers. */
  versionsDir(bucket: string, key: string): string {
    return join(this.bucketMetaDir(bucket), 'versions', keyHash(key));
  }

  /** The folder of one multipart upload; an id that is not one of ours names none. */
  uploadDir(uploadId: string): string {
    if (!/^[0-9a-f-]{36}$/.test(uploadId)) throw refuse('NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.');
    return join(this.uploadsDir, uploadId);
  }

  /** The file of an object; refuses keys S3 refuses and keys a folder cannot hold (empty, `.` or `..` segments). */
  objectFile(bucket: string, key: string): string {
    const dir = this.bucketDir(bucket);
    if (Buffer.byteLength(key, 'utf8') > 1024) throw refuse('KeyTooLongError', 'Your key is too long');
    if (key.length === 0) throw refuse('InvalidArgument', 'The key must not be empty');
    const segments = key.split('/');
    // S3 accepts these keys, but as files they would be a folder, the bucket itself, or outside it.
    if (key.includes('\0') || key.includes('\\') || segments.some((s) => s === '' || s === '.' || s === '..')) {
      throw refuse('InvalidArgument', `The key '${key.slice(0, 200)}' cannot be stored by codepipeline-local: keys are files under the bucket's folder, so they may not hold empty, '.' or '..' segments, a backslash or NUL`);
    }
    const file = resolve(dir, key);
    if (!isInside(dir, file)) throw refuse('InvalidArgument', `The key '${key.slice(0, 200)}' resolves outside its bucket`);
    return file;
  }
}

function keyHash(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
