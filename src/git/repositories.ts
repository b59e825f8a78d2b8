import { appendFile, realpath, rm, stat } from 'node:fs/promises';
import { join, relative, resolve, isAbsolute } from 'node:path';
import { gitClient } from './client.js';
import { runGit } from './git.js';

/** Where a repository's git data is: its git directory, and for a checkout its working tree. */
export interface GitLocation {
  gitDir: string;
  workTree?: string;
}

/**
 * Returns the folder of an emulator-made bare repository: `<root>/<account>/<region>/<name>.git`.
 * Callers pass validated names; the containment check is a second line of defence against path traversal.
 */
export function bareRepositoryPath(root: string, account: string, region: string, name: string): string {
  const base = resolve(root);
  const path = resolve(base, account, region, `${name}.git`);
  const rel = relative(base, path);
  if (rel.startsWith('..') || isAbsolute(rel) || rel.split(/[\\/]/).length !== 3) {
    throw new Error(`Refusing a repository path outside ${base}: ${path}`);
  }
  return path;
}

/** Creates an empty bare repository that accepts pushes over smart HTTP, replacing any leftover folder. */
export async function initBareRepository(gitDir: string): Promise<void> {
  // A folder left by an interrupted create or delete is not in the store, so nothing refers to it.
  await rm(gitDir, { recursive: true, force: true });
  await runGit(['init', '--quiet', '--bare', '--', gitDir]);
  // Appended rather than set with two more `git config` processes: a repeated section is valid git config.
  // Reflogs let a user recover a branch deleted through the API; bare repositories have none by default.
  await appendFile(join(gitDir, 'config'), '[http]\n\treceivepack = true\n[core]\n\tlogAllRefUpdates = true\n');
}

/** Deletes an emulator-made bare repository from disk. */
export async function removeBareRepository(gitDir: string): Promise<void> {
  await rm(gitDir, { recursive: true, force: true });
}

/** Why a folder cannot be registered as a repository. */
export class NotARepositoryError extends Error {}

/**
 * Finds the git directory of a folder that must itself be a git working tree (its top level) or a bare
 * repository; a folder merely inside someone else's working tree is refused, so a typo never registers a parent.
 */
export async function inspectRepository(path: string): Promise<GitLocation> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isDirectory()) throw new NotARepositoryError(`${path} does not exist or is not a folder`);
  const real = await realpath(path);
  const git = gitClient({ cwd: real });
  const found = await git.revparse(['--is-bare-repository', '--absolute-git-dir']).catch((error: Error) => {
    throw new NotARepositoryError(`${path} is not a git repository (${error.message.trim()})`);
  });
  const [bare, gitDir] = found.split('\n');
  if (bare === 'true') {
    if ((await realpath(gitDir)) !== real) throw new NotARepositoryError(`${path} is inside the bare repository ${gitDir}, not the repository itself`);
    return { gitDir };
  }
  const workTree = await git.revparse(['--show-toplevel']);
  if ((await realpath(workTree)) !== real) throw new NotARepositoryError(`${path} is inside the git working tree ${workTree}, not its top level`);
  return { gitDir, workTree: real };
}

/** The folder under the data directory that holds every emulator-made repository. */
export function gitRoot(dataDir: string): string {
  return join(dataDir, 'git');
}
