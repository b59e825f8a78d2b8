import { runGit } from '../git/index.js';

/** What to check out after cloning: a commit on a named branch, or a version (branch, tag or commit) as CodeBuild's sourceVersion gives it. */
export interface CheckoutTarget {
  commitId?: string;
  branch?: string;
  version?: string;
}

/**
 * Clones a repository with its full history into `dir` (git's own clone, never a shell) and checks out the
 * target; returns the full id of the commit checked out, for CODEBUILD_RESOLVED_SOURCE_VERSION.
 */
export async function cloneAndCheckout(cloneUrl: string, dir: string, target: CheckoutTarget = {}): Promise<string> {
  await runGit(['clone', '--quiet', '--no-checkout', '--end-of-options', cloneUrl, dir]);
  if (target.commitId) {
    // On a branch of the source's name, as CodeBuild's clone is, rather than a detached HEAD.
    const args = target.branch ? ['checkout', '--quiet', '-B', target.branch, target.commitId] : ['checkout', '--quiet', '--detach', target.commitId];
    await runGit(args, { cwd: dir });
  } else if (target.version) {
    const version = target.version.replace(/^refs\/heads\//, '');
    await runGit(['checkout', '--quiet', version, '--'], { cwd: dir });
  } else {
    // The clone's default branch: what HEAD of the repository names.
    await runGit(['checkout', '--quiet'], { cwd: dir });
  }
  return (await runGit(['rev-parse', 'HEAD'], { cwd: dir })).stdout.toString().trim();
}
