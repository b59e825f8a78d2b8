import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BuildImages, DEFAULT_BUILD_IMAGE, loadImageMap } from '../../src/codebuild/index.js';
import { createDockerClient } from '../../src/runner/index.js';
import { silentLogger } from '../../src/shared/index.js';
import { withDirLock } from '../helpers/dir-lock.js';

/** How long a beforeAll that builds the image may take: the first build downloads Node.js, Python and git (ms). */
export const BUILD_IMAGE_TIMEOUT_MS = 15 * 60_000;

/** The environment and service role of a CodeBuild project that builds in the default build image. */
export const DEFAULT_IMAGE_PROJECT = {
  environment: { type: 'LINUX_CONTAINER', image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_SMALL' },
  serviceRole: 'arn:aws:iam::000000000000:role/service-role/codebuild',
} as const;

// Test files run in parallel workers; one builds the image while the others wait for it.
const LOCK_DIR = join(tmpdir(), 'codepipeline-local-build-image.lock');
const STALE_LOCK_MS = BUILD_IMAGE_TIMEOUT_MS;

/**
 * Makes sure the default build image (codepipeline-local/build:1) is built from docker/build-image, printing each
 * docker build step, so the first Docker test of a run does not time out while the image builds. Call it from a
 * beforeAll with BUILD_IMAGE_TIMEOUT_MS.
 */
export async function ensureBuildImage(): Promise<void> {
  const docker = createDockerClient(process.env.DOCKER_HOST);
  if (!(await docker.ping().then(() => true, () => false))) {
    throw new Error('The Docker engine does not answer: run `npm run setup` (scripts/setup-docker.sh) first');
  }
  const images = new BuildImages({ docker, map: loadImageMap(), log: silentLogger() });
  // A lock left by a killed run would block every later run: one older than a build is taken over.
  await withDirLock(LOCK_DIR, { waitMs: 2 * STALE_LOCK_MS, staleMs: STALE_LOCK_MS, intervalMs: 1000 }, () =>
    images.ensureDefault((line) => console.log(`[codepipeline-local] ${line}`)),
  );
  if (!(await docker.getImage(DEFAULT_BUILD_IMAGE).inspect().then(() => true, () => false))) {
    throw new Error(`${DEFAULT_BUILD_IMAGE} is still missing after building it`);
  }
}
