import { describe, expect, it } from 'vitest';
import { splitCgiHeaders } from '../../src/git/index.js';

describe('splitCgiHeaders', () => {
  describe('when the header block is complete', () => {
    it('reads the status, the headers and the first body bytes (CRLF)', () => {
      const out = splitCgiHeaders(Buffer.from('Status: 403 Forbidden\r\nContent-Type: text/plain\r\n\r\nno\n'));
      expect(out?.status).toBe(403);
      expect(out?.headers).toEqual({ 'Content-Type': 'text/plain' });
      expect(out?.rest.toString()).toBe('no\n');
    });

    it('defaults the status to 200 and accepts bare LF line ends', () => {
      const out = splitCgiHeaders(Buffer.from('Content-Type: application/x-git-upload-pack-advertisement\nCache-Control: no-cache\n\n001e# service'));
      expect(out?.status).toBe(200);
      expect(out?.headers['Cache-Control']).toBe('no-cache');
      expect(out?.rest.toString()).toBe('001e# service');
    });
  });

  describe('when the blank line has not arrived yet', () => {
    it('returns undefined', () => {
      expect(splitCgiHeaders(Buffer.from('Content-Type: text/plain\r\n'))).toBeUndefined();
    });
  });
});
