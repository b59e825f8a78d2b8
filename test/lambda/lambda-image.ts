import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { LambdaImage } from '../../src/lambda/index.js';
import { createDockerClient } from '../../src/runner/index.js';
import { silentLogger } from '../../src/shared/index.js';
import { withDirLock } from '../helpers/dir-lock.js';

/** How long a beforeAll that builds the Lambda image may take: the first build upgrades to Debian 13 (ms). */
export const LAMBDA_IMAGE_TIMEOUT_MS = 30 * 60_000;

const LOCK_DIR = join(tmpdir(), 'codepipeline-local-lambda-image.lock');

/**
 * Makes sure the Lambda image (codepipeline-local/lambda:1) is built, printing each docker build step, so the first
 * invocation of a test does not wait for it unseen. Call it from a beforeAll with LAMBDA_IMAGE_TIMEOUT_MS.
 */
export async function ensureLambdaImage(): Promise<void> {
  const docker = createDockerClient(process.env.DOCKER_HOST);
  if (!(await docker.ping().then(() => true, () => false))) {
    throw new Error('The Docker engine does not answer: run `npm run setup` (scripts/setup-docker.sh) first');
  }
  const image = new LambdaImage({ docker, log: silentLogger() });
  await withDirLock(LOCK_DIR, { waitMs: 2 * LAMBDA_IMAGE_TIMEOUT_MS, staleMs: LAMBDA_IMAGE_TIMEOUT_MS, intervalMs: 1000 }, () =>
    image.ensure((line) => console.log(`[codepipeline-local] ${line}`)),
  );
}

/** A zip of text files, as `zip` would make a function's deployment package. */
export function zipOf(files: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])));
}
