import type { UpdateRepositoryNameInput } from '@aws-sdk/client-codecommit';
import { rename } from 'node:fs/promises';
import { bareRepositoryPath } from '../../git/index.js';
import { repositoryArn, type Scope } from '../../store/index.js';
import type { HandlerOutput, NoOutput, RequestContext } from '../protocol/index.js';
import type { CodeCommitDeps } from './deps.js';
import { InvalidRepositoryNameException, RepositoryNameExistsException } from './errors.js';
import type { CodeCommitInput } from './operations.js';
import { findRepository, requireRepositoryName, scopeOf } from './validate.js';

/** Names the repository by its new name in its pull requests (targets and events), comments and template associations. */
function renameReferences(deps: CodeCommitDeps, scope: Scope, oldName: string, newName: string): void {
  const renamed = <T>(value: T): T =>
    value && typeof value === 'object' && (value as { repositoryName?: string }).repositoryName === oldName ? { ...value, repositoryName: newName } : value;
  deps.pullRequests.renameRepository(scope, oldName, newName, (doc) => ({
    ...doc,
    repositoryName: newName,
    target: renamed(doc.target),
    events: doc.events.map((event) => Object.fromEntries(Object.entries(event).map(([key, value]) => [key, renamed(value)])) as typeof event),
  }));
  deps.comments.renameRepository(scope, oldName, newName, renamed);
  deps.approvalTemplates.renameRepository(scope, oldName, newName);
}

/**
 * UpdateRepositoryName: renames a repository; its folder moves with it, its tags follow its ARN, its pull requests,
 * comments and template associations follow its name, and its clone URL changes. A registered checkout is named by the configuration, so it keeps its name.
 */
export async function updateRepositoryName(deps: CodeCommitDeps, input: CodeCommitInput<UpdateRepositoryNameInput>, ctx: RequestContext): Promise<HandlerOutput<NoOutput>> {
  const oldName = requireRepositoryName(input.oldName);
  const newName = requireRepositoryName(input.newName);
  const record = findRepository(deps, ctx, oldName);
  if (oldName === newName) return {};
  const scope = scopeOf(ctx);
  const taken = () => new RepositoryNameExistsException(`Repository named ${newName} already exists`);
  if (deps.repositories.get(scope, newName)) throw taken();
  if (record.registered) {
    throw new InvalidRepositoryNameException(`${oldName} is a registered checkout, named in the emulator's configuration: rename it there.`);
  }
  const gitDir = bareRepositoryPath(deps.gitRoot, scope.account, scope.region, newName);
  // The row claims the new name first, so a concurrent create or rename cannot take it; the folder follows.
  if (!deps.repositories.rename(scope, oldName, newName, gitDir, deps.clock.now())) throw taken();
  try {
    await rename(record.gitDir, gitDir);
  } catch (error) {
    deps.repositories.rename(scope, newName, oldName, record.gitDir, record.updatedMs);
    throw error;
  }
  deps.tags.moveAll(repositoryArn(scope, oldName), repositoryArn(scope, newName));
  renameReferences(deps, scope, oldName, newName);
  deps.log.info({ oldName, newName }, 'renamed repository');
  return {};
}
