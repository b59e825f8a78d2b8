import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { S3Storage } from '../../src/s3/index.js';

let root: string;
let s3: S3Storage;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 's3-put-file-'));
  s3 = new S3Storage(join(root, 's3'), () => Date.now());
  mkdirSync(join(root, 's3', 'bucket'), { recursive: true });
  writeFileSync(join(root, 'app.zip'), 'zip bytes');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('S3Storage.putFile', () => {
  it('stores the file as an object whose ETag is its MD5', async () => {
    const meta = await s3.putFile('bucket', 'builds/app.zip', join(root, 'app.zip'));
    expect(meta.etag).toBe(createHash('md5').update('zip bytes').digest('hex'));
    expect(readFileSync(join(root, 's3', 'bucket', 'builds', 'app.zip'), 'utf8')).toBe('zip bytes');
  });

  describe('when the put is refused before the file is read', () => {
    it('leaves nothing behind that fails once the file is gone', async () => {
      const errors: unknown[] = [];
      const record = (error: unknown) => errors.push(error);
      process.on('uncaughtException', record);
      try {
        await expect(s3.putFile('no-such-bucket', 'app.zip', join(root, 'app.zip'))).rejects.toThrow();
        // A test (or a build's clean-up) removes its scratch folder right after a failed put.
        rmSync(root, { recursive: true, force: true });
        // An open queued before the removal completes before this one, which goes through the same thread pool.
        await stat(tmpdir());
        await new Promise<void>((resolve) => setImmediate(resolve));
      } finally {
        process.off('uncaughtException', record);
      }
      expect(errors).toEqual([]);
    });
  });

  describe('when the file does not exist', () => {
    it('rejects with the file system error', async () => {
      await expect(s3.putFile('bucket', 'app.zip', join(root, 'missing.zip'))).rejects.toThrow(/ENOENT/);
    });
  });
});
