import { refuse, S3Refusal, type BucketTag, type S3Storage, type VersioningStatus } from '../../s3/index.js';
import type { RequestContext } from '../protocol/index.js';
import { ownerOf } from './owner.js';

/** A request naming a bucket. */
export interface BucketInput {
  Bucket: string;
}

/**
 * Creates a bucket: a folder under the S3 folder. Asking again for a bucket you own is BucketAlreadyOwnedByYou, except
 * in us-east-1 (a request signed for it, of a us-east-1 bucket), where S3 keeps its legacy answer: 200, nothing changed.
 */
export async function createBucket(storage: S3Storage, input: BucketInput & { CreateBucketConfiguration?: { LocationConstraint?: string } }, ctx: RequestContext) {
  const asked = input.CreateBucketConfiguration?.LocationConstraint;
  const region = asked === 'us-east-1' ? undefined : asked;
  try {
    await storage.buckets.create(input.Bucket, region);
  } catch (error) {
    if (!(error instanceof S3Refusal && error.code === 'BucketAlreadyOwnedByYou' && ctx.region === 'us-east-1' && !region)) throw error;
    if ((await storage.buckets.config(input.Bucket)).region !== undefined) throw error;
  }
  return { Location: `/${input.Bucket}` };
}

/** Says whether a bucket exists (404 without a body when it does not, as HEAD answers). */
export async function headBucket(storage: S3Storage, input: BucketInput) {
  const config = await storage.buckets.config(input.Bucket);
  return { BucketRegion: config.region ?? 'us-east-1' };
}

/** Lists the buckets: the folders of the S3 folder whose names are bucket names. */
export async function listBuckets(storage: S3Storage, _input: unknown, ctx: RequestContext) {
  const buckets = await storage.buckets.list();
  return { Buckets: buckets.map((b) => ({ Name: b.name, CreationDate: new Date(b.created), BucketRegion: b.region ?? 'us-east-1' })), Owner: ownerOf(ctx) };
}

/** Deletes an empty bucket. */
export async function deleteBucket(storage: S3Storage, input: BucketInput) {
  await storage.buckets.delete(input.Bucket);
  return {};
}

/** The region a bucket was created in; S3 answers us-east-1 as an empty constraint. */
export async function getBucketLocation(storage: S3Storage, input: BucketInput) {
  return { LocationConstraint: (await storage.buckets.config(input.Bucket)).region };
}

/** A bucket's versioning state; absent until it is first configured. */
export async function getBucketVersioning(storage: S3Storage, input: BucketInput) {
  return { Status: (await storage.buckets.config(input.Bucket)).versioning };
}

/** Enables or suspends versioning. */
export async function putBucketVersioning(storage: S3Storage, input: BucketInput & { VersioningConfiguration: { Status?: string } }) {
  const status = input.VersioningConfiguration.Status;
  if (status !== 'Enabled' && status !== 'Suspended') throw refuse('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
  await storage.buckets.update(input.Bucket, (c) => ({ ...c, versioning: status as VersioningStatus }));
  return {};
}

/** A bucket's tags; NoSuchTagSet when it has none. */
export async function getBucketTagging(storage: S3Storage, input: BucketInput) {
  const tags = (await storage.buckets.config(input.Bucket)).tags;
  if (!tags?.length) throw refuse('NoSuchTagSet', 'The TagSet does not exist');
  return { TagSet: tags };
}

/** Replaces a bucket's tags. */
export async function putBucketTagging(storage: S3Storage, input: BucketInput & { Tagging: { TagSet: BucketTag[] } }) {
  const tags = input.Tagging.TagSet;
  if (new Set(tags.map((t) => t.Key)).size !== tags.length) throw refuse('InvalidArgument', 'Cannot provide multiple Tags with the same key');
  await storage.buckets.update(input.Bucket, (c) => ({ ...c, tags }));
  return {};
}

/** Removes a bucket's tags. */
export async function deleteBucketTagging(storage: S3Storage, input: BucketInput) {
  await storage.buckets.update(input.Bucket, ({ tags: _tags, ...rest }) => rest);
  return {};
}
