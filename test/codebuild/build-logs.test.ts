import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BuildLogs } from '../../src/codebuild/index.js';

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
});
