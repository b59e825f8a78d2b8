import { createRequire } from 'node:module';
import type { SimpleGit } from 'simple-git';

// Required on first use, not imported: serve's start and most requests never use git's porcelain, and the server
// chunk would otherwise compile simple-git and its dependencies at every start.
const require = createRequire(import.meta.url);

// simple-git refuses a task given these explicitly (it only strips them when inherited); git reads the GIT_ ones,
// and a user's settings must not change what the emulator does.
const GUARDED = /^(GIT_.*|EDITOR|VISUAL|PAGER|PREFIX|SSH_ASKPASS)$/i;

/**
 * Returns a simple-git client for git's porcelain (clone, fetch, checkout, rev-parse, show, for-each-ref): in `cwd`,
 * or on the repository `gitDir` names, with `env` added. Git runs without a terminal prompt and in the C locale,
 * never through a shell.
 */
export function gitClient(options: { cwd?: string; gitDir?: string; env?: Record<string, string> } = {}): SimpleGit {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined && !GUARDED.test(name)) env[name] = value;
  Object.assign(env, { LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0' }, options.gitDir ? { GIT_DIR: options.gitDir } : {}, options.env);
  const allowEnvironment = ['GIT_TERMINAL_PROMPT', 'GIT_DIR', ...Object.keys(options.env ?? {})];
  const { simpleGit } = require('simple-git') as typeof import('simple-git');
  return simpleGit({ baseDir: options.cwd, allowEnvironment }).env(env);
}
