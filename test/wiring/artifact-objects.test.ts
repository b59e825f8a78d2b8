import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { S3Storage } from '../../src/s3/index.js';
import { createLogger } from '../../src/shared/index.js';
import { s3ArtifactObjects } from '../../src/wiring/artifact-objects.js';

describe('s3ArtifactObjects', () => {
  const root = mkdtempSync(join(tmpdir(), 'cpl-artifact-objects-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const s3 = new S3Storage(join(root, 's3'), Date.now);
  const legacyDir = join(root, 'artifacts');
  const lines: string[] = [];
  const log = createLogger({ level: 'info', destination: new Writable({ write: (chunk: Buffer, _encoding, done) => done(void lines.push(String(chunk))) }) });
  const objects = s3ArtifactObjects(s3, legacyDir, log);
  const zip = join(root, 'artifact.zip');
  writeFileSync(zip, 'PK\x03\x04 artifact bytes');

  describe('when the artifact bucket does not exist', () => {
    it('creates it in the artifact store region, logs it, and stores the zip as an object with its MD5 ETag', async () => {
      const location = { bucket: 'codepipeline-eu-west-1-123456789012', key: 'my-pipeline/SourceArti/AbC1234' };
      await objects.put(location, zip, 'eu-west-1');
      expect((await s3.buckets.config(location.bucket)).region).toBe('eu-west-1');
      expect(lines.join('')).toContain('created the artifact bucket codepipeline-eu-west-1-123456789012');
      const md5 = createHash('md5').update(readFileSync(zip)).digest('hex');
      expect(await s3.objects.head(location.bucket, location.key)).toMatchObject({ etag: md5, headers: { ContentType: 'application/zip' } });
      expect(readFileSync(objects.pathOf(location), 'utf8')).toBe('PK\x03\x04 artifact bytes');
    });
  });

  describe('when a versioned bucket holds the artifact', () => {
    it('removes it for good: no version or delete marker is left', async () => {
      await s3.buckets.create('versioned-artifacts', undefined);
      await s3.buckets.update('versioned-artifacts', (c) => ({ ...c, versioning: 'Enabled' }));
      const location = { bucket: 'versioned-artifacts', key: 'p/A/xyz1234' };
      await objects.put(location, zip, 'us-east-1');
      await objects.remove([location, { bucket: 'no-such-bucket', key: 'p/A/gone' }]);
      expect((await s3.versioned.list('versioned-artifacts', '', {}, 10)).entries).toEqual([]);
    });
  });

  describe('when an artifact was kept under <dataDir>/artifacts by an earlier version', () => {
    it('reads it from there and the retention rule deletes it there', async () => {
      const location = { bucket: 'old-bucket', key: 'pipe/Build/OlD1234' };
      mkdirSync(join(legacyDir, 'old-bucket', 'pipe', 'Build'), { recursive: true });
      writeFileSync(join(legacyDir, 'old-bucket', 'pipe', 'Build', 'OlD1234'), 'old zip');
      expect(readFileSync(objects.pathOf(location), 'utf8')).toBe('old zip');
      await objects.remove([location]);
      expect(existsSync(join(legacyDir, 'old-bucket', 'pipe', 'Build', 'OlD1234'))).toBe(false);
    });
  });
});
