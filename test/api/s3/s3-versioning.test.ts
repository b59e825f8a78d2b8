import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { failure, useS3Emulator } from './s3-emulator.js';


describe('S3 versioning', () => {
  const handle = useS3Emulator('versions');
  let s3: S3Client;
  let s3Dir: string;
  const text = async (Key: string, VersionId?: string) => (await s3.send(new GetObjectCommand({ Bucket: 'versioned', Key, VersionId }))).Body!.transformToString();
  const put = async (Key: string, Body: string) => (await s3.send(new PutObjectCommand({ Bucket: 'versioned', Key, Body }))).VersionId!;
  beforeAll(async () => {
    ({ s3, s3Dir } = handle);
    await s3.send(new CreateBucketCommand({ Bucket: 'versioned' }));
    await s3.send(new PutObjectCommand({ Bucket: 'versioned', Key: 'app.zip', Body: 'before versioning' }));
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'versioned', VersioningConfiguration: { Status: 'Enabled' } }));
  });

  it('gives each PUT a version id, keeps the older versions readable by id, and the file holds the newest', async () => {
    const v1 = await put('app.zip', 'one');
    const v2 = await put('app.zip', 'two');
    expect(v1).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(v2).not.toBe(v1);
    expect(readFileSync(join(s3Dir, 'versioned', 'app.zip'), 'utf8')).toBe('two');
    expect(await text('app.zip')).toBe('two');
    expect(await text('app.zip', v1)).toBe('one');
    expect(await text('app.zip', 'null')).toBe('before versioning');
    expect(await s3.send(new HeadObjectCommand({ Bucket: 'versioned', Key: 'app.zip', VersionId: v1 }))).toMatchObject({ ContentLength: 3, VersionId: v1 });
    expect(await failure(s3.send(new GetObjectCommand({ Bucket: 'versioned', Key: 'app.zip', VersionId: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })))).toMatchObject({ name: 'NoSuchVersion', $metadata: { httpStatusCode: 404 } });
    const listed = await s3.send(new ListObjectVersionsCommand({ Bucket: 'versioned', Prefix: 'app' }));
    expect(listed.Versions?.map((v) => [v.VersionId, v.IsLatest, v.Size])).toEqual([[v2, true, 3], [v1, false, 3], ['null', false, 17]]);
    const copied = await s3.send(new CopyObjectCommand({ Bucket: 'versioned', Key: 'restored.zip', CopySource: `versioned/app.zip?versionId=${v1}` }));
    expect(copied).toMatchObject({ CopySourceVersionId: v1, VersionId: expect.any(String) });
    expect(await text('restored.zip')).toBe('one');
  });

  it('deletes with a delete marker, and deleting the marker by id brings the object back', async () => {
    const v = await put('doc.txt', 'kept');
    const deleted = await s3.send(new DeleteObjectCommand({ Bucket: 'versioned', Key: 'doc.txt' }));
    expect(deleted.DeleteMarker).toBe(true);
    expect(existsSync(join(s3Dir, 'versioned', 'doc.txt'))).toBe(false);
    expect(await failure(s3.send(new GetObjectCommand({ Bucket: 'versioned', Key: 'doc.txt' })))).toMatchObject({ name: 'NoSuchKey' });
    expect(await text('doc.txt', v)).toBe('kept');
    const listed = await s3.send(new ListObjectVersionsCommand({ Bucket: 'versioned', Prefix: 'doc' }));
    expect(listed.DeleteMarkers?.map((m) => [m.VersionId, m.IsLatest])).toEqual([[deleted.VersionId, true]]);
    expect(listed.Versions?.map((m) => [m.VersionId, m.IsLatest])).toEqual([[v, false]]);
    await s3.send(new DeleteObjectCommand({ Bucket: 'versioned', Key: 'doc.txt', VersionId: deleted.VersionId }));
    expect(readFileSync(join(s3Dir, 'versioned', 'doc.txt'), 'utf8')).toBe('kept');
    expect(await text('doc.txt')).toBe('kept');
  });

  it('deletes one version for good, and the previous one becomes current when the latest goes', async () => {
    const v1 = await put('cfg.json', '{"v":1}');
    const v2 = await put('cfg.json', '{"v":2}');
    await s3.send(new DeleteObjectCommand({ Bucket: 'versioned', Key: 'cfg.json', VersionId: v2 }));
    expect(await text('cfg.json')).toBe('{"v":1}');
    expect((await s3.send(new HeadObjectCommand({ Bucket: 'versioned', Key: 'cfg.json' }))).VersionId).toBe(v1);
    const bulk = await s3.send(new DeleteObjectsCommand({ Bucket: 'versioned', Delete: { Objects: [{ Key: 'cfg.json', VersionId: v1 }] } }));
    expect(bulk.Deleted).toEqual([{ Key: 'cfg.json', VersionId: v1 }]);
    expect((await s3.send(new ListObjectVersionsCommand({ Bucket: 'versioned', Prefix: 'cfg' }))).Versions).toBeUndefined();
    expect(existsSync(join(s3Dir, 'versioned', 'cfg.json'))).toBe(false);
  });

  it('overwrites the null version while versioning is suspended, keeping the versioned ones', async () => {
    const kept = await put('suspended.txt', 'versioned');
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'versioned', VersioningConfiguration: { Status: 'Suspended' } }));
    try {
      await s3.send(new PutObjectCommand({ Bucket: 'versioned', Key: 'suspended.txt', Body: 'null one' }));
      await s3.send(new PutObjectCommand({ Bucket: 'versioned', Key: 'suspended.txt', Body: 'null two' }));
      expect(await text('suspended.txt')).toBe('null two');
      const listed = await s3.send(new ListObjectVersionsCommand({ Bucket: 'versioned', Prefix: 'suspended' }));
      expect(listed.Versions?.map((v) => [v.VersionId, v.IsLatest])).toEqual([['null', true], [kept, false]]);
      expect(await text('suspended.txt', kept)).toBe('versioned');
    } finally {
      await s3.send(new PutBucketVersioningCommand({ Bucket: 'versioned', VersioningConfiguration: { Status: 'Enabled' } }));
    }
  });
});
