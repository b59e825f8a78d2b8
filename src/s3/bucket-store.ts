import { mkdir, opendir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isBucketName } from '../shared/index.js';
import type { S3Layout } from './layout.js';
import { readJson, writeJsonAtomically } from './object-meta.js';
import { refuse } from './refusal.js';

/** A bucket's versioning state as S3 names it; absent until versioning is first configured. */
export type VersioningStatus = 'Enabled' | 'Suspended';

/** One tag of a bucket. */
export interface BucketTag {
  Key: string;
  Value: string;
}

/** What S3 knows of a bucket beyond its folder. */
export interface BucketConfig {
  /** Epoch milliseconds of CreateBucket (or of the folder, for a bucket made by hand). */
  created: number;
  /** The LocationConstraint it was created with; undefined means us-east-1. */
  region?: string;
  versioning?: VersioningStatus;
  tags?: BucketTag[];
}

/** A bucket as ListBuckets shows it. */
export interface BucketSummary {
  name: string;
  created: number;
  region?: string;
}

const NO_SUCH_BUCKET = 'The specified bucket does not exist';

/** The buckets: folders directly under the S3 folder, with their settings kept under `.s3-meta`. */
export class BucketStore {
  constructor(
    private readonly layout: S3Layout,
    private readonly now: () => number,
  ) {}

  /** Creates a bucket's folder; an existing one is BucketAlreadyOwnedByYou (there is one owner here). */
  async create(bucket: string, region: string | undefined): Promise<void> {
    const dir = this.layout.bucketDir(bucket);
    await mkdir(this.layout.root, { recursive: true });
    try {
      await mkdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      throw refuse('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.');
    }
    await this.writeConfig(bucket, { created: this.now(), ...(region ? { region } : {}) });
  }

  /** The folder of an existing bucket; NoSuchBucket otherwise. */
  async require(bucket: string): Promise<string> {
    const dir = this.layout.bucketDir(bucket);
    const found = await stat(dir).catch(() => undefined);
    if (!found?.isDirectory()) throw refuse('NoSuchBucket', NO_SUCH_BUCKET);
    return dir;
  }

  /** A bucket's settings; a folder made by hand gets its own modification time as creation date. */
  async config(bucket: string): Promise<BucketConfig> {
    const dir = await this.require(bucket);
    const recorded = await readJson<BucketConfig>(this.configFile(bucket));
    return recorded ?? { created: (await stat(dir)).mtimeMs };
  }

  /** Changes a bucket's settings. */
  async update(bucket: string, change: (config: BucketConfig) => BucketConfig): Promise<void> {
    await this.writeConfig(bucket, change(await this.config(bucket)));
  }

  /** Every bucket, by name: folders whose names S3 would accept. */
  async list(): Promise<BucketSummary[]> {
    const entries = await readdir(this.layout.root, { withFileTypes: true }).catch(() => []);
    const names = entries.filter((e) => e.isDirectory() && isBucketName(e.name)).map((e) => e.name).sort();
    return Promise.all(names.map(async (name) => {
      const config = await this.config(name);
      return { name, created: config.created, region: config.region };
    }));
  }

  /** Deletes an empty bucket with its settings and pending uploads; a bucket holding any object is BucketNotEmpty. */
  async delete(bucket: string): Promise<void> {
    const dir = await this.require(bucket);
    if (await holdsFile(dir)) throw refuse('BucketNotEmpty', 'The bucket you tried to delete is not empty');
    const versions = join(this.layout.bucketMetaDir(bucket), 'versions');
    if (await holdsFile(versions)) throw refuse('BucketNotEmpty', 'The bucket you tried to delete is not empty. You must delete all versions in the bucket.');
    await rm(dir, { recursive: true, force: true });
    await rm(this.layout.bucketMetaDir(bucket), { recursive: true, force: true });
  }

  private configFile(bucket: string): string {
    return join(this.layout.bucketMetaDir(bucket), 'bucket.json');
  }

  private writeConfig(bucket: string, config: BucketConfig): Promise<void> {
    return writeJsonAtomically(this.configFile(bucket), config);
  }
}

/** Whether a folder holds any file at any depth (empty folders are not objects). */
async function holdsFile(dir: string): Promise<boolean> {
  const handle = await opendir(dir).catch(() => undefined);
  if (!handle) return false;
  for await (const entry of handle) {
    if (!entry.isDirectory()) return true;
    if (await holdsFile(join(dir, entry.name))) return true;
  }
  return false;
}
