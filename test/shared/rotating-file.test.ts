import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, openRotatingFile } from '../../src/shared/index.js';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'cpl-rotate-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('openRotatingFile', () => {
  describe('when the file would grow past its size', () => {
    it('rotates it to .1, .2, ... keeping the newest few, each under the size', async () => {
      const path = join(dir, 'logs', 'server.log');
      const stream = openRotatingFile({ path, maxBytes: 100, keep: 2 });
      for (let i = 0; i < 20; i++) stream.write(`line ${String(i).padStart(2, '0')} ${'x'.repeat(20)}\n`);
      stream.end();
      await finished(stream);
      for (const file of [path, `${path}.1`, `${path}.2`]) expect(statSync(file).size).toBeLessThanOrEqual(100);
      expect(existsSync(`${path}.3`)).toBe(false);
      expect(readFileSync(path, 'utf8').trimEnd().split('\n').at(-1)).toMatch(/^line 19 /);
      expect(readFileSync(`${path}.1`, 'utf8').trimEnd().split('\n').at(-1)).toMatch(/^line 1[0-8] /);
    });
  });

  describe('when the server logs through it', () => {
    it('receives the JSON lines and appends to what an earlier run wrote', async () => {
      const path = join(dir, 'server.log');
      for (const run of [1, 2]) {
        const stream = openRotatingFile({ path, maxBytes: 1024 * 1024 });
        createLogger({ level: 'info', destination: stream }).info({ run }, 'listening');
        stream.end();
        await finished(stream);
      }
      const lines = readFileSync(path, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { run: number; msg: string });
      expect(lines.map((l) => [l.run, l.msg])).toEqual([[1, 'listening'], [2, 'listening']]);
    });
  });
});
