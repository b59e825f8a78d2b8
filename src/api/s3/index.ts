import type { S3Storage } from '../../s3/index.js';
import { lazyAwsModel } from '../../model/index.js';
import { lazyServiceDefinition, type LazyModel, type RequestContext, type ServiceDefinition } from '../protocol/index.js';
import * as buckets from './buckets.js';
import { s3Call } from './errors.js';
import * as list from './list-objects.js';
import { listObjectVersions } from './list-versions.js';
import { s3Model } from './model.js';
import * as multipart from './multipart.js';
import * as objects from './objects.js';

/** What the S3 service needs: the one S3 stand-in the whole emulator shares (artifact store, sources, deploys). */
export interface S3Deps {
  storage: S3Storage;
}

type Handler<I, O> = (storage: S3Storage, input: I, ctx: RequestContext) => Promise<O>;

/**
 * The S3 service (rest-xml, path and virtual-host style) over the `--s3-dir` folder: buckets are its folders, objects
 * their files. Not yet a defineService<SdkOperations<S3, S3Client>> table: 21 of its 24 handlers fit the SDK types as
 * they are; PutObject and UploadPart need their Body typed as the SDK's whole input union (Blob, ReadableStream...)
 * and narrowed at run time, and GetObject needs HandlerOutput to take a Readable for the SDK's SdkStream output body.
 */
export function s3Service(deps: S3Deps): ServiceDefinition {
  const { storage } = deps;
  const bind = <I, O>(handler: Handler<I, O>) => (input: I, ctx: RequestContext) => s3Call(() => handler(storage, input, ctx));
  return lazyServiceDefinition(lazyAwsModel('s3', s3Model) as LazyModel, {
    CreateBucket: bind(buckets.createBucket),
    HeadBucket: bind(buckets.headBucket),
    ListBuckets: bind(buckets.listBuckets),
    DeleteBucket: bind(buckets.deleteBucket),
    GetBucketLocation: bind(buckets.getBucketLocation),
    GetBucketVersioning: bind(buckets.getBucketVersioning),
    PutBucketVersioning: bind(buckets.putBucketVersioning),
    GetBucketTagging: bind(buckets.getBucketTagging),
    PutBucketTagging: bind(buckets.putBucketTagging),
    DeleteBucketTagging: bind(buckets.deleteBucketTagging),
    PutObject: bind(objects.putObject),
    GetObject: bind(objects.getObject),
    HeadObject: bind(objects.headObject),
    DeleteObject: bind(objects.deleteObject),
    DeleteObjects: bind(objects.deleteObjects),
    CopyObject: bind(objects.copyObject),
    ListObjectsV2: bind(list.listObjectsV2),
    ListObjects: bind(list.listObjects),
    ListObjectVersions: bind(listObjectVersions),
    CreateMultipartUpload: bind(multipart.createMultipartUpload),
    UploadPart: bind(multipart.uploadPart),
    CompleteMultipartUpload: bind(multipart.completeMultipartUpload),
    AbortMultipartUpload: bind(multipart.abortMultipartUpload),
    ListParts: bind(multipart.listParts),
    ListMultipartUploads: bind(multipart.listMultipartUploads),
  });
}
