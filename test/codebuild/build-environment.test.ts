import { describe, expect, it } from 'vitest';
import { sourceLayout } from '../../src/codebuild/build-environment.js';

describe('sourceLayout', () => {
  describe('when the build has one source', () => {
    it('puts it at /codebuild/output/src<digits>/src', () => {
      expect(sourceLayout({ sources: [{ dir: '/x' }] }, '123456789')).toEqual({ srcDir: '/codebuild/output/src123456789/src', secondary: {} });
    });
  });

  describe('when the build has secondary sources', () => {
    it('lays them out under s3/00, s3/01, ... as CodeBuild does for CodePipeline inputs', () => {
      const layout = sourceLayout({ sources: [{ dir: '/a' }, { identifier: 'Two', dir: '/b' }, { identifier: 'Three', dir: '/c' }] }, '42');
      expect(layout).toEqual({
        srcDir: '/codebuild/output/src42/src/s3/00',
        secondary: { Two: '/codebuild/output/src42/src/s3/01', Three: '/codebuild/output/src42/src/s3/02' },
      });
    });
  });
});
