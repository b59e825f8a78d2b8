import { describe, expect, it } from 'vitest';
import { safeHref } from '../../../src/ui/app/lib/safe-href.js';

const PAGE = 'http://127.0.0.1:4599/console/pipelines/web';

describe('safeHref', () => {
  describe('when the URL is http or https', () => {
    it('returns it as the browser would resolve it', () => {
      expect(safeHref('https://example.com/review?change=42', PAGE)).toBe('https://example.com/review?change=42');
      expect(safeHref('HTTP://Example.com', PAGE)).toBe('http://example.com/');
      expect(safeHref('/codebuild/logs/b-1', PAGE)).toBe('http://127.0.0.1:4599/codebuild/logs/b-1');
    });
  });

  describe('when the URL has another scheme', () => {
    it('returns undefined, however the scheme is disguised', () => {
      const unsafe = ['javascript:alert(1)', 'JavaScript:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', '\njavascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox', 'file:///etc/passwd'];
      for (const url of unsafe) expect(safeHref(url, PAGE), url).toBeUndefined();
    });
  });

  describe('when there is no URL', () => {
    it('returns undefined', () => {
      expect(safeHref(undefined, PAGE)).toBeUndefined();
      expect(safeHref('', PAGE)).toBeUndefined();
    });
  });
});
