import type { CreateBucketRequest, GetObjectRequest, ListObjectsV2Request, PutObjectRequest } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { modelledError, type ServiceDefinition } from '../../../../src/api/protocol/index.js';
import { botocoreModel } from './botocore-model.js';

interface StoredObject {
  body: Buffer;
  contentType?: string;
  metadata?: Record<string, string>;
  lastModified: Date;
}

/** Test-only S3 over the real botocore model (rest-xml): buckets and whole objects in memory. */
export function tinyS3(now = () => new Date('2026-01-02T03:04:05.000Z')): ServiceDefinition {
  const model = botocoreModel('s3');
  const NoSuchBucket = modelledError(model, 'NoSuchBucket');
  const NoSuchKey = modelledError(model, 'NoSuchKey');
  const buckets = new Map<string, { region?: string; objects: Map<string, StoredObject> }>();
  const bucket = (name: string) => {
    const found = buckets.get(name);
    if (!found) throw new NoSuchBucket('The specified bucket does not exist');
    return found;
  };
  return {
    model,
    handlers: {
      CreateBucket(input: CreateBucketRequest) {
        buckets.set(input.Bucket!, { region: input.CreateBucketConfiguration?.LocationConstraint, objects: new Map() });
        return { Location: `/${input.Bucket}` };
      },
      async PutObject(input: PutObjectRequest & { Body?: Buffer | Readable }) {
        // A streaming payload arrives unread.
        const body = input.Body instanceof Readable ? Buffer.concat(await input.Body.toArray()) : (input.Body ?? Buffer.alloc(0));
        bucket(input.Bucket!).objects.set(input.Key!, { body, contentType: input.ContentType, metadata: input.Metadata, lastModified: now() });
        return { ETag: `"${createHash('md5').update(body).digest('hex')}"` };
      },
      GetObject(input: GetObjectRequest) {
        const object = bucket(input.Bucket!).objects.get(input.Key!);
        if (!object) throw new NoSuchKey('The specified key does not exist.');
        return { Body: object.body, ContentType: object.contentType, ContentLength: object.body.length, Metadata: object.metadata, LastModified: object.lastModified };
      },
      ListObjectsV2(input: ListObjectsV2Request) {
        const found = bucket(input.Bucket!);
        const keys = [...found.objects.keys()].filter((k) => k.startsWith(input.Prefix ?? '')).sort();
        const Contents = keys.map((Key) => ({ Key, Size: found.objects.get(Key)!.body.length, LastModified: found.objects.get(Key)!.lastModified }));
        return { Name: input.Bucket, Prefix: input.Prefix, KeyCount: keys.length, MaxKeys: 1000, IsTruncated: false, Contents };
      },
      GetBucketLocation: (input: { Bucket: string }) => ({ LocationConstraint: bucket(input.Bucket).region }),
    },
  };
}
