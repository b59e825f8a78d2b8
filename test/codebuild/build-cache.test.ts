import { describe, expect, it } from 'vitest';
import { planCache } from '../../src/codebuild/build-cache.js';

describe('planCache', () => {
  describe('when the buildspec lists cache paths', () => {
    it('turns them into folders, keying relative ones by their path under the source', () => {
      const plan = planCache({ paths: ['/root/.m2/**/*', 'node_modules/**/*', './vendor/', '.gradle/*'], fallbackKeys: [] }, '/codebuild/output/src1/src');
      expect(plan).toEqual({
        folders: [
          { path: '/root/.m2', key: 'absolute/root/.m2' },
          { path: '/codebuild/output/src1/src/node_modules', key: 'source/node_modules' },
          { path: '/codebuild/output/src1/src/vendor', key: 'source/vendor' },
          { path: '/codebuild/output/src1/src/.gradle', key: 'source/.gradle' },
        ],
        skipped: [],
      });
    });

    it('skips what is not a folder path', () => {
      expect(planCache({ paths: ['**/*', '**/target/**/*', '../outside/**/*'], fallbackKeys: [] }, '/src').skipped).toEqual([
        '**/*',
        '**/target/**/*',
        '../outside/**/*',
      ]);
    });
  });

  describe('when there is no cache section', () => {
    it('plans nothing', () => {
      expect(planCache(undefined, '/src')).toEqual({ folders: [], skipped: [] });
    });
  });
});
