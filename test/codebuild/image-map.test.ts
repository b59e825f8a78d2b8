import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_BUILD_IMAGE, loadImageMap, mapImage } from '../../src/codebuild/index.js';

describe('image map', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cpl-imagemap-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('maps CodeBuild managed images to the default build image', () => {
    const map = loadImageMap();
    for (const name of ['aws/codebuild/standard:7.0', 'aws/codebuild/standard:5.0', 'aws/codebuild/amazonlinux2-x86_64-standard:5.0', 'aws/codebuild/amazonlinux-x86_64-standard:5.0']) {
      expect(mapImage(map, name)).toBe(DEFAULT_BUILD_IMAGE);
    }
  });

  it('uses any other image as given', () => {
    expect(mapImage(loadImageMap(), 'node:20-bookworm')).toBe('node:20-bookworm');
  });

  describe('when the user gives a map', () => {
    it('lays it over the built-in one, exact names and the longest prefix winning', () => {
      const file = join(dir, 'map.json');
      writeFileSync(file, JSON.stringify({ 'aws/codebuild/standard:7.0': 'mine/seven:1', 'aws/codebuild/standard:6*': 'mine/six:1', 'public.ecr.aws/*': 'mine/ecr:1' }));
      const map = loadImageMap(file);
      expect(mapImage(map, 'aws/codebuild/standard:7.0')).toBe('mine/seven:1');
      expect(mapImage(map, 'aws/codebuild/standard:6.0')).toBe('mine/six:1');
      expect(mapImage(map, 'aws/codebuild/standard:5.0')).toBe(DEFAULT_BUILD_IMAGE);
      expect(mapImage(map, 'public.ecr.aws/codebuild/x:1')).toBe('mine/ecr:1');
    });
  });

  describe('when the user map is not a JSON object of strings', () => {
    it('fails naming the file and the expected form', () => {
      const file = join(dir, 'bad.json');
      writeFileSync(file, '["nope"]');
      expect(() => loadImageMap(file)).toThrow(new RegExp(`${file}.*must be a JSON object`));
    });
  });
});
