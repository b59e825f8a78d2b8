import { gitClient } from '../git/index.js';

/** What to check out after cloning: a commit on a named branch, or a version (branch, tag or commit) as CodeBuild's sourceVersion gives it. */
export interface CheckoutTarget {
  commitId?: string;
  branch?: string;
  version?: string;
}

/**
 * Clones a repository with its full history into `dir` (git's own clone, never a shell; simple-git puts `--` before
 * the URL, so it is never read as an option) and checks out the target; returns the full id of the commit checked
 * out, for CODEBUILD_RESOLVED_SOURCE_VERSION.
 */
export async function cloneAndCheckout(cloneUrl: string, dir: string, target: CheckoutTarget = {}): Promise<string> {
  await gitClient().clone(cloneUrl, dir, ['--quiet', '--no-checkout']);
  const clone = gitClient({ cwd: dir });
  if (target.commitId) {
    // On a branch of the source's name, as CodeBuild's clone is, rather than a detached HEAD.
    await clone.checkout(target.branch ? ['--quiet', '-B', target.branch, target.commitId] : ['--quiet', '--detach', target.commitId]);
  } else {
    // A version names a branch, tag or commit; without one, the clone's default branch (what HEAD names).
    await clone.checkout(['--quiet', ...(target.version ? [target.version.replace(/^refs\/heads\//, ''), '--'] : [])]);
  }
  return clone.revparse(['HEAD']);
}
