import { describe, expect, it } from 'vitest';
import { BuildLog, agentTimestamp } from '../../src/codebuild/build-log.js';

describe('BuildLog', () => {
  describe('when the agent prints a line', () => {
    it('stamps it as CodeBuild does, in UTC with microseconds', () => {
      expect(agentTimestamp(Date.UTC(2026, 10, 26, 9, 0, 0, 123))).toBe('2026/11/26 09:00:00.123000');
      const lines: string[] = [];
      new BuildLog({ clock: { now: () => Date.UTC(2026, 0, 2, 3, 4, 5, 6) }, onLog: (l) => lines.push(l), secrets: [] }).agent('Running command a\nb');
      expect(lines).toEqual(['[Container] 2026/01/02 03:04:05.006000 Running command a', 'b']);
    });
  });

  describe('when command output arrives in chunks', () => {
    it('prints whole lines, keeps split characters whole, and masks secrets', () => {
      const lines: string[] = [];
      const log = new BuildLog({ clock: { now: () => 0 }, onLog: (l) => lines.push(l), secrets: ['hunter2', 'hunter'] });
      const out = log.output();
      const text = Buffer.from('héllo hunter2\r\nsecond hunter line\nunterminated');
      out.write(text.subarray(0, 2));
      out.write(text.subarray(2, 20));
      out.write(text.subarray(20));
      out.flush();
      expect(lines).toEqual(['héllo ***', 'second *** line', 'unterminated']);
    });
  });

  describe('when command output has no newline for a long while', () => {
    it('prints it in pieces of 256 KiB rather than holding it all', () => {
      const lines: string[] = [];
      const log = new BuildLog({ clock: { now: () => 0 }, onLog: (l) => lines.push(l), secrets: [] });
      const out = log.output();
      for (let i = 0; i < 5; i++) out.write(Buffer.alloc(128 * 1024, 'z'));
      expect(lines.map((l) => l.length)).toEqual([256 * 1024, 256 * 1024]);
      out.flush();
      expect(lines.map((l) => l.length)).toEqual([256 * 1024, 256 * 1024, 128 * 1024]);
    });
  });
});
