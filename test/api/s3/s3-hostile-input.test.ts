import { CreateBucketCommand } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useS3Emulator } from './s3-emulator.js';

const AUTH = `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}`;
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

/** Path segments as a hostile client might send them: dots, slashes, encoded slashes and NULs, unicode, long runs. */
const segment = fc.oneof(
  fc.constantFrom('.', '..', '', '%2e%2e', '%2F', '%00', '%5C', '~', ' ', '+', '.s3-meta', 'a'.repeat(300)),
  fc.string({ unit: 'grapheme', maxLength: 12 }).map(encodeURIComponent),
);
const keyPath = fc.array(segment, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('/'));
const header = fc.oneof(fc.constant(undefined), fc.string({ maxLength: 40 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')));

describe('the S3 API under hostile input', () => {
  const handle = useS3Emulator('hostile');
  beforeAll(async () => {
    await handle.s3.send(new CreateBucketCommand({ Bucket: 'target' }));
  });

  const send = async (method: string, path: string, headers: Record<string, string | undefined>, body?: string) => {
    const clean = Object.fromEntries(Object.entries({ authorization: AUTH, ...headers }).filter(([, v]) => v !== undefined)) as Record<string, string>;
    const res = await fetch(`${handle.env.url}${path}`, { method, headers: clean, body });
    return { status: res.status, text: await res.text() };
  };

  it('answers any key, range, condition and listing parameter with 2xx, 3xx or an S3 error, never a 5xx (but 501 for an operation not emulated), and writes nothing outside --s3-dir', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'PUT', 'HEAD', 'DELETE', 'POST'),
        fc.constantFrom('target', 'missing-bucket', 'Bad_Bucket', 'a', '..'),
        keyPath,
        fc.record({ range: header, 'if-none-match': header, 'if-modified-since': header, 'content-md5': header, 'x-amz-copy-source': header, 'content-encoding': fc.constantFrom(undefined, 'aws-chunked', 'gzip') }),
        fc.constantFrom('', '?uploads', '?uploadId=../../x&partNumber=1', '?list-type=2&continuation-token=%%%', '?list-type=2&max-keys=-1&delimiter=%2F', '?versionId=..%2F..', '?delete', '?versioning', '?tagging'),
        fc.string({ maxLength: 64 }),
        async (method, bucket, key, headers, query, body) => {
          const res = await send(method, `/${bucket}/${key}${query}`, headers, method === 'PUT' || method === 'POST' ? body : undefined);
          const what = `${method} /${bucket}/${key}${query} ${JSON.stringify(headers)} -> ${res.status} ${res.text.slice(0, 300)}`;
          // Operations not emulated yet answer 501 NotImplementedException by design.
          if (res.status === 501) expect(res.text, what).toContain('<Code>NotImplementedException</Code>');
          else expect(res.status, what).toBeLessThan(500);
          if (res.status >= 400 && method !== 'HEAD') expect(res.text).toMatch(/<Error><Code>\w+<\/Code>/);
        },
      ),
      { numRuns: RUNS, endOnFailure: true },
    );
    // --s3-dir is <fresh folder>/s3: anything escaping it would land beside it.
    expect(readdirSync(dirname(handle.s3Dir))).toEqual(['s3']);
    expect((await send('GET', '/', {})).status).toBe(200);
  });
});
