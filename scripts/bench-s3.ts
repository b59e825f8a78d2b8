/**
 * S3 throughput: PutObject and GetObject of 1 KB and 10 MB objects through the emulator (a child process, the SDK
 * v3 client, path style) against writing and reading the same bytes as files on disk; then a 1 GB upload and
 * download with the server's resident memory sampled, which must stay flat (bodies stream, nothing is buffered whole).
 */
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { progress } from './bench-common.js';
import { UsageSampler } from './bench-process.js';
import { runBenchmark, startEmulatorServer } from './bench-server.js';

const KB = 1024;
const MB = 1024 * KB;
const CASES = [
  { label: '1 KB', size: KB, count: 300 },
  { label: '10 MB', size: 10 * MB, count: 20 },
];

/** Bytes that are not all zero, so no layer can take a shortcut. */
function payload(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i + 4 <= size; i += 4096) bytes.writeUInt32LE(i, i);
  return bytes;
}

async function timed(count: number, each: (i: number) => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await each(i);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function rate(label: string, what: string, count: number, size: number, seconds: number): string {
  return `${label.padEnd(6)} ${what.padEnd(22)} ${(count / seconds).toFixed(1).padStart(8)} ops/s ${((count * size) / MB / seconds).toFixed(1).padStart(8)} MB/s`;
}

/** A stream of `size` bytes made as it is read, so the client holds one chunk at a time. */
function generated(size: number): Readable {
  const chunk = payload(MB);
  let left = size;
  return new Readable({
    read() {
      const n = Math.min(left, chunk.length);
      left -= n;
      this.push(n > 0 ? chunk.subarray(0, n) : null);
    },
  });
}

const discard = () => new Writable({ write: (_c, _e, done) => done() });

runBenchmark('bench-s3', 15 * 60_000, async (dataDir, servers) => {
  const server = await startEmulatorServer(dataDir, (s) => servers.push(s));
  const s3 = new S3Client({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, forcePathStyle: true, maxAttempts: 1 });
  await s3.send(new CreateBucketCommand({ Bucket: 'bench' }));
  const disk = join(dataDir, 'disk-copy');
  await writeFile(join(dataDir, 'probe'), '');
  const lines: string[] = [];
  for (const { label, size, count } of CASES) {
    const body = payload(size);
    progress(`${label}: ${count} puts and gets`);
    const put = await timed(count, (i) => s3.send(new PutObjectCommand({ Bucket: 'bench', Key: `${label}/${i}`, Body: body })));
    const get = await timed(count, async (i) => (await s3.send(new GetObjectCommand({ Bucket: 'bench', Key: `${label}/${i}` }))).Body!.transformToByteArray());
    const write = await timed(count, (i) => writeFile(`${disk}-${i}`, body));
    const read = await timed(count, (i) => readFile(`${disk}-${i}`));
    lines.push(rate(label, 'PutObject', count, size, put), rate(label, 'GetObject', count, size, get), rate(label, 'file write (disk)', count, size, write), rate(label, 'file read (disk)', count, size, read));
    lines.push(`${label.padEnd(6)} PutObject / disk write ${(put / write).toFixed(1)}x, GetObject / disk read ${(get / read).toFixed(1)}x`);
  }
  const sampler = new UsageSampler(server.child.pid!, 5, 200);
  const before = sampler.settled();
  progress('1 GB upload (streamed, aws-chunked) and download');
  const gb = 1024 * MB;
  const up = await timed(1, () => s3.send(new PutObjectCommand({ Bucket: 'bench', Key: 'one-gb', Body: generated(gb), ContentLength: gb })));
  const afterUpload = sampler.peak;
  const down = await timed(1, async () => pipeline((await s3.send(new GetObjectCommand({ Bucket: 'bench', Key: 'one-gb' }))).Body as Readable, discard()));
  sampler.stop();
  s3.destroy();
  lines.push(`1 GB   PutObject ${(1024 / up).toFixed(0)} MB/s, GetObject ${(1024 / down).toFixed(0)} MB/s`);
  lines.push(`server RSS: ${before.rssMb.toFixed(0)} MB before, peak ${afterUpload.rssMb.toFixed(0)} MB during the upload, peak ${sampler.peak.rssMb.toFixed(0)} MB overall`);
  console.log(lines.join('\n'));
  return 0;
});
