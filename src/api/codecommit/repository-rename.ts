import type { UpdateRepositoryNameInput } from '@aws-sdk/client-codecommit';
import { rename } from 'node:fs/promises';
import { bareRepositoryPath } from '../../git/index.js';
import { repositoryArn } from '../../store/index.js';
import type { HandlerOutput, NoOutput, RequestContext } from '../protocol/index.js';
import type { CodeCommitDeps } from './deps.js';
import { InvalidRepositoryNameException, RepositoryNameExistsException } from './errors.js';
import type { CodeCommitInput } from './operations.js';
import { findRepository, requireRepositoryName, scopeOf } from './validate.js';

/**
 * UpdateRepositoryName: renames a repository; its folder moves with it, its tags follow its ARN, and its clone URL
 * changes. A registered checkout is named by the configuration, so it keeps its name.
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
  deps.log.info({ oldName, newName }, 'renamed repository');
  return {};
}
