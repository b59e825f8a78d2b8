import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll } from 'vitest';

const run = promisify(execFile);

// Git runs asynchronously: the server under test lives in this process, so a blocking git would deadlock it.
const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Ada Lovelace',
  GIT_AUTHOR_EMAIL: 'ada@example.com',
  GIT_COMMITTER_NAME: 'Charles Babbage',
  GIT_COMMITTER_EMAIL: 'charles@example.com',
  GIT_TERMINAL_PROMPT: '0',
  GIT_CONFIG_NOSYSTEM: '1',
};

/** Runs git in a folder and returns its standard output and error; rejects when git fails. */
export async function git(cwd: string, ...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run('git', args, { cwd, env: GIT_ENV, maxBuffer: 64 * 1024 * 1024 });
}

/** Runs git and returns how it ended instead of rejecting. */
export async function gitResult(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    return { code: 0, ...(await git(cwd, ...args)) };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** Makes a temporary folder removed after the test file. */
export function tempDir(prefix = 'cpl-git-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes a file in a working tree and commits it; returns the new commit id. */
export async function commitFile(workTree: string, path: string, content: string, message: string): Promise<string> {
  mkdirSync(dirname(join(workTree, path)), { recursive: true });
  writeFileSync(join(workTree, path), content);
  await git(workTree, 'add', '--', path);
  await git(workTree, 'commit', '--quiet', '-m', message);
  return (await git(workTree, 'rev-parse', 'HEAD')).stdout.trim();
}

/** Makes a working tree with one commit on `branch`; returns the commit id. */
export async function initCheckout(dir: string, branch = 'main'): Promise<string> {
  mkdirSync(dir, { recursive: true });
  await git(dir, 'init', '--quiet', `--initial-branch=${branch}`);
  return commitFile(dir, 'README.md', '# hello\n', 'Initial commit');
}
