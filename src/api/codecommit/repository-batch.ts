import type { BatchGetRepositoriesInput, BatchGetRepositoriesOutput, UpdateDefaultBranchInput } from '@aws-sdk/client-codecommit';
import { resolveBranch, setHeadBranch } from '../../git/index.js';
import type { HandlerOutput, NoOutput, RequestContext } from '../protocol/index.js';
import type { CodeCommitDeps } from './deps.js';
import { BranchDoesNotExistException, InvalidBranchNameException } from './errors.js';
import { MaximumRepositoryNamesExceededException, RepositoryNamesRequiredException } from './file-errors.js';
import { repositoryMetadata } from './metadata.js';
import type { CodeCommitInput } from './operations.js';
import { findRepository, invalidRepositoryName, requireBranchName, requireRepositoryName, scopeOf } from './validate.js';

const MAX_REPOSITORY_NAMES = 100;

/** BatchGetRepositories: the metadata of up to 100 repositories; names with no repository are listed apart. */
export async function batchGetRepositories(deps: CodeCommitDeps, input: CodeCommitInput<BatchGetRepositoriesInput>, ctx: RequestContext): Promise<HandlerOutput<BatchGetRepositoriesOutput>> {
  const names = input.repositoryNames ?? [];
  if (names.length === 0) throw new RepositoryNamesRequiredException();
  if (names.length > MAX_REPOSITORY_NAMES) throw new MaximumRepositoryNamesExceededException();
  // The model lists no RepositoryNameRequiredException here: an empty name in the list is an invalid one.
  for (const name of names) {
    if (name === '') throw invalidRepositoryName();
    requireRepositoryName(name);
  }
  const records = names.map((name) => deps.repositories.get(scopeOf(ctx), name));
  return {
    repositories: await Promise.all(records.flatMap((r) => (r ? [repositoryMetadata(deps, r)] : []))),
    repositoriesNotFound: names.filter((_, i) => !records[i]),
    errors: [],
  };
}

/**
 * UpdateDefaultBranch: makes an existing branch the one clones check out. A registered checkout's default branch
 * is the branch checked out in it, which only the user changes there.
 */
export async function updateDefaultBranch(deps: CodeCommitDeps, input: CodeCommitInput<UpdateDefaultBranchInput>, ctx: RequestContext): Promise<HandlerOutput<NoOutput>> {
  const record = findRepository(deps, ctx, requireRepositoryName(input.repositoryName));
  const branchName = requireBranchName(input.defaultBranchName);
  if (!(await resolveBranch(record.gitDir, branchName))) throw new BranchDoesNotExistException(`The specified branch does not exist: ${branchName}`);
  if (record.registered) {
    throw new InvalidBranchNameException(`${record.name} is a registered checkout: its default branch is the branch checked out in it, so check out ${branchName} there instead.`);
  }
  await setHeadBranch(record.gitDir, branchName);
  deps.repositories.setDefaultBranch(record, record.name, branchName, deps.clock.now());
  return {};
}
