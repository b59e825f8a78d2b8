import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { statSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { BuildLogs } from '../../src/codebuild/index.js';
import { cutNotice } from '../../src/codebuild/build-logs.js';

describe('BuildLogs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cpl-logs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const logs = new BuildLogs(dir);

  it('stores a build log under <project>/<uuid>.log with secrets masked', () => {
    const secrets: string[] = [];
    const writer = logs.open('web:1111', secrets);
    secrets.push('hunter2');
    writer.line('password is hunter2');
    writer.close();
    expect(logs.pathOf('web:1111')).toBe(join(dir, 'web', '1111.log'));
    expect(logs.read('web:1111')).toBe('password is ***\n');
  });

  it('feeds followers the log so far, then each line, then the end', () => {
    const writer = logs.open('web:2222');
    writer.line('first');
    const seen: string[] = [];
    let ended = false;
    logs.follow('web:2222', { line: (t) => seen.push(t), end: () => (ended = true) });
    writer.line('second');
    expect(ended).toBe(false);
    writer.close();
    expect(seen).toEqual(['first', 'second']);
    expect(ended).toBe(true);
  });

  describe('when the id is not a build id', () => {
    it('refuses paths that would leave the folder', () => {
      expect(() => logs.pathOf('../x:y')).toThrow(/Not a build id/);
      expect(() => logs.pathOf('x:../../y')).toThrow(/Not a build id/);
    });
  });

  describe('when a build writes more than the log limit', () => {
    it('keeps the log under the limit and ends it with a line saying where and why it was cut', () => {
      const capped = new BuildLogs(dir, { maxBytes: 1024 });
      const writer = capped.open('web:3333');
      const seen: string[] = [];
      capped.follow('web:3333', { line: (t) => seen.push(t), end: () => undefined });
      for (let i = 0; i < 200; i++) writer.line(`line ${i} ${'x'.repeat(20)}`);
      writer.close();
      const text = capped.read('web:3333')!;
      const lines = text.trimEnd().split('\n');
      expect(lines.at(-1)).toBe(cutNotice(1024));
      expect(lines.at(-1)).toBe('[codepipeline-local] The log was cut here: it reached 1024 bytes, the build log limit (--build-log-max-mb). The build went on; its later output is not kept.');
      expect(lines.at(-2)).toMatch(/^line \d+ x+$/);
      expect(statSync(capped.pathOf('web:3333')).size).toBeLessThanOrEqual(1024 + Buffer.byteLength(cutNotice(1024)) + 1);
      expect(seen.at(-1)).toBe(cutNotice(1024));
      expect(seen).toHaveLength(lines.length);
    });
  });
});
