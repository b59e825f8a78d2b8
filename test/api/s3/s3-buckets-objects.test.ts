import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketLocationCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { createHash } from 'node:crypto';
import { Agent } from 'node:http';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestEmulator } from '../../helpers/emulator.js';
import { failure, s3ClientSettings, useS3Emulator } from './s3-emulator.js';

const md5 = (body: string | Buffer) => createHash('md5').update(body).digest('hex');

describe('the S3 API', () => {
  const handle = useS3Emulator('api');
  let env: TestEmulator;
  let s3: S3Client;
  let s3Dir: string;
  beforeAll(() => ({ env, s3, s3Dir } = handle));

  describe('buckets', () => {
    it('creates, heads, lists, locates and deletes a bucket, which is a folder of --s3-dir', async () => {
      await s3.send(new CreateBucketCommand({ Bucket: 'life-cycle', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
      expect(existsSync(join(s3Dir, 'life-cycle'))).toBe(true);
      await s3.send(new HeadBucketCommand({ Bucket: 'life-cycle' }));
      expect((await s3.send(new GetBucketLocationCommand({ Bucket: 'life-cycle' }))).LocationConstraint).toBe('eu-west-1');
      const listed = await s3.send(new ListBucketsCommand({}));
      expect(listed.Buckets?.map((b) => b.Name)).toContain('life-cycle');
      expect(listed.Buckets?.find((b) => b.Name === 'life-cycle')?.CreationDate).toBeInstanceOf(Date);
      await s3.send(new DeleteBucketCommand({ Bucket: 'life-cycle' }));
      expect(existsSync(join(s3Dir, 'life-cycle'))).toBe(false);
      expect(await failure(s3.send(new HeadBucketCommand({ Bucket: 'life-cycle' })))).toMatchObject({ $metadata: { httpStatusCode: 404 } });
    });

    it('answers BucketAlreadyOwnedByYou (200 in us-east-1, as S3 does there), InvalidBucketName, NoSuchBucket and BucketNotEmpty with their statuses', async () => {
      await s3.send(new CreateBucketCommand({ Bucket: 'taken' }));
      expect((await s3.send(new CreateBucketCommand({ Bucket: 'taken' }))).$metadata.httpStatusCode).toBe(200);
      const inEurope = env.client(S3Client, 'eu-west-1');
      const again = { Bucket: 'taken-eu', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' as const } };
      await inEurope.send(new CreateBucketCommand(again));
      expect(await failure(inEurope.send(new CreateBucketCommand(again)))).toMatchObject({ name: 'BucketAlreadyOwnedByYou', $metadata: { httpStatusCode: 409 } });
      expect(await failure(s3.send(new CreateBucketCommand({ Bucket: 'Bad_Name' })))).toMatchObject({ name: 'InvalidBucketName', $metadata: { httpStatusCode: 400 } });
      expect(await failure(s3.send(new DeleteBucketCommand({ Bucket: 'never-made' })))).toMatchObject({ name: 'NoSuchBucket', $metadata: { httpStatusCode: 404 } });
      await s3.send(new PutObjectCommand({ Bucket: 'taken', Key: 'deep/file.txt', Body: 'x' }));
      expect(await failure(s3.send(new DeleteBucketCommand({ Bucket: 'taken' })))).toMatchObject({ name: 'BucketNotEmpty', $metadata: { httpStatusCode: 409 } });
    });

    it('keeps versioning and tags', async () => {
      await s3.send(new CreateBucketCommand({ Bucket: 'settings' }));
      expect((await s3.send(new GetBucketVersioningCommand({ Bucket: 'settings' }))).Status).toBeUndefined();
      await s3.send(new PutBucketVersioningCommand({ Bucket: 'settings', VersioningConfiguration: { Status: 'Enabled' } }));
      expect((await s3.send(new GetBucketVersioningCommand({ Bucket: 'settings' }))).Status).toBe('Enabled');
      expect(await failure(s3.send(new GetBucketTaggingCommand({ Bucket: 'settings' })))).toMatchObject({ name: 'NoSuchTagSet', $metadata: { httpStatusCode: 404 } });
      await s3.send(new PutBucketTaggingCommand({ Bucket: 'settings', Tagging: { TagSet: [{ Key: 'team', Value: 'ci' }, { Key: 'env', Value: 'dev' }] } }));
      expect((await s3.send(new GetBucketTaggingCommand({ Bucket: 'settings' }))).TagSet).toEqual([{ Key: 'team', Value: 'ci' }, { Key: 'env', Value: 'dev' }]);
    });
  });

  describe('objects', () => {
    beforeAll(async () => {
      await s3.send(new CreateBucketCommand({ Bucket: 'objects' }));
    });

    it('puts an object whose ETag is its MD5, with its content type and user metadata, as a file of the bucket folder', async () => {
      const put = await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'dir/sub dir/ünï.txt', Body: 'hello world', ContentType: 'text/plain', Metadata: { Owner: 'me' } }));
      expect(put.ETag).toBe(`"${md5('hello world')}"`);
      expect(readFileSync(join(s3Dir, 'objects', 'dir', 'sub dir', 'ünï.txt'), 'utf8')).toBe('hello world');
      const got = await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'dir/sub dir/ünï.txt' }));
      expect(await got.Body!.transformToString()).toBe('hello world');
      expect(got).toMatchObject({ ContentType: 'text/plain', ContentLength: 11, ETag: put.ETag, Metadata: { owner: 'me' }, AcceptRanges: 'bytes' });
      const head = await s3.send(new HeadObjectCommand({ Bucket: 'objects', Key: 'dir/sub dir/ünï.txt' }));
      expect(head).toMatchObject({ ContentType: 'text/plain', ContentLength: 11, ETag: put.ETag, Metadata: { owner: 'me' } });
    });

    it('takes a streamed body (sent aws-chunked with a trailing checksum) and an empty body', async () => {
      const chunks = [Buffer.alloc(70_000, 'a'), Buffer.alloc(10, 'b')];
      const whole = Buffer.concat(chunks);
      const put = await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'streamed.bin', Body: Readable.from(chunks), ContentLength: whole.length }));
      expect(put.ETag).toBe(`"${md5(whole)}"`);
      expect(readFileSync(join(s3Dir, 'objects', 'streamed.bin')).equals(whole)).toBe(true);
      await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'empty', Body: '' }));
      const got = await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'empty' }));
      expect(await got.Body!.transformToString()).toBe('');
      expect(got.ETag).toBe(`"${md5('')}"`);
    });

    it('checks Content-MD5: a wrong digest is BadDigest, a malformed one InvalidDigest, and nothing is stored', async () => {
      const bad = await failure(s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'digest', Body: 'abc', ContentMD5: createHash('md5').update('xyz').digest('base64') })));
      expect(bad).toMatchObject({ name: 'BadDigest', $metadata: { httpStatusCode: 400 } });
      const malformed = await failure(s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'digest', Body: 'abc', ContentMD5: 'not-md5' })));
      expect(malformed).toMatchObject({ name: 'InvalidDigest', $metadata: { httpStatusCode: 400 } });
      expect(existsSync(join(s3Dir, 'objects', 'digest'))).toBe(false);
      await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'digest', Body: 'abc', ContentMD5: createHash('md5').update('abc').digest('base64') }));
      expect(readFileSync(join(s3Dir, 'objects', 'digest'), 'utf8')).toBe('abc');
    });

    it('serves byte ranges with 206 and refuses one past the end with InvalidRange (416)', async () => {
      await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'digits', Body: '0123456789' }));
      const middle = await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'digits', Range: 'bytes=2-5' }));
      expect(await middle.Body!.transformToString()).toBe('2345');
      expect(middle).toMatchObject({ ContentRange: 'bytes 2-5/10', ContentLength: 4, $metadata: { httpStatusCode: 206 } });
      const suffix = await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'digits', Range: 'bytes=-3' }));
      expect(await suffix.Body!.transformToString()).toBe('789');
      const open = await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'digits', Range: 'bytes=7-' }));
      expect(await open.Body!.transformToString()).toBe('789');
      expect(await failure(s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'digits', Range: 'bytes=10-' })))).toMatchObject({ name: 'InvalidRange', $metadata: { httpStatusCode: 416 } });
    });

    it('answers conditional GETs with 304 and 412', async () => {
      const { ETag, LastModified } = await s3.send(new HeadObjectCommand({ Bucket: 'objects', Key: 'digits' }));
      expect(await failure(s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'digits', IfNoneMatch: ETag })))).toMatchObject({ $metadata: { httpStatusCode: 304 } });
      expect(await failure(s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'digits', IfModifiedSince: LastModified })))).toMatchObject({ $metadata: { httpStatusCode: 304 } });
      expect(await failure(s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'digits', IfMatch: '"0000"' })))).toMatchObject({ name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } });
      const before = new Date(LastModified!.getTime() - 60_000);
      expect(await failure(s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'digits', IfUnmodifiedSince: before })))).toMatchObject({ name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } });
      const fresh = await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'digits', IfMatch: ETag, IfModifiedSince: before }));
      expect(await fresh.Body!.transformToString()).toBe('0123456789');
    });

    it('copies an object with its metadata, or replaces the metadata', async () => {
      await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'original', Body: 'copy me', ContentType: 'text/x-original', Metadata: { a: '1' } }));
      const copied = await s3.send(new CopyObjectCommand({ Bucket: 'objects', Key: 'copies/same', CopySource: 'objects/original' }));
      expect(copied.CopyObjectResult?.ETag).toBe(`"${md5('copy me')}"`);
      expect(await s3.send(new HeadObjectCommand({ Bucket: 'objects', Key: 'copies/same' }))).toMatchObject({ ContentType: 'text/x-original', Metadata: { a: '1' } });
      await s3.send(new CopyObjectCommand({ Bucket: 'objects', Key: 'copies/replaced', CopySource: 'objects/original', MetadataDirective: 'REPLACE', ContentType: 'text/x-new', Metadata: { b: '2' } }));
      const replaced = await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'copies/replaced' }));
      expect(await replaced.Body!.transformToString()).toBe('copy me');
      expect(replaced).toMatchObject({ ContentType: 'text/x-new', Metadata: { b: '2' } });
      expect(await failure(s3.send(new CopyObjectCommand({ Bucket: 'objects', Key: 'original', CopySource: 'objects/original' })))).toMatchObject({ name: 'InvalidRequest' });
      expect(await failure(s3.send(new CopyObjectCommand({ Bucket: 'objects', Key: 'x', CopySource: 'objects/absent' })))).toMatchObject({ name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } });
    });

    it('deletes objects one by one and in bulk, removing the folders they leave empty', async () => {
      await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'gone/a/1', Body: '1' }));
      await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'gone/a/2', Body: '2' }));
      await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'gone/b', Body: '3' }));
      await s3.send(new DeleteObjectCommand({ Bucket: 'objects', Key: 'gone/b' }));
      await s3.send(new DeleteObjectCommand({ Bucket: 'objects', Key: 'gone/never-was' }));
      const bulk = await s3.send(new DeleteObjectsCommand({ Bucket: 'objects', Delete: { Objects: [{ Key: 'gone/a/1' }, { Key: 'gone/a/2' }] } }));
      expect(bulk.Deleted?.map((d) => d.Key)).toEqual(['gone/a/1', 'gone/a/2']);
      expect(existsSync(join(s3Dir, 'objects', 'gone'))).toBe(false);
      expect(await failure(s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'gone/b' })))).toMatchObject({ name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } });
    });

    it('refuses keys that cannot be files and never leaves the bucket folder', async () => {
      for (const Key of ['a/../../escape', 'double//slash', 'trailing/']) {
        expect(await failure(s3.send(new PutObjectCommand({ Bucket: 'objects', Key, Body: 'x' })))).toMatchObject({ name: 'InvalidArgument', $metadata: { httpStatusCode: 400 } });
      }
      expect(await failure(s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'k'.repeat(1025), Body: 'x' })))).toMatchObject({ name: 'KeyTooLongError' });
      expect(existsSync(join(s3Dir, 'escape'))).toBe(false);
    });
  });

  describe('listing', () => {
    const keys = ['a.txt', 'photos/2024/jan.jpg', 'photos/2024/feb.jpg', 'photos/2025/mar.jpg', 'photos/index.html', 'z.txt'];
    beforeAll(async () => {
      await s3.send(new CreateBucketCommand({ Bucket: 'listing' }));
      for (const Key of keys) await s3.send(new PutObjectCommand({ Bucket: 'listing', Key, Body: Key }));
    });

    it('lists every key in UTF-8 order with sizes and ETags', async () => {
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'listing' }));
      expect(listed.Contents?.map((c) => c.Key)).toEqual([...keys].sort());
      expect(listed.Contents?.[0]).toMatchObject({ Key: 'a.txt', Size: 5, ETag: `"${md5('a.txt')}"`, StorageClass: 'STANDARD' });
      expect(listed).toMatchObject({ KeyCount: 6, IsTruncated: false, Name: 'listing' });
    });

    it('rolls keys up into common prefixes by a delimiter under a prefix', async () => {
      const top = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', Delimiter: '/' }));
      expect(top.Contents?.map((c) => c.Key)).toEqual(['a.txt', 'z.txt']);
      expect(top.CommonPrefixes).toEqual([{ Prefix: 'photos/' }]);
      const photos = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', Delimiter: '/', Prefix: 'photos/' }));
      expect(photos.Contents?.map((c) => c.Key)).toEqual(['photos/index.html']);
      expect(photos.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['photos/2024/', 'photos/2025/']);
    });

    it('pages with max-keys and continuation tokens, and starts after a key', async () => {
      const seen: string[] = [];
      let token: string | undefined;
      do {
        const page = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', MaxKeys: 2, ContinuationToken: token }));
        expect(page.KeyCount).toBeLessThanOrEqual(2);
        seen.push(...(page.Contents ?? []).map((c) => c.Key!));
        token = page.NextContinuationToken;
        expect(page.IsTruncated).toBe(token !== undefined);
      } while (token);
      expect(seen).toEqual([...keys].sort());
      const after = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', StartAfter: 'photos/index.html' }));
      expect(after.Contents?.map((c) => c.Key)).toEqual(['z.txt']);
      const rolled = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', Delimiter: '/', MaxKeys: 2 }));
      expect([rolled.Contents?.map((c) => c.Key), rolled.CommonPrefixes?.map((p) => p.Prefix)]).toEqual([['a.txt'], ['photos/']]);
      const rest = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', Delimiter: '/', ContinuationToken: rolled.NextContinuationToken }));
      expect(rest.Contents?.map((c) => c.Key)).toEqual(['z.txt']);
      expect(await failure(s3.send(new ListObjectsV2Command({ Bucket: 'listing', ContinuationToken: 'bogus' })))).toMatchObject({ name: 'InvalidArgument' });
    });
  });

  describe('addressing', () => {
    it('finds the bucket in a <bucket>.localhost Host header (virtual-host style), GET / included', async () => {
      // bucket.localhost is loopback (RFC 6761), but not every resolver knows it: this agent resolves it so itself.
      const agent = new Agent({ lookup: (_host, options, done) => (options.all ? done(null, [{ address: '127.0.0.1', family: 4 }]) : done(null, '127.0.0.1', 4)) });
      const port = new URL(env.url).port;
      const vhost = new S3Client({ ...s3ClientSettings(`http://localhost:${port}`), requestHandler: new NodeHttpHandler({ httpAgent: agent }) });
      try {
        await vhost.send(new CreateBucketCommand({ Bucket: 'vhost-bucket' }));
        await vhost.send(new PutObjectCommand({ Bucket: 'vhost-bucket', Key: 'k/e/y', Body: 'virtual' }));
        expect(readFileSync(join(s3Dir, 'vhost-bucket', 'k', 'e', 'y'), 'utf8')).toBe('virtual');
        expect((await vhost.send(new ListObjectsV2Command({ Bucket: 'vhost-bucket' }))).Contents?.map((c) => c.Key)).toEqual(['k/e/y']);
      } finally {
        vhost.destroy();
      }
    });

    it('takes a presigned PUT (credential in the query string, no Authorization header), while an unsigned GET / still opens the console', async () => {
      await s3.send(new CreateBucketCommand({ Bucket: 'presigned' }));
      const query = 'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature=' + '0'.repeat(64);
      const res = await fetch(`${env.url}/presigned/up/load.txt?${query}`, { method: 'PUT', body: 'sent by curl' });
      expect(res.status).toBe(200);
      expect(res.headers.get('etag')).toBe(`"${md5('sent by curl')}"`);
      expect(readFileSync(join(s3Dir, 'presigned', 'up', 'load.txt'), 'utf8')).toBe('sent by curl');
      const browser = await fetch(`${env.url}/`, { redirect: 'manual' });
      expect([browser.status, browser.headers.get('location')]).toEqual([302, '/console/']);
    });
  });

  describe('the folder and the API', () => {
    it('lists and serves a file copied into the bucket folder, and forgets metadata when the file changes there', async () => {
      await s3.send(new CreateBucketCommand({ Bucket: 'shared' }));
      mkdirSync(join(s3Dir, 'shared', 'from-disk'), { recursive: true });
      writeFileSync(join(s3Dir, 'shared', 'from-disk', 'app.zip'), 'zip bytes');
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'shared' }));
      expect(listed.Contents?.map((c) => [c.Key, c.Size, c.ETag])).toEqual([['from-disk/app.zip', 9, `"${md5('zip bytes')}"`]]);
      const got = await s3.send(new GetObjectCommand({ Bucket: 'shared', Key: 'from-disk/app.zip' }));
      expect(await got.Body!.transformToString()).toBe('zip bytes');
      expect(got.ContentType).toBe('binary/octet-stream');

      await s3.send(new PutObjectCommand({ Bucket: 'shared', Key: 'typed', Body: 'one', ContentType: 'text/plain' }));
      writeFileSync(join(s3Dir, 'shared', 'typed'), 'changed on disk');
      const changed = await s3.send(new HeadObjectCommand({ Bucket: 'shared', Key: 'typed' }));
      expect(changed).toMatchObject({ ContentLength: 15, ETag: `"${md5('changed on disk')}"`, ContentType: 'binary/octet-stream' });
    });

    it('sees a folder made by hand as a bucket, and never the metadata folder', async () => {
      mkdirSync(join(s3Dir, 'hand-made'));
      const names = (await s3.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name);
      expect(names).toContain('hand-made');
      expect(names?.some((n) => n!.startsWith('.'))).toBe(false);
      expect(existsSync(join(s3Dir, '.s3-meta'))).toBe(true);
    });
  });
});
