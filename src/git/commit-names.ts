import { resolveCommit } from './commits.js';
import { isObjectId, isValidRefName } from './names.js';

/** How a commit specifier (CodeCommit's CommitName) reads: a commit, no commit, or not a name at all. */
export type CommitNameResolution = { commitId: string } | { missing: true } | { invalid: true };

/**
 * Resolves what CodeCommit accepts as a commit specifier: a full commit id, a branch or tag name, or a full ref
 * (`refs/heads/main`). Nothing else (abbreviations, `HEAD~1`, options) is handed to git, so the answer is exact.
 */
export async function resolveCommitName(gitDir: string, name: string): Promise<CommitNameResolution> {
  if (isObjectId(name)) {
    const found = await resolveCommit(gitDir, name);
    return found === name ? { commitId: found } : { missing: true };
  }
  if (!isValidRefName(name)) return { invalid: true };
  const candidates = name.startsWith('refs/') ? [name] : [`refs/heads/${name}`, `refs/tags/${name}`];
  for (const ref of candidates) {
    const commitId = await resolveCommit(gitDir, ref);
    if (commitId) return { commitId };
  }
  return { missing: true };
}
