import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';

const ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Ada Lovelace',
  GIT_AUTHOR_EMAIL: 'ada@example.com',
  GIT_COMMITTER_NAME: 'Charles Babbage',
  GIT_COMMITTER_EMAIL: 'charles@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
};

/** A git checkout for provider tests (no server runs in these files, so git may block). */
export class GitFixture {
  readonly dir: string;

  constructor(prefix = 'cpl-src-') {
    this.dir = mkdtempSync(join(tmpdir(), prefix));
    afterAll(() => rmSync(this.dir, { recursive: true, force: true }));
    this.git('init', '--quiet', '--initial-branch=main');
  }

  /** The checkout's git directory. */
  get gitDir(): string {
    return join(this.dir, '.git');
  }

  /** Runs git in the checkout and returns its trimmed output. */
  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, env: ENV }).toString().trim();
  }

  /** Writes files and commits them; returns the commit id. `date` sets both author and committer dates. */
  commit(files: Record<string, string>, message: string, date?: string): string {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(this.dir, path)), { recursive: true });
      writeFileSync(join(this.dir, path), content);
    }
    this.git('add', '--all');
    const env = date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {};
    execFileSync('git', ['commit', '--quiet', '-m', message], { cwd: this.dir, env: { ...ENV, ...env } });
    return this.git('rev-parse', 'HEAD');
  }
}
