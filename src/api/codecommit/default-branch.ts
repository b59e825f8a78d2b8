import { listBranches, readHeadBranch, resolveBranch, setHeadBranch } from '../../git/index.js';
import type { RepositoryRecord } from '../../store/index.js';
import type { CodeCommitDeps } from './deps.js';

/**
 * Gives an emulator-made repository its default branch once it has branches: AWS makes the first branch pushed
 * the default. When one push brings several, the one HEAD already names wins, then `main`, then `master`, then the
 * first by name. HEAD is pointed at it so clones check it out. Returns the record as it now is.
 */
export async function settleDefaultBranch(deps: CodeCommitDeps, record: RepositoryRecord): Promise<RepositoryRecord> {
  if (record.registered || record.defaultBranch) return record;
  const branches = (await listBranches(record.gitDir)).map((b) => b.branchName);
  if (branches.length === 0) return record;
  const head = await readHeadBranch(record.gitDir);
  const chosen = [head, 'main', 'master'].find((b) => b !== undefined && branches.includes(b)) ?? branches[0];
  if (chosen !== head) await setHeadBranch(record.gitDir, chosen);
  const now = deps.clock.now();
  deps.repositories.setDefaultBranch(record, record.name, chosen, now);
  return { ...record, defaultBranch: chosen, updatedMs: now };
}

/**
 * The repository's default branch as clients see it: for a registered checkout, the branch checked out in it
 * now (when it has commits); for an emulator-made repository, the recorded one, settled on first need.
 */
export async function currentDefaultBranch(deps: CodeCommitDeps, record: RepositoryRecord): Promise<string | undefined> {
  if (!record.registered) return (await settleDefaultBranch(deps, record)).defaultBranch;
  const head = await readHeadBranch(record.gitDir);
  return head && (await resolveBranch(record.gitDir, head)) ? head : undefined;
}
