import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { extractZip } from '../../src/codebuild/index.js';

describe('extractZip', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cpl-unzip-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps unix modes and symlinks of a git archive', () => {
    const repo = join(dir, 'repo');
    mkdirSync(join(repo, 'bin'), { recursive: true });
    writeFileSync(join(repo, 'bin', 'run.sh'), '#!/bin/sh\necho run\n', { mode: 0o755 });
    writeFileSync(join(repo, 'README.md'), 'hello\n');
    symlinkSync('README.md', join(repo, 'link.md'));
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: repo });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'x');
    git('archive', '--format=zip', '-o', join(dir, 'repo.zip'), 'HEAD');
    const out = join(dir, 'out');
    expect(extractZip(join(dir, 'repo.zip'), out)).toEqual([]);
    expect(statSync(join(out, 'bin', 'run.sh')).mode & 0o777).toBe(0o755);
    expect(statSync(join(out, 'README.md')).mode & 0o111).toBe(0);
    expect(lstatSync(join(out, 'link.md')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(out, 'link.md'))).toBe('README.md');
  });

  describe('when entries or links would leave the folder', () => {
    it('skips them', () => {
      const zip = join(dir, 'evil.zip');
      writeFileSync(zip, zipSync({ '../escape.txt': strToU8('x'), 'ok.txt': strToU8('fine') }));
      const out = join(dir, 'evil-out');
      expect(extractZip(zip, out)).toEqual(['../escape.txt']);
      expect(readFileSync(join(out, 'ok.txt'), 'utf8')).toBe('fine');
      expect(existsSync(join(dir, 'escape.txt'))).toBe(false);
    });
  });
});
