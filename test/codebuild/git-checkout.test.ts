import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloneAndCheckout } from '../../src/codebuild/index.js';

describe('cloneAndCheckout', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cpl-checkout-'));
  const repo = join(dir, 'repo');
  const commits: string[] = [];
  const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd }).toString().trim();
  beforeAll(() => {
    execFileSync('git', ['init', '-q', '-b', 'main', repo]);
    for (const content of ['one', 'two']) {
      writeFileSync(join(repo, 'file.txt'), content);
      git(repo, 'add', '.');
      git(repo, 'commit', '-qm', content);
      commits.push(git(repo, 'rev-parse', 'HEAD'));
    }
    git(repo, 'branch', 'old', commits[0]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('checks out the default branch when no version is given', async () => {
    const out = join(dir, 'default');
    expect(await cloneAndCheckout(join(repo, '.git'), out)).toBe(commits[1]);
    expect(readFileSync(join(out, 'file.txt'), 'utf8')).toBe('two');
  });

  it('checks out a branch given as sourceVersion, with or without refs/heads/', async () => {
    expect(await cloneAndCheckout(repo, join(dir, 'branch'), { version: 'old' })).toBe(commits[0]);
    expect(await cloneAndCheckout(repo, join(dir, 'ref'), { version: 'refs/heads/old' })).toBe(commits[0]);
  });

  it('checks out a commit on a branch of the given name, keeping the whole history', async () => {
    const out = join(dir, 'commit');
    expect(await cloneAndCheckout(repo, out, { commitId: commits[0], branch: 'feature' })).toBe(commits[0]);
    expect(git(out, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe('feature');
    expect(git(out, 'rev-list', '--count', 'origin/main')).toBe('2');
  });

  it('never reads a clone URL as an option', async () => {
    const marker = join(dir, 'pwned');
    await expect(cloneAndCheckout(`--upload-pack=touch ${marker}`, join(dir, 'option'))).rejects.toThrow();
    expect(existsSync(marker)).toBe(false);
  });
});
