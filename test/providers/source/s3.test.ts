import { strToU8, zipSync } from 'fflate';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { S3SourceProvider } from '../../../src/providers/source/index.js';
import { objectPath } from '../../../src/shared/index.js';
import { S3Storage } from '../../../src/s3/index.js';
import { isCompleteZip, readS3Object, S3VersionCache } from '../../../src/sources/index.js';
import { describeProviderConformance } from '../conformance.js';
import { failureOf, runJob } from './harness.js';

const root = mkdtempSync(join(tmpdir(), 'cpl-s3-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const s3Dir = join(root, 's3');

function put(bucket: string, key: string, content: string): Buffer {
  const bytes = Buffer.from(zipSync({ 'file.txt': strToU8(content) }));
  mkdirSync(dirname(join(s3Dir, bucket, key)), { recursive: true });
  writeFileSync(join(s3Dir, bucket, key), bytes);
  return bytes;
}

put('bucket', 'app.zip', 'v1');
// Reading slow.zip never ends, so the conformance suite can abort a run under way.
const s3 = new S3Storage(s3Dir, Date.now);
const provider = new S3SourceProvider({
  s3,
  versions: new S3VersionCache(join(root, 'versions')),
  readObject: (bucket, key) => (key === 'slow.zip' ? new Promise(() => {}) : readS3Object(s3, bucket, key)),
});

describeProviderConformance('S3 source', () => ({
  provider,
  succeeding: { configuration: { S3Bucket: 'bucket', S3ObjectKey: 'app.zip' }, outputArtifactNames: ['SourceArtifact'] },
  failing: { configuration: { S3Bucket: 'bucket', S3ObjectKey: 'absent.zip' }, outputArtifactNames: ['SourceArtifact'] },
  long: { configuration: { S3Bucket: 'bucket', S3ObjectKey: 'slow.zip' }, outputArtifactNames: ['SourceArtifact'] },
}));

describe('S3SourceProvider', () => {
  describe('when a run asks for an earlier version', () => {
    it('returns the version it saw before, even after the file changed', async () => {
      const v1 = await runJob(provider, { configuration: { S3Bucket: 'bucket', S3ObjectKey: 'app.zip' } });
      put('bucket', 'app.zip', 'v2');
      const override = { revisionType: 'S3_OBJECT_VERSION_ID', revisionValue: v1.outputVariables!.VersionId };
      const again = await runJob(provider, { configuration: { S3Bucket: 'bucket', S3ObjectKey: 'app.zip' }, sourceRevisionOverride: override });
      expect(readFileSync(again.outputArtifacts!.SourceArtifact)).toEqual(readFileSync(v1.outputArtifacts!.SourceArtifact));
      expect(again.revision).toMatchObject({ revisionId: v1.outputVariables!.VersionId, revisionChangeId: v1.outputVariables!.ETag });
    });

    it('fails with RevisionUnavailable for a version it never saw', async () => {
      const override = { revisionType: 'S3_OBJECT_VERSION_ID', revisionValue: '0'.repeat(32) };
      const failure = await failureOf(provider, { configuration: { S3Bucket: 'bucket', S3ObjectKey: 'app.zip' }, sourceRevisionOverride: override });
      expect(failure.code).toBe('RevisionUnavailable');
    });
  });

  describe('when a run overrides the object key', () => {
    it('refuses unless AllowOverrideForS3ObjectKey is true', async () => {
      put('bucket', 'other.zip', 'other');
      const override = { revisionType: 'S3_OBJECT_KEY', revisionValue: 'other.zip' };
      const failure = await failureOf(provider, { configuration: { S3Bucket: 'bucket', S3ObjectKey: 'app.zip' }, sourceRevisionOverride: override });
      expect(failure.message).toContain('AllowOverrideForS3ObjectKey');
      const result = await runJob(provider, { configuration: { S3Bucket: 'bucket', S3ObjectKey: 'app.zip', AllowOverrideForS3ObjectKey: 'true' }, sourceRevisionOverride: override });
      expect(readFileSync(result.outputArtifacts!.SourceArtifact)).toEqual(readFileSync(join(s3Dir, 'bucket', 'other.zip')));
    });
  });
});

describe('objectPath', () => {
  it('maps a bucket and key into the S3 folder and refuses names that would leave it', () => {
    expect(objectPath('/s3', 'b', 'a/b.zip')).toBe('/s3/b/a/b.zip');
    for (const [bucket, key] of [['..', 'x'], ['b', '../x'], ['b', '/etc/passwd'], ['b', 'a//b'], ['b/c', 'x'], ['b', ''], ['b', 'a/./b']]) {
      expect(objectPath('/s3', bucket, key)).toBeUndefined();
    }
  });
});

describe('isCompleteZip', () => {
  it('tells a whole zip from one cut short', () => {
    const zip = Buffer.from(zipSync({ 'a.txt': strToU8('a'.repeat(1000)) }));
    expect(isCompleteZip(zip)).toBe(true);
    expect(isCompleteZip(zip.subarray(0, zip.length - 30))).toBe(false);
    expect(isCompleteZip(Buffer.from('not a zip'))).toBe(false);
  });
});
