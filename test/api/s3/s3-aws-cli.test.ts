import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEmulator } from '../../helpers/emulator.js';
import { aws as awsAt, type CliResult } from '../protocol/tiny/aws-cli.js';
import { useS3Emulator } from './s3-emulator.js';

const md5 = (body: Buffer) => createHash('md5').update(body).digest('hex');

describe('the S3 API through the AWS CLI', () => {
  const handle = useS3Emulator('cli');
  const s3Dir = handle.s3Dir;
  const work = mkdtempSync(join(tmpdir(), 'cpl-s3-cli-work-'));
  let env: TestEmulator;
  const aws = async (...args: string[]): Promise<CliResult> => {
    const result = await awsAt(env.url, args);
    expect(result.code, `aws ${args.join(' ')}\n${result.stderr}`).toBe(0);
    return result;
  };
  beforeAll(() => void ({ env } = handle));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('makes a bucket, copies a file in, and lists buckets and keys (aws s3 mb/cp/ls)', async () => {
    writeFileSync(join(work, 'app.zip'), 'PK zip bytes');
    await aws('s3', 'mb', 's3://cli-bucket');
    await aws('s3', 'cp', join(work, 'app.zip'), 's3://cli-bucket/releases/app.zip');
    expect(readFileSync(join(s3Dir, 'cli-bucket', 'releases', 'app.zip'), 'utf8')).toBe('PK zip bytes');
    const [buckets, keys] = await Promise.all([aws('s3', 'ls'), aws('s3', 'ls', '--recursive', 's3://cli-bucket/')]);
    expect(buckets.stdout).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} cli-bucket\n/);
    expect(keys.stdout).toMatch(/^\S+ \S+ +12 releases\/app\.zip\n$/);
  });

  it('uploads and downloads a 50 MB file in parts (aws s3 cp uses multipart past 8 MB)', async () => {
    const big = Buffer.alloc(50 * 1024 * 1024);
    for (let i = 0; i < big.length; i += 4096) big.writeUInt32LE(i, i);
    writeFileSync(join(work, 'big.bin'), big);
    await aws('s3', 'cp', join(work, 'big.bin'), 's3://cli-bucket/big.bin');
    const [head] = await Promise.all([aws('s3api', 'head-object', '--bucket', 'cli-bucket', '--key', 'big.bin'), aws('s3', 'cp', 's3://cli-bucket/big.bin', join(work, 'big-back.bin'))]);
    expect(head.json).toMatchObject({ ContentLength: big.length, ETag: expect.stringMatching(/^"[0-9a-f]{32}-7"$/) });
    expect(md5(readFileSync(join(work, 'big-back.bin')))).toBe(md5(big));
  });

  it('syncs a folder up and down and removes it recursively (aws s3 sync/rm), keys with spaces and plus signs included', async () => {
    const site = join(work, 'site');
    mkdirSync(join(site, 'css'), { recursive: true });
    writeFileSync(join(site, 'index.html'), '<h1>hi</h1>');
    writeFileSync(join(site, 'css', 'a b+c.css'), 'body{}');
    // S3's LastModified counts whole seconds, as AWS's does: a file written in the second of its upload would look
    // newer than its object and be uploaded again, on AWS too. Files made a minute earlier are what a user syncs.
    const minuteAgo = new Date(Date.now() - 60_000);
    for (const file of [join(site, 'index.html'), join(site, 'css', 'a b+c.css')]) utimesSync(file, minuteAgo, minuteAgo);
    await aws('s3', 'sync', site, 's3://cli-bucket/site/');
    expect(readFileSync(join(s3Dir, 'cli-bucket', 'site', 'css', 'a b+c.css'), 'utf8')).toBe('body{}');
    // Listed back with encoding-type=url and compared by size and date: nothing to do the second time.
    const [again] = await Promise.all([aws('s3', 'sync', site, 's3://cli-bucket/site/'), aws('s3', 'sync', 's3://cli-bucket/site/', join(work, 'site-back'))]);
    expect(again.stdout).toBe('');
    expect(readFileSync(join(work, 'site-back', 'css', 'a b+c.css'), 'utf8')).toBe('body{}');
    const removed = await aws('s3', 'rm', '--recursive', 's3://cli-bucket/site/');
    expect(removed.stdout).toContain('delete: s3://cli-bucket/site/css/a b+c.css');
    expect(existsSync(join(s3Dir, 'cli-bucket', 'site'))).toBe(false);
  });

  it('speaks s3api: versioning, ranges, metadata, delimiters and errors by their codes', async () => {
    writeFileSync(join(work, 'digits.txt'), '0123456789');
    await Promise.all([
      aws('s3api', 'put-bucket-versioning', '--bucket', 'cli-bucket', '--versioning-configuration', 'Status=Enabled'),
      aws('s3api', 'put-object', '--bucket', 'cli-bucket', '--key', 'digits.txt', '--body', join(work, 'digits.txt'), '--metadata', 'stage=beta'),
    ]);
    const [versioning, ranged, top, missing, notEmpty] = await Promise.all([
      aws('s3api', 'get-bucket-versioning', '--bucket', 'cli-bucket'),
      aws('s3api', 'get-object', '--bucket', 'cli-bucket', '--key', 'digits.txt', '--range', 'bytes=3-4', join(work, 'range.txt')),
      aws('s3api', 'list-objects-v2', '--bucket', 'cli-bucket', '--delimiter', '/'),
      awsAt(env.url, ['s3api', 'get-object', '--bucket', 'cli-bucket', '--key', 'nope', join(work, 'nope')]),
      awsAt(env.url, ['s3api', 'delete-bucket', '--bucket', 'cli-bucket']),
    ]);
    expect(versioning.json).toEqual({ Status: 'Enabled' });
    expect(readFileSync(join(work, 'range.txt'), 'utf8')).toBe('34');
    expect(ranged.json).toMatchObject({ ContentRange: 'bytes 3-4/10', Metadata: { stage: 'beta' } });
    expect(top.json.CommonPrefixes).toEqual([{ Prefix: 'releases/' }]);
    expect(top.json.Contents.map((c: { Key: string }) => c.Key)).toEqual(['big.bin', 'digits.txt']);
    expect(missing.stderr).toContain('(NoSuchKey)');
    expect(notEmpty.stderr).toContain('(BucketNotEmpty)');
  });

  it('serves presigned GET URLs: SigV4 (query-string credential, no Authorization header) and the CLI v1 default, SigV2', async () => {
    const config = join(work, 'sigv4.config');
    writeFileSync(config, '[default]\ns3 =\n    signature_version = s3v4\n');
    const [v4, v2] = await Promise.all([
      awsAt(env.url, ['s3', 'presign', 's3://cli-bucket/digits.txt'], { AWS_CONFIG_FILE: config }),
      aws('s3', 'presign', 's3://cli-bucket/digits.txt'),
    ]);
    expect(v4.stdout).toContain('X-Amz-Credential=');
    for (const url of [v4.stdout.trim(), v2.stdout.trim()]) {
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('0123456789');
    }
  });
});
