import { simpleGit, type SimpleGit } from 'simple-git';

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
  return simpleGit({ baseDir: options.cwd, allowEnvironment }).env(env);
}
