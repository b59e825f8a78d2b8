import { spawn } from 'node:child_process';

/** What a git command printed and how it ended. */
export interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** Thrown when a git command exits non-zero; carries git's own message. */
export class GitError extends Error {
  constructor(
    readonly args: string[],
    readonly code: number,
    readonly stderr: string,
  ) {
    super(`git ${args[0]} failed (${code}): ${stderr.trim()}`);
    this.name = 'GitError';
  }
}

// Git reads these from the environment; a user's settings must not change what the emulator does.
const SCRUBBED = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_CONFIG', 'GIT_CONFIG_PARAMETERS'];

/**
 * Runs git with an argument array, never through a shell, so names and refs cannot inject options or
 * commands (callers still put `--` before user-given paths). Resolves with the output; throws GitError on failure.
 */
export function runGit(args: string[], options: { cwd?: string; gitDir?: string; input?: Buffer | string; env?: NodeJS.ProcessEnv; allowFailure?: boolean } = {}): Promise<GitResult> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of SCRUBBED) delete env[name];
  // The caller's own settings (a temporary GIT_INDEX_FILE) are the emulator's, so they are kept.
  Object.assign(env, { GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' }, options.env);
  const fullArgs = options.gitDir ? [`--git-dir=${options.gitDir}`, ...args] : args;
  return new Promise((resolve, reject) => {
    const child = spawn('git', fullArgs, { cwd: options.cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const result = { code: code ?? 1, stdout: Buffer.concat(out), stderr };
      if (result.code !== 0 && !options.allowFailure) reject(new GitError(args, result.code, stderr));
      else resolve(result);
    });
    // git may exit before reading its input (most commands never read it); the closed pipe is not an error.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}
