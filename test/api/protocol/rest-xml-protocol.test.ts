import { CreateBucketCommand, GetBucketLocationCommand, GetObjectCommand, ListObjectsV2Command, NoSuchBucket, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Agent } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aws } from './tiny/aws-cli.js';
import { sdkSettings, startTinyServer, type TinyServer } from './tiny/tiny-server.js';

describe('the rest-xml protocol (a tiny S3)', () => {
  let server: TinyServer;
  let pathStyle: S3Client;
  let virtualHost: S3Client;
  const dir = mkdtempSync(join(tmpdir(), 'cpl-rest-xml-'));
  beforeAll(async () => {
    server = await startTinyServer();
    pathStyle = new S3Client({ ...sdkSettings(server.url), forcePathStyle: true });
    // bucket.localhost is loopback (RFC 6761), but not every resolver knows it: this agent resolves it so itself.
    const agent = new Agent({ lookup: (_host, options, done) => (options.all ? done(null, [{ address: '127.0.0.1', family: 4 }]) : done(null, '127.0.0.1', 4)) });
    virtualHost = new S3Client({ ...sdkSettings(`http://localhost:${server.port}`), requestHandler: new NodeHttpHandler({ httpAgent: agent }) });
  });
  afterAll(async () => {
    pathStyle.destroy();
    virtualHost.destroy();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when the JS SDK calls it path style', () => {
    it('creates a bucket from an XML payload, puts and gets an object with a greedy key, headers and metadata', async () => {
      await pathStyle.send(new CreateBucketCommand({ Bucket: 'path-bucket', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
      expect((await pathStyle.send(new GetBucketLocationCommand({ Bucket: 'path-bucket' }))).LocationConstraint).toBe('eu-west-1');
      const put = await pathStyle.send(new PutObjectCommand({ Bucket: 'path-bucket', Key: 'dir/sub dir/ünï.txt', Body: 'hello bytes', ContentType: 'text/plain', Metadata: { owner: 'me' } }));
      expect(put.ETag).toMatch(/^"[0-9a-f]{32}"$/);
      const got = await pathStyle.send(new GetObjectCommand({ Bucket: 'path-bucket', Key: 'dir/sub dir/ünï.txt' }));
      expect(await got.Body!.transformToString()).toBe('hello bytes');
      expect(got).toMatchObject({ ContentType: 'text/plain', ContentLength: 11, Metadata: { owner: 'me' }, LastModified: new Date('2026-01-02T03:04:05.000Z') });
    });

    it('lists objects as a flattened <Contents> list with ISO 8601 timestamps', async () => {
      await pathStyle.send(new PutObjectCommand({ Bucket: 'path-bucket', Key: 'dir/a', Body: 'a' }));
      await pathStyle.send(new PutObjectCommand({ Bucket: 'path-bucket', Key: 'other', Body: 'bb' }));
      const listed = await pathStyle.send(new ListObjectsV2Command({ Bucket: 'path-bucket', Prefix: 'dir/' }));
      expect(listed.Contents?.map((c) => [c.Key, c.Size])).toEqual([['dir/a', 1], ['dir/sub dir/ünï.txt', 11]]);
      expect(listed.Contents?.[0].LastModified).toEqual(new Date('2026-01-02T03:04:05.000Z'));
      expect(listed).toMatchObject({ Name: 'path-bucket', KeyCount: 2, IsTruncated: false });
    });

    it("sends S3's <Error><Code> errors that the SDK raises as NoSuchBucket and NoSuchKey", async () => {
      const noBucket = await pathStyle.send(new GetObjectCommand({ Bucket: 'missing', Key: 'k' })).catch((e: unknown) => e);
      expect(noBucket).toBeInstanceOf(NoSuchBucket);
      expect(noBucket).toMatchObject({ message: 'The specified bucket does not exist', $metadata: { httpStatusCode: 404 } });
      const noKey = await pathStyle.send(new GetObjectCommand({ Bucket: 'path-bucket', Key: 'nope' })).catch((e: unknown) => e);
      expect(noKey).toBeInstanceOf(NoSuchKey);
    });
  });

  describe('when the JS SDK calls it virtual-host style (bucket.localhost)', () => {
    it('finds the bucket in the Host header', async () => {
      await virtualHost.send(new CreateBucketCommand({ Bucket: 'vhost-bucket' }));
      await virtualHost.send(new PutObjectCommand({ Bucket: 'vhost-bucket', Key: 'k/e/y', Body: new Uint8Array([0, 255, 1, 254]) }));
      const got = await virtualHost.send(new GetObjectCommand({ Bucket: 'vhost-bucket', Key: 'k/e/y' }));
      expect([...(await got.Body!.transformToByteArray())]).toEqual([0, 255, 1, 254]);
      const listed = await virtualHost.send(new ListObjectsV2Command({ Bucket: 'vhost-bucket' }));
      expect(listed.Contents?.map((c) => c.Key)).toEqual(['k/e/y']);
    });
  });

  describe('when the AWS CLI calls it', () => {
    it('creates a bucket, puts, lists and gets an object', async () => {
      writeFileSync(join(dir, 'in.bin'), Buffer.from([1, 2, 3, 0, 10]));
      expect((await aws(server.url, ['s3api', 'create-bucket', '--bucket', 'cli-bucket'])).code).toBe(0);
      const put = await aws(server.url, ['s3api', 'put-object', '--bucket', 'cli-bucket', '--key', 'a/b.bin', '--body', join(dir, 'in.bin')]);
      expect(put.code, put.stderr).toBe(0);
      const listed = await aws(server.url, ['s3api', 'list-objects-v2', '--bucket', 'cli-bucket']);
      expect(listed.json.Contents).toEqual([{ Key: 'a/b.bin', Size: 5, LastModified: '2026-01-02T03:04:05.000Z' }]);
      const got = await aws(server.url, ['s3api', 'get-object', '--bucket', 'cli-bucket', '--key', 'a/b.bin', join(dir, 'out.bin')]);
      expect(got.code, got.stderr).toBe(0);
      expect([...readFileSync(join(dir, 'out.bin'))]).toEqual([1, 2, 3, 0, 10]);
    });

    it('prints the code and message of a modelled error', async () => {
      const res = await aws(server.url, ['s3api', 'get-object', '--bucket', 'cli-bucket', '--key', 'nope', join(dir, 'x')]);
      expect(res.stderr).toContain('An error occurred (NoSuchKey) when calling the GetObject operation: The specified key does not exist.');
    });
  });

  describe('when the raw request is hostile or malformed', () => {
    const signed = { authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request' };
    it('refuses an XML body with a DOCTYPE (entity expansion)', async () => {
      const body = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><CreateBucketConfiguration><LocationConstraint>&a;</LocationConstraint></CreateBucketConfiguration>';
      const res = await fetch(`${server.url}/doctype-bucket`, { method: 'PUT', headers: signed, body });
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/<Error><Code>SerializationException<\/Code><Message>[^<]*DOCTYPE/);
    });

    it('refuses XML nested deeper than the cap', async () => {
      const body = `<CreateBucketConfiguration>${'<a>'.repeat(10_000)}x${'</a>'.repeat(10_000)}</CreateBucketConfiguration>`;
      const res = await fetch(`${server.url}/deep-bucket`, { method: 'PUT', headers: signed, body });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('<Code>SerializationException</Code>');
    });

    it('reads a presigned URL credential (X-Amz-Credential) for the region', async () => {
      const res = await fetch(`${server.url}/cli-bucket/a/b.bin?X-Amz-Credential=${encodeURIComponent('test/20260101/../s3/aws4_request')}`);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('<Code>InvalidSignatureException</Code>');
    });
  });
});
