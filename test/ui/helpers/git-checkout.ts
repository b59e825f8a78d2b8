import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

const ENV = { ...process.env, GIT_AUTHOR_NAME: 'Ada Lovelace', GIT_AUTHOR_EMAIL: 'ada@example.com', GIT_COMMITTER_NAME: 'Ada Lovelace', GIT_COMMITTER_EMAIL: 'ada@example.com', GIT_CONFIG_NOSYSTEM: '1' };

/** A git checkout with one commit on `main`, made before the emulator starts, to register with `--repo`. */
export interface GitCheckout {
  dir: string;
  commitId: string;
}

/** Makes a checkout holding `files` in one commit with `message`, for the tests of the enclosing describe block. */
export function useGitCheckout(files: Record<string, string>, message: string): GitCheckout {
  const checkout = { dir: '', commitId: '' };
  beforeAll(() => {
    checkout.dir = mkdtempSync(join(tmpdir(), 'cpl-ui-repo-'));
    const git = (...args: string[]) => execFileSync('git', args, { cwd: checkout.dir, env: ENV }).toString().trim();
    git('init', '--quiet', '--initial-branch=main');
    for (const [path, content] of Object.entries(files)) writeFileSync(join(checkout.dir, path), content);
    git('add', '--all');
    git('commit', '--quiet', '-m', message);
    checkout.commitId = git('rev-parse', 'HEAD');
  });
  afterAll(() => checkout.dir && rmSync(checkout.dir, { recursive: true, force: true }));
  return checkout;
}
