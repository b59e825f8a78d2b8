import type {
  CreateUnreferencedMergeCommitInput,
  CreateUnreferencedMergeCommitOutput,
  GetMergeCommitInput,
  GetMergeCommitOutput,
  GetMergeOptionsInput,
  GetMergeOptionsOutput,
  MergeBranchesByFastForwardInput,
  MergeBranchesByFastForwardOutput,
  MergeBranchesBySquashInput,
  MergeBranchesBySquashOutput,
  MergeBranchesByThreeWayInput,
  MergeBranchesByThreeWayOutput,
} from '@aws-sdk/client-codecommit';
import { advanceBranch, findMergeCommit, isAncestor, isBranchName, mergeBase, readCommitObject, resolveBranch, resolveCommit, writeCommit } from '../../git/index.js';
import type { RepositoryRecord } from '../../store/index.js';
import type { HandlerOutput, RequestContext } from '../protocol/index.js';
import { commitIdentity } from './commit-writer.js';
import type { CodeCommitDeps } from './deps.js';
import { BranchDoesNotExistException } from './errors.js';
import { BranchNameIsTagNameException } from './file-errors.js';
import { analyseMerge, checkMergeModes, resolveMergeCommits, type MergeAnalysis } from './merge-analysis.js';
import { ConcurrentReferenceUpdateException, InvalidMergeOptionException, InvalidTargetBranchException, ManualMergeRequiredException, MergeOptionRequiredException } from './merge-errors.js';
import { checkBranchWritable } from './file-input.js';
import { resolvedMergeTree, type ConflictResolutionInput } from './merge-resolution.js';
import type { CodeCommitInput } from './operations.js';
import { findRepository, requireRepositoryName } from './validate.js';

/** CodeCommit's merge options. */
export type MergeOption = 'FAST_FORWARD_MERGE' | 'SQUASH_MERGE' | 'THREE_WAY_MERGE';
const MERGE_OPTIONS: MergeOption[] = ['FAST_FORWARD_MERGE', 'SQUASH_MERGE', 'THREE_WAY_MERGE'];

/** Checks a required merge option. */
export function requireMergeOption(value: string | undefined): MergeOption {
  if (value === undefined || value === '') throw new MergeOptionRequiredException();
  if (!MERGE_OPTIONS.includes(value as MergeOption)) throw new InvalidMergeOptionException();
  return value as MergeOption;
}

/** What a merge commit is made from, beyond the analysis: who makes it, why, and how conflicts are resolved. */
interface MergeCommitInput {
  sourceCommitSpecifier?: string;
  destinationCommitSpecifier?: string;
  authorName?: string;
  email?: string;
  commitMessage?: string;
  conflictResolution?: ConflictResolutionInput;
}

/**
 * Makes the commit a merge option gives, without moving any branch: the source itself for a fast-forward, or a new
 * commit with git's merged tree (conflicts settled) and one parent (squash) or two (three-way). A source already
 * in the destination leaves the destination as it is.
 */
async function mergeCommitFor(deps: CodeCommitDeps, record: RepositoryRecord, ctx: RequestContext, analysis: MergeAnalysis, option: MergeOption, input: MergeCommitInput) {
  const { gitDir } = record;
  const treeOf = async (commitId: string) => ({ commitId, treeId: (await readCommitObject(gitDir, commitId))!.treeId });
  if (await isAncestor(gitDir, analysis.sourceCommitId, analysis.destinationCommitId)) return treeOf(analysis.destinationCommitId);
  if (option === 'FAST_FORWARD_MERGE') {
    if (!analysis.fastForward) throw new ManualMergeRequiredException();
    return treeOf(analysis.sourceCommitId);
  }
  const who = commitIdentity(deps, ctx, input);
  const treeId = await resolvedMergeTree(gitDir, analysis, input.conflictResolution);
  const parents = option === 'THREE_WAY_MERGE' ? [analysis.destinationCommitId, analysis.sourceCommitId] : [analysis.destinationCommitId];
  const message = input.commitMessage ?? `Merge ${input.sourceCommitSpecifier} into ${input.destinationCommitSpecifier}\n`;
  return { commitId: await writeCommit(gitDir, { treeId, parents, message, author: who, committer: who }), treeId };
}

