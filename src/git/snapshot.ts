import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runGit } from './git.js';

/** The git directory holding a repository's objects and refs: itself, or the common one of a linked worktree. */
function commonGitDir(gitDir: string): string {
  const pointer = join(gitDir, 'commondir');
  return existsSync(pointer) ? resolve(gitDir, readFileSync(pointer, 'utf8').trim()) : gitDir;
}

/**
 * Makes a throw-away git directory that borrows the repository's objects (through `objects/info/alternates`) and
 * overrides its attributes, so `git archive` ignores `export-ignore` and `export-subst` in the tree: the zip then
 * holds exactly the commit's files, byte for byte, and the user's repository is never written to.
 */
function archiveShim(gitDir: string, scratchDir: string): string {
  const shim = join(scratchDir, 'archive.git');
  mkdirSync(join(shim, 'objects', 'info'), { recursive: true });
  mkdirSync(join(shim, 'refs'), { recursive: true });
  mkdirSync(join(shim, 'info'), { recursive: true });
  writeFileSync(join(shim, 'HEAD'), 'ref: refs/heads/main\n');
  writeFileSync(join(shim, 'objects', 'info', 'alternates'), `${join(commonGitDir(gitDir), 'objects')}\n`);
  writeFileSync(join(shim, 'info', 'attributes'), '* -export-ignore -export-subst\n');
  return shim;
}

/**
 * Writes a zip of the tree of a commit (no `.git`, no enclosing folder) to `outFile`. `scratchDir` is a folder the
 * caller removes afterwards; the commit id must be a full id already resolved in this repository.
 */
export async function archiveCommit(options: { gitDir: string; commitId: string; outFile: string; scratchDir: string }): Promise<void> {
  const shim = archiveShim(options.gitDir, options.scratchDir);
  await runGit(['archive', '--format=zip', `--output=${options.outFile}`, '--end-of-options', options.commitId], { gitDir: shim });
}
