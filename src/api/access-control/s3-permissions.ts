import { str, struct, type CallInput, type NeededPermission } from './call-scope.js';

// S3's IAM actions are not its operation names (ListObjectsV2 is s3:ListBucket, HeadObject s3:GetObject, the
// multipart steps s3:PutObject): the Service Authorization Reference's mapping for the operations emulated. An
// operation not listed here is `s3:<Operation>`, which holds for the bucket and object configuration calls.

const BUCKET_ACTIONS: Record<string, string> = {
  ListObjects: 's3:ListBucket',
  ListObjectsV2: 's3:ListBucket',
  HeadBucket: 's3:ListBucket',
  ListObjectVersions: 's3:ListBucketVersions',
  ListMultipartUploads: 's3:ListBucketMultipartUploads',
};

const OBJECT_ACTIONS: Record<string, string> = {
  GetObject: 's3:GetObject',
  HeadObject: 's3:GetObject',
  PutObject: 's3:PutObject',
  CreateMultipartUpload: 's3:PutObject',
  UploadPart: 's3:PutObject',
  UploadPartCopy: 's3:PutObject',
  CompleteMultipartUpload: 's3:PutObject',
  CopyObject: 's3:PutObject',
  ListParts: 's3:ListMultipartUploadParts',
  DeleteObject: 's3:DeleteObject',
};

/** A versioned read or delete names the version's own action. */
const VERSIONED: Record<string, string> = { 's3:GetObject': 's3:GetObjectVersion', 's3:DeleteObject': 's3:DeleteObjectVersion' };

/** The permissions an S3 call needs, on `arn:aws:s3:::<bucket>` or `arn:aws:s3:::<bucket>/<key>`. */
export function s3Permissions(operation: string, input: CallInput): NeededPermission[] {
  const bucket = str(input, 'Bucket');
  if (operation === 'ListBuckets') return [{ action: 's3:ListAllMyBuckets', resources: ['*'] }];
  const bucketArn = `arn:aws:s3:::${bucket}`;
  if (Object.hasOwn(BUCKET_ACTIONS, operation)) return [{ action: BUCKET_ACTIONS[operation], resources: [bucketArn] }];
  if (operation === 'DeleteObjects') {
    const objects = (struct(input, 'Delete')?.Objects as CallInput[] | undefined) ?? [];
    return [{ action: 's3:DeleteObject', resources: objects.map((o) => `${bucketArn}/${str(o, 'Key')}`) }];
  }
  const key = str(input, 'Key');
  if (key === undefined) return [{ action: `s3:${operation}`, resources: [bucketArn] }];
  const base = Object.hasOwn(OBJECT_ACTIONS, operation) ? OBJECT_ACTIONS[operation] : `s3:${operation}`;
  const action = str(input, 'VersionId') !== undefined && Object.hasOwn(VERSIONED, base) ? VERSIONED[base] : base;
  const needed = [{ action, resources: [`${bucketArn}/${key}`] }];
  // A copy reads its source as well.
  const source = str(input, 'CopySource');
  if (source) needed.push({ action: 's3:GetObject', resources: [`arn:aws:s3:::${decodeURIComponent(source.replace(/^\//, '').split('?')[0])}`] });
  return needed;
}
