import { S3Client, type S3ServiceException } from '@aws-sdk/client-s3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator.js';

/** The emulator of one S3 test file, its own --s3-dir folder and an SDK v3 S3 client (path style), filled in by beforeAll. */
export interface S3TestHandle {
  env: TestEmulator;
  s3: S3Client;
  s3Dir: string;
}

/** The S3 client settings of a test emulator: fake credentials, one attempt; path style unless told. */
export function s3ClientSettings(endpoint: string) {
  return { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, maxAttempts: 1 };
}

/**
 * Starts one emulator for a test file with a fresh --s3-dir folder, and stops it and removes the folder after. The
 * folder is `<fresh folder>/s3`, so a test can check that nothing was written beside it.
 */
export function useS3Emulator(name: string): S3TestHandle {
  const root = mkdtempSync(join(tmpdir(), `cpl-s3-${name}-`));
  const handle = { s3Dir: join(root, 's3') } as S3TestHandle;
  beforeAll(async () => {
    handle.env = await startTestEmulator({ s3Dir: handle.s3Dir });
    handle.s3 = new S3Client({ ...s3ClientSettings(handle.env.url), forcePathStyle: true });
  });
  afterAll(async () => {
    handle.s3?.destroy();
    await handle.env?.close();
    rmSync(root, { recursive: true, force: true });
  });
  return handle;
}

/** The S3 error a call fails with, or undefined when it succeeds (so a test can assert on both). */
export function failure(promise: Promise<unknown>): Promise<S3ServiceException | undefined> {
  return promise.then(() => undefined, (error: S3ServiceException) => error);
}
