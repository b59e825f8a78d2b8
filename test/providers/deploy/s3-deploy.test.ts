import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { ActionFailure, type ActionJob } from '../../../src/providers/index.js';
import { s3DeployProvider } from '../../../src/providers/deploy/s3-deploy.js';
import { S3Storage } from '../../../src/s3/index.js';
import { silentLogger } from '../../../src/shared/index.js';
import { describeProviderConformance } from '../conformance.js';

const root = mkdtempSync(join(tmpdir(), 'cpl-s3deploy-'));
const s3Dir = join(root, 's3');
const s3 = new S3Storage(s3Dir, Date.now);
afterAll(() => rmSync(root, { recursive: true, force: true }));
// The action writes to buckets that exist, as in S3 (a folder of the S3 folder is a bucket).
for (const bucket of ['site-bucket', 'long-bucket', 'web', 'evil', 'ok-bucket']) mkdirSync(join(s3Dir, bucket), { recursive: true });

let zips = 0;
function zip(files: Record<string, string>): string {
  const path = join(root, `artifact-${++zips}.zip`);
  writeFileSync(path, zipSync(Object.fromEntries(Object.entries(files).map(([n, c]) => [n, strToU8(c)]))));
  return path;
}

const site = () => zip({ 'index.html': '<h1>v1</h1>', 'css/site.css': 'body {}' });
const input = (zipPath: string) => [{ name: 'Site', zipPath }];

let manyFiles: string | undefined;
/** An artifact of many small files, so its extraction is still running when the conformance suite aborts it (made once). */
const many = () => (manyFiles ??= zip(Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`f/${i}.txt`, 'x']))));

describeProviderConformance('S3 deploy', () => {
  return {
    provider: s3DeployProvider({ s3 }),
    succeeding: { configuration: { BucketName: 'site-bucket', Extract: 'true' }, inputArtifacts: input(site()) },
    failing: { configuration: { BucketName: 'site-bucket', Extract: 'false' }, inputArtifacts: input(site()) },
    long: { configuration: { BucketName: 'long-bucket', Extract: 'true' }, inputArtifacts: input(many()) },
  };
});

describe('S3 deploy action', () => {
  const run = (configuration: Record<string, string>, zipPath: string) => {
    const job = { configuration, inputArtifacts: input(zipPath), workDir: root } as unknown as ActionJob;
    const ctx = { signal: new AbortController().signal, log: silentLogger(), progress: () => undefined, awaitApproval: () => Promise.reject(new Error('no')) };
    return s3DeployProvider({ s3 }).run(job, ctx);
  };

  describe('when Extract is true', () => {
    it('unzips the artifact under the ObjectKey prefix of the bucket folder', async () => {
      const result = await run({ BucketName: 'web', Extract: 'true', ObjectKey: 'releases/v1' }, site());
      expect(readFileSync(join(s3Dir, 'web', 'releases', 'v1', 'index.html'), 'utf8')).toBe('<h1>v1</h1>');
      expect(readFileSync(join(s3Dir, 'web', 'releases', 'v1', 'css', 'site.css'), 'utf8')).toBe('body {}');
      expect(result.summary).toBe('Extracted 2 files to s3://web/releases/v1/');
    });

    it('refuses a zip with an entry that escapes the folder, writing nothing', async () => {
      const failure = await run({ BucketName: 'evil', Extract: 'true' }, zip({ 'ok.txt': 'fine', '../../escaped.txt': 'bad' })).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(ActionFailure);
      expect((failure as ActionFailure).message).toContain("'../../escaped.txt'");
      expect(readdirSync(join(s3Dir, 'evil'))).toEqual([]);
      expect(readdirSync(root).filter((n) => n === 'escaped.txt')).toEqual([]);
    });

    it('refuses a bucket name or prefix that would leave the bucket folder', async () => {
      const configurations: Record<string, string>[] = [
        { BucketName: '../up', Extract: 'true' },
        { BucketName: 'ok-bucket', Extract: 'true', ObjectKey: '../../x' },
        { BucketName: 'ok-bucket', Extract: 'false', ObjectKey: '../x.zip' },
      ];
      for (const configuration of configurations) {
        const failure = await run(configuration, site()).catch((e: unknown) => e);
        expect((failure as ActionFailure).code).toBe('ConfigurationError');
      }
      expect(readdirSync(root).filter((n) => n === 'up' || n === 'x' || n === 'x.zip')).toEqual([]);
    });
  });

  describe('when Extract is false', () => {
    it('writes the zip itself as the ObjectKey', async () => {
      const zipPath = site();
      await run({ BucketName: 'web', Extract: 'false', ObjectKey: 'bundles/site.zip' }, zipPath);
      expect(readFileSync(join(s3Dir, 'web', 'bundles', 'site.zip'))).toEqual(readFileSync(zipPath));
    });

    it('records CacheControl as the Cache-Control, and CannedACL and KMSEncryptionKeyARN with the object', async () => {
      const kms = 'arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab';
      await run({ BucketName: 'web', Extract: 'false', ObjectKey: 'cached.zip', CacheControl: 'max-age=60', CannedACL: 'public-read', KMSEncryptionKeyARN: kms }, site());
      expect(await s3.objects.head('web', 'cached.zip')).toMatchObject({ headers: { CacheControl: 'max-age=60' }, acl: 'public-read', sseKmsKeyId: kms });
    });

    it('fails when the bucket does not exist, as S3 does', async () => {
      const failure = await run({ BucketName: 'never-made', Extract: 'false', ObjectKey: 'x.zip' }, site()).catch((e: unknown) => e);
      expect(failure).toMatchObject({ code: 'JobFailed', message: 'The specified bucket does not exist: never-made' });
    });

    it('needs an ObjectKey', async () => {
      const failure = await run({ BucketName: 'web', Extract: 'false' }, site()).catch((e: unknown) => e);
      expect(failure).toMatchObject({ code: 'ConfigurationError', message: 'ObjectKey is required when Extract is false.' });
    });
  });
});
