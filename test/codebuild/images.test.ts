import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BuildImages, DEFAULT_BUILD_IMAGE, BUILD_IMAGE_DIR, ImageUnavailableError, loadImageMap } from '../../src/codebuild/index.js';
import { createDockerClient, DOCKERFILE_HASH_LABEL, dockerfileHash } from '../../src/runner/index.js';
import { silentLogger } from '../../src/shared/index.js';
import { BUILD_IMAGE_TIMEOUT_MS, ensureBuildImage } from './build-image.js';

describe('BuildImages', () => {
  const docker = createDockerClient(process.env.DOCKER_HOST);
  const dir = mkdtempSync(join(tmpdir(), 'cpl-images-'));
  const tag = `codepipeline-local-test/tiny:${Math.random().toString(36).slice(2, 8)}`;
  beforeAll(ensureBuildImage, BUILD_IMAGE_TIMEOUT_MS);
  afterAll(async () => {
    await docker.getImage(tag).remove({ force: true }).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('has built the default image labelled with the hash of its Dockerfile', async () => {
    const info = await docker.getImage(DEFAULT_BUILD_IMAGE).inspect();
    expect(info.Config.Labels[DOCKERFILE_HASH_LABEL]).toBe(dockerfileHash(BUILD_IMAGE_DIR));
  });

  it('maps managed image names to it and reuses it without building again', async () => {
    const lines: string[] = [];
    const images = new BuildImages({ docker, map: loadImageMap(), log: silentLogger() });
    expect(await images.prepare('aws/codebuild/standard:7.0', (l) => lines.push(l))).toBe(DEFAULT_BUILD_IMAGE);
    expect(lines).toEqual([]);
  });

  describe('when the Dockerfile changes', () => {
    it('builds again, printing the steps', async () => {
      writeFileSync(join(dir, 'Dockerfile'), `FROM debian:bookworm-slim\nRUN echo ${tag} > /marker\n`);
      const images = new BuildImages({ docker, map: {}, log: silentLogger(), buildImageDir: dir, defaultImage: tag });
      const first: string[] = [];
      await images.prepare(tag, (l) => first.push(l));
      expect(first.some((l) => /Step 2\/\d+ : RUN echo/.test(l))).toBe(true);
      writeFileSync(join(dir, 'Dockerfile'), `FROM debian:bookworm-slim\nRUN echo ${tag}-changed > /marker\n`);
      const second: string[] = [];
      await images.prepare(tag, (l) => second.push(l));
      expect(second[0]).toContain('the Dockerfile changed');
      expect((await docker.getImage(tag).inspect()).Config.Labels[DOCKERFILE_HASH_LABEL]).toBe(dockerfileHash(dir));
    }, 120_000);
  });

  describe('when an image is neither present nor pullable', () => {
    it('fails with an error naming the image', async () => {
      const images = new BuildImages({ docker, map: {}, log: silentLogger() });
      const name = 'localhost:1/codepipeline-local/does-not-exist:1';
      const error = await images.prepare(name).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImageUnavailableError);
      expect((error as Error).message).toContain(name);
    }, 60_000);
  });
});
