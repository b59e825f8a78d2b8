import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { failure, useS3Emulator } from './s3-emulator.js';

const MIB = 1024 * 1024;
const md5 = (body: Buffer) => createHash('md5').update(body).digest();

describe('S3 multipart uploads', () => {
  const handle = useS3Emulator('multipart');
  let s3: S3Client;
  let s3Dir: string;
  const partOne = Buffer.alloc(5 * MIB, 1);
  const partTwo = Buffer.from('the last part may be small');
  beforeAll(async () => {
    ({ s3, s3Dir } = handle);
    await s3.send(new CreateBucketCommand({ Bucket: 'uploads' }));
  });

  const start = async (Key: string) => (await s3.send(new CreateMultipartUploadCommand({ Bucket: 'uploads', Key, ContentType: 'application/zip', Metadata: { build: '7' } }))).UploadId!;
  const upload = (Key: string, UploadId: string, PartNumber: number, Body: Buffer) => s3.send(new UploadPartCommand({ Bucket: 'uploads', Key, UploadId, PartNumber, Body }));

  it('joins the parts into one object whose ETag is the MD5 of the part MD5s with the part count', async () => {
    const UploadId = await start('big/app.zip');
    const one = await upload('big/app.zip', UploadId, 1, partOne);
    const two = await upload('big/app.zip', UploadId, 2, partTwo);
    expect(one.ETag).toBe(`"${md5(partOne).toString('hex')}"`);
    const listed = await s3.send(new ListPartsCommand({ Bucket: 'uploads', Key: 'big/app.zip', UploadId }));
    expect(listed.Parts?.map((p) => [p.PartNumber, p.Size, p.ETag])).toEqual([[1, partOne.length, one.ETag], [2, partTwo.length, two.ETag]]);
    const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: 'uploads' }));
    expect(uploads.Uploads?.map((u) => [u.Key, u.UploadId])).toEqual([['big/app.zip', UploadId]]);

    const done = await s3.send(new CompleteMultipartUploadCommand({ Bucket: 'uploads', Key: 'big/app.zip', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: one.ETag }, { PartNumber: 2, ETag: two.ETag }] } }));
    const expected = `"${createHash('md5').update(Buffer.concat([md5(partOne), md5(partTwo)])).digest('hex')}-2"`;
    expect(done.ETag).toBe(expected);
    expect(readFileSync(join(s3Dir, 'uploads', 'big', 'app.zip')).equals(Buffer.concat([partOne, partTwo]))).toBe(true);
    expect(await s3.send(new HeadObjectCommand({ Bucket: 'uploads', Key: 'big/app.zip' }))).toMatchObject({ ETag: expected, ContentType: 'application/zip', Metadata: { build: '7' } });
    expect((await s3.send(new ListMultipartUploadsCommand({ Bucket: 'uploads' }))).Uploads ?? []).toEqual([]);
    expect(await failure(s3.send(new ListPartsCommand({ Bucket: 'uploads', Key: 'big/app.zip', UploadId })))).toMatchObject({ name: 'NoSuchUpload', $metadata: { httpStatusCode: 404 } });
  });

  it('refuses a small part that is not the last (EntityTooSmall), an unknown part or ETag (InvalidPart) and parts out of order', async () => {
    const UploadId = await start('refused');
    const small = await upload('refused', UploadId, 1, partTwo);
    const last = await upload('refused', UploadId, 2, partTwo);
    const parts = [{ PartNumber: 1, ETag: small.ETag }, { PartNumber: 2, ETag: last.ETag }];
    const complete = (Parts: { PartNumber: number; ETag?: string }[]) => failure(s3.send(new CompleteMultipartUploadCommand({ Bucket: 'uploads', Key: 'refused', UploadId, MultipartUpload: { Parts } })));
    expect(await complete(parts)).toMatchObject({ name: 'EntityTooSmall', $metadata: { httpStatusCode: 400 } });
    expect(await complete([{ PartNumber: 3, ETag: last.ETag }])).toMatchObject({ name: 'InvalidPart', $metadata: { httpStatusCode: 400 } });
    expect(await complete([{ PartNumber: 1, ETag: '"00000000000000000000000000000000"' }])).toMatchObject({ name: 'InvalidPart' });
    expect(await complete([parts[1], parts[0]])).toMatchObject({ name: 'InvalidPartOrder' });
    expect(existsSync(join(s3Dir, 'uploads', 'refused'))).toBe(false);
  });

  it('aborts an upload, after which its id is NoSuchUpload', async () => {
    const UploadId = await start('aborted');
    await upload('aborted', UploadId, 1, partTwo);
    await s3.send(new AbortMultipartUploadCommand({ Bucket: 'uploads', Key: 'aborted', UploadId }));
    expect(await failure(upload('aborted', UploadId, 2, partTwo))).toMatchObject({ name: 'NoSuchUpload', $metadata: { httpStatusCode: 404 } });
    expect(await failure(s3.send(new AbortMultipartUploadCommand({ Bucket: 'uploads', Key: 'aborted', UploadId: '../../../etc' })))).toMatchObject({ name: 'NoSuchUpload' });
  });

  it('takes a single PutObject body past the 16 MB limit of the JSON APIs', async () => {
    const body = Buffer.alloc(17 * MIB, 7);
    const put = await s3.send(new PutObjectCommand({ Bucket: 'uploads', Key: 'large.bin', Body: body }));
    expect(put.ETag).toBe(`"${md5(body).toString('hex')}"`);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'uploads', Key: 'large.bin' }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(body)).toBe(true);
  });
});