/** The branch a merge moves: `targetBranch`, or else the destination when it names a branch. */
async function targetBranchOf(record: RepositoryRecord, input: { targetBranch?: string; destinationCommitSpecifier?: string }): Promise<{ branchName: string; head: string }> {
  const branchName = input.targetBranch ?? input.destinationCommitSpecifier?.replace(/^refs\/heads\//, '');
  if (!branchName || !isBranchName(branchName)) throw new InvalidTargetBranchException();
  const head = await resolveBranch(record.gitDir, branchName);
  if (head) return { branchName, head };
  if (await resolveCommit(record.gitDir, `refs/tags/${branchName}`)) throw new BranchNameIsTagNameException();
  throw new BranchDoesNotExistException(`The specified branch does not exist: ${branchName}`);
}

/** The input every MergeBranchesBy* operation (and a pull request merge) gives. */
export type MergeBranchesInput = CodeCommitInput<MergeBranchesBySquashInput> & { targetBranch?: string };

/** Merges by one option and moves the target branch from the head it had, as a push would (pipelines follow). */
export async function mergeBranches(deps: CodeCommitDeps, input: MergeBranchesInput, ctx: RequestContext, option: MergeOption): Promise<{ commitId: string; treeId: string }> {
  const record = findRepository(deps, ctx, requireRepositoryName(input.repositoryName));
  await resolveMergeCommits(deps, record, input);
  const target = await targetBranchOf(record, input);
  await checkBranchWritable(record, target.branchName);
  const analysis = await analyseMerge(deps, record, input);
  const result = await mergeCommitFor(deps, record, ctx, analysis, option, input);
  if (result.commitId !== target.head && !(await advanceBranch(record.gitDir, target.branchName, result.commitId, target.head, option))) {
    throw new ConcurrentReferenceUpdateException();
  }
  deps.log.info({ repositoryName: record.name, branchName: target.branchName, commitId: result.commitId, option }, 'branches merged through the API');
  return result;
}

/** MergeBranchesByFastForward: moves the target branch to the source commit, which must contain the destination. */
export function mergeBranchesByFastForward(deps: CodeCommitDeps, input: CodeCommitInput<MergeBranchesByFastForwardInput>, ctx: RequestContext): Promise<HandlerOutput<MergeBranchesByFastForwardOutput>> {
  return mergeBranches(deps, input, ctx, 'FAST_FORWARD_MERGE');
}

/** MergeBranchesBySquash: one new commit on the target branch with the merged files and the destination as its only parent. */
export function mergeBranchesBySquash(deps: CodeCommitDeps, input: CodeCommitInput<MergeBranchesBySquashInput>, ctx: RequestContext): Promise<HandlerOutput<MergeBranchesBySquashOutput>> {
  return mergeBranches(deps, input, ctx, 'SQUASH_MERGE');
}

/** MergeBranchesByThreeWay: a merge commit on the target branch with the destination and the source as parents. */
export function mergeBranchesByThreeWay(deps: CodeCommitDeps, input: CodeCommitInput<MergeBranchesByThreeWayInput>, ctx: RequestContext): Promise<HandlerOutput<MergeBranchesByThreeWayOutput>> {
  return mergeBranches(deps, input, ctx, 'THREE_WAY_MERGE');
}

/** CreateUnreferencedMergeCommit: the commit a merge option would make, left unreferenced by any branch. */
export async function createUnreferencedMergeCommit(
  deps: CodeCommitDeps,
  input: CodeCommitInput<CreateUnreferencedMergeCommitInput>,
  ctx: RequestContext,
): Promise<HandlerOutput<CreateUnreferencedMergeCommitOutput>> {
  const record = findRepository(deps, ctx, requireRepositoryName(input.repositoryName));
  const option = requireMergeOption(input.mergeOption);
  const analysis = await analyseMerge(deps, record, input);
  return mergeCommitFor(deps, record, ctx, analysis, option, input);
}

/** GetMergeOptions: the merge options that would succeed now, without resolution entries. */
export async function getMergeOptions(deps: CodeCommitDeps, input: CodeCommitInput<GetMergeOptionsInput>, ctx: RequestContext): Promise<HandlerOutput<GetMergeOptionsOutput>> {
  const record = findRepository(deps, ctx, requireRepositoryName(input.repositoryName));
  const analysis = await analyseMerge(deps, record, input);
  const mergeable = analysis.unresolved.length === 0;
  const mergeOptions = MERGE_OPTIONS.filter((o) => (o === 'FAST_FORWARD_MERGE' ? analysis.fastForward : mergeable));
  return { mergeOptions, sourceCommitId: analysis.sourceCommitId, destinationCommitId: analysis.destinationCommitId, baseCommitId: analysis.baseCommitId ?? '' };
}

/** GetMergeCommit: the merge base of two commits and, once the source is merged in, the commit that merged it. */
export async function getMergeCommit(deps: CodeCommitDeps, input: CodeCommitInput<GetMergeCommitInput>, ctx: RequestContext): Promise<HandlerOutput<GetMergeCommitOutput>> {
  const record = findRepository(deps, ctx, requireRepositoryName(input.repositoryName));
  checkMergeModes(input);
  const { source, destination } = await resolveMergeCommits(deps, record, input);
  const [base, merged] = await Promise.all([mergeBase(record.gitDir, destination, source), findMergeCommit(record.gitDir, source, destination)]);
  return { sourceCommitId: source, destinationCommitId: destination, ...(base ? { baseCommitId: base } : {}), ...(merged ? { mergedCommitId: merged } : {}) };
}
