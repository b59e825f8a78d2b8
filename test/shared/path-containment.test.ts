import { describe, expect, it } from 'vitest';
import { isInside } from '../../src/shared/index.js';

describe('isInside', () => {
  it('accepts a path under the root, however it is spelled', () => {
    expect(isInside('/data/artifacts', '/data/artifacts/bucket/key.zip')).toBe(true);
    expect(isInside('/data/artifacts/', '/data/artifacts/./bucket/../bucket/key.zip')).toBe(true);
  });

  it('accepts a file whose name starts with two dots', () => {
    expect(isInside('/data/artifacts', '/data/artifacts/..hidden')).toBe(true);
  });

  it('refuses a path that climbs out, or a sibling whose name extends the root', () => {
    expect(isInside('/data/artifacts', '/data/artifacts/../secrets')).toBe(false);
    expect(isInside('/data/artifacts', '/data/artifacts-old/key.zip')).toBe(false);
    expect(isInside('/data/artifacts', '/etc/passwd')).toBe(false);
  });

  describe('when the path is the root itself', () => {
    it('refuses it unless allowRoot is given', () => {
      expect(isInside('/data/artifacts', '/data/artifacts/')).toBe(false);
      expect(isInside('/data/artifacts', '/data/artifacts', { allowRoot: true })).toBe(true);
    });
  });
});
