import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readUpTo } from '../../src/runner/index.js';

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

const source = (...chunks: string[]) => Readable.from(chunks.map((c) => Buffer.from(c)));

describe('readUpTo', () => {
  describe('when the stream fits within the limit', () => {
    it('gives it whole, and as a stream again', async () => {
      const read = await readUpTo(source('ab', 'cd'), 4);
      expect(read.whole?.toString('utf8')).toBe('abcd');
      expect(await readAll(read.stream())).toBe('abcd');
    });
  });

  describe('when the stream is longer than the limit', () => {
    it('gives no whole, and the stream from its first byte to its last', async () => {
      const read = await readUpTo(source('ab', 'cd', 'ef', 'gh'), 3);
      expect(read.whole).toBeUndefined();
      expect(await readAll(read.stream())).toBe('abcdefgh');
    });
  });
});
