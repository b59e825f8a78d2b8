import { ensureBuildImage } from './build-image.js';

/**
 * A vitest globalSetup that builds the default build image once before any test file runs, printing the docker
 * build steps (to enable: `globalSetup: ['test/codebuild/global-setup.ts']` in vitest.config.ts). Docker test
 * files also call ensureBuildImage() in their beforeAll, so they pass without it.
 */
export async function setup(): Promise<void> {
  await ensureBuildImage();
}
