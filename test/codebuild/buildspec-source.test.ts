import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BuildspecMissing, INLINE_BUILDSPEC_LOCATION, readBuildspec } from '../../src/codebuild/index.js';
import { S3Storage } from '../../src/s3/index.js';

describe('readBuildspec', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cpl-buildspec-'));
  const src = join(dir, 'src');
  const s3 = new S3Storage(join(dir, 's3'), () => Date.now());
  mkdirSync(join(src, 'ci'), { recursive: true });
  mkdirSync(join(dir, 's3', 'bucket'), { recursive: true });
  writeFileSync(join(src, 'buildspec.yml'), 'version: 0.2 # default\n');
  writeFileSync(join(src, 'ci', 'release.yml'), 'version: 0.2 # release\n');
  writeFileSync(join(dir, 's3', 'bucket', 'spec.yml'), 'version: 0.2 # s3\n');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads buildspec.yml from the source by default', async () => {
    expect(await readBuildspec(undefined, src, s3)).toEqual({ text: 'version: 0.2 # default\n', location: 'buildspec.yml' });
  });

  it('reads a path relative to the source, inline YAML, or an S3 object', async () => {
    expect((await readBuildspec('ci/release.yml', src, s3)).text).toContain('release');
    expect(await readBuildspec('version: 0.2\nphases: {}\n', src, s3)).toEqual({ text: 'version: 0.2\nphases: {}\n', location: INLINE_BUILDSPEC_LOCATION });
    expect((await readBuildspec('arn:aws:s3:::bucket/spec.yml', src, s3)).text).toContain('s3');
  });

  describe('when the file is missing or outside the source', () => {
    it("fails with CodeBuild's YAML_FILE_ERROR message", async () => {
      for (const spec of ['missing.yml', '../outside.yml', '/etc/passwd', 'arn:aws:s3:::bucket/missing.yml', 'arn:aws:s3:::no-such-bucket/spec.yml', 'arn:aws:s3:::bucket/../x.yml']) {
        await expect(readBuildspec(spec, src, s3)).rejects.toThrow(BuildspecMissing);
      }
      await expect(readBuildspec(undefined, join(dir, 'empty'), s3)).rejects.toThrow('YAML file does not exist');
    });
  });
});
