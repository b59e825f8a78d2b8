import { createBranchRef, deleteBranchRef, listBranches as listBranchRefs, readCommitObject, resolveBranch } from '../../git/index.js';
import type {
  CreateBranchInput,
  DeleteBranchInput,
  DeleteBranchOutput,
  GetBranchInput,
  GetBranchOutput,
  ListBranchesInput,
  ListBranchesOutput,
} from '@aws-sdk/client-codecommit';
import { pageByOffset, type HandlerOutput, type NoOutput, type RequestContext } from '../protocol/index.js';
import { currentDefaultBranch } from './default-branch.js';
import type { CodeCommitDeps } from './deps.js';
import type { CodeCommitInput } from './operations.js';
import {
  BranchDoesNotExistException,
  BranchNameExistsException,
  CommitDoesNotExistException,
  DefaultBranchCannotBeDeletedException,
  InvalidContinuationTokenException,
} from './errors.js';
import { checkCommitIdFormat, findRepository, requireBranchName, requireCommitId, requireRepositoryName } from './validate.js';

const BRANCHES_PAGE_SIZE = 100;

/** GetBranch: the commit a branch points at. */
export async function getBranch(deps: CodeCommitDeps, input: CodeCommitInput<GetBranchInput>, ctx: RequestContext): Promise<HandlerOutput<GetBranchOutput>> {
  const name = requireRepositoryName(input.repositoryName);
  const branchName = requireBranchName(input.branchName);
  const record = findRepository(deps, ctx, name);
  const commitId = await resolveBranch(record.gitDir, branchName);
  if (!commitId) throw new BranchDoesNotExistException(`The specified branch does not exist: ${branchName}`);
  return { branch: { branchName, commitId } };
}

/** ListBranches: branch names in name order, 100 to a page. */
export async function listBranches(deps: CodeCommitDeps, input: CodeCommitInput<ListBranchesInput>, ctx: RequestContext): Promise<HandlerOutput<ListBranchesOutput>> {
  const record = findRepository(deps, ctx, requireRepositoryName(input.repositoryName));
  const names = (await listBranchRefs(record.gitDir)).map((b) => b.branchName);
  const page = pageByOffset(names, input.nextToken, BRANCHES_PAGE_SIZE, () => new InvalidContinuationTokenException('The specified continuation token is not valid.'));
  return { branches: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

/** CreateBranch: a new branch at an existing commit; no output. */
export async function createBranch(deps: CodeCommitDeps, input: CodeCommitInput<CreateBranchInput>, ctx: RequestContext): Promise<NoOutput> {
  const name = requireRepositoryName(input.repositoryName);
  const branchName = requireBranchName(input.branchName);
  const commitId = requireCommitId(input.commitId);
  const record = findRepository(deps, ctx, name);
  checkCommitIdFormat(commitId);
  const exists = new BranchNameExistsException(`Cannot create the branch ${branchName} because a branch with that name already exists. Branch names must be unique.`);
  if (await resolveBranch(record.gitDir, branchName)) throw exists;
  if (!(await readCommitObject(record.gitDir, commitId))) throw new CommitDoesNotExistException(`The specified commit does not exist: ${commitId}`);
  if (!(await createBranchRef(record.gitDir, branchName, commitId))) throw exists;
  return {};
}

/**
 * DeleteBranch: returns the deleted branch and the commit it pointed at. A branch that does not exist gives an
 * empty result (the operation has no BranchDoesNotExistException); the default branch cannot be deleted.
 */
export async function deleteBranch(deps: CodeCommitDeps, input: CodeCommitInput<DeleteBranchInput>, ctx: RequestContext): Promise<HandlerOutput<DeleteBranchOutput>> {
  const name = requireRepositoryName(input.repositoryName);
  const branchName = requireBranchName(input.branchName);
  const record = findRepository(deps, ctx, name);
  const commitId = await resolveBranch(record.gitDir, branchName);
  if (!commitId) return {};
  if ((await currentDefaultBranch(deps, record)) === branchName) {
    throw new DefaultBranchCannotBeDeletedException(
      'The specified branch is the default branch for the repository, and cannot be deleted. To delete this branch, you must first set another branch as the default branch.',
    );
  }
  if (!(await deleteBranchRef(record.gitDir, branchName, commitId))) return {};
  return { deletedBranch: { branchName, commitId } };
}
