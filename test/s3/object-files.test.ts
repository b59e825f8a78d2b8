import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadObject, S3Storage, selectObject } from '../../src/s3/index.js';

const attributes = { headers: {}, metadata: {} };

describe('objects read by selector', () => {
  const root = mkdtempSync(join(tmpdir(), 'cpl-object-files-'));
  const s3 = new S3Storage(join(root, 's3'), () => Date.now());
  let first: { versionId: string; etag: string };
  let second: { versionId: string; etag: string };

  beforeAll(async () => {
    await s3.buckets.create('releases', undefined);
    await s3.buckets.update('releases', (c) => ({ ...c, versioning: 'Enabled' }));
    first = await s3.objects.put('releases', 'app.zip', 'one', attributes);
    second = await s3.objects.put('releases', 'app.zip', 'two', attributes);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reads the current version by default', async () => {
    const path = join(root, 'out', 'current');
    expect((await downloadObject(s3, { bucket: 'releases', key: 'app.zip' }, path)).versionId).toBe(second.versionId);
    expect(readFileSync(path, 'utf8')).toBe('two');
  });

  describe('when a version id or an ETag names an older version', () => {
    it('reads that version', async () => {
      const byId = join(root, 'out', 'by-id');
      await downloadObject(s3, { bucket: 'releases', key: 'app.zip', versionId: first.versionId }, byId);
      expect(readFileSync(byId, 'utf8')).toBe('one');
      expect((await selectObject(s3, { bucket: 'releases', key: 'app.zip', eTag: `"${first.etag}"` })).versionId).toBe(first.versionId);
    });
  });

  describe('when nothing matches', () => {
    it('refuses with S3 codes and writes no file', async () => {
      await expect(selectObject(s3, { bucket: 'releases', key: 'app.zip', eTag: 'f'.repeat(32) })).rejects.toMatchObject({ code: 'PreconditionFailed' });
      await expect(selectObject(s3, { bucket: 'releases', key: 'missing.zip' })).rejects.toMatchObject({ code: 'NoSuchKey' });
      await expect(selectObject(s3, { bucket: 'no-such-bucket', key: 'app.zip' })).rejects.toMatchObject({ code: 'NoSuchBucket' });
      await expect(downloadObject(s3, { bucket: 'releases', key: 'app.zip', versionId: 'nope' }, join(root, 'out', 'nope'))).rejects.toMatchObject({ code: 'NoSuchVersion' });
      expect(() => readFileSync(join(root, 'out', 'nope'))).toThrow();
    });
  });
});
