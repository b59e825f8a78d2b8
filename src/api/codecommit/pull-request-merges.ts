import type {
  MergePullRequestByFastForwardInput,
  MergePullRequestByFastForwardOutput,
  MergePullRequestBySquashInput,
  MergePullRequestBySquashOutput,
  MergePullRequestByThreeWayInput,
  MergePullRequestByThreeWayOutput,
} from '@aws-sdk/client-codecommit';
import { callerArn, type HandlerOutput, type RequestContext } from '../protocol/index.js';
import type { CodeCommitDeps } from './deps.js';
import { InvalidCommitIdException } from './errors.js';
import { mergeBranches, type MergeOption } from './merges.js';
import { evaluateApprovalRules } from './approval-evaluation.js';
import { PullRequestApprovalRulesNotSatisfiedException } from './approval-rule-errors.js';
import { findPullRequest, isCommitIdOrAbsent, pullRequestView, withEvent } from './pull-request-doc.js';
import { PullRequestAlreadyClosedException, RepositoryNotAssociatedWithPullRequestException, TipOfSourceReferenceIsDifferentException } from './pull-request-errors.js';
import type { CodeCommitInput } from './operations.js';
import { findRepository, requireRepositoryName, scopeOf } from './validate.js';

type MergePullRequestInput = CodeCommitInput<MergePullRequestBySquashInput>;

/**
 * Merges an open pull request's source branch into its destination branch by one option, then closes it as merged
 * (a PULL_REQUEST_MERGE_STATE_CHANGED and a PULL_REQUEST_STATUS_CHANGED event).
 */
async function mergePullRequest(deps: CodeCommitDeps, input: MergePullRequestInput, ctx: RequestContext, option: MergeOption) {
  const repositoryName = requireRepositoryName(input.repositoryName);
  const found = await findPullRequest(deps, ctx, input.pullRequestId);
  findRepository(deps, ctx, repositoryName);
  if (found.target.repositoryName !== repositoryName) throw new RepositoryNotAssociatedWithPullRequestException();
  if (found.status !== 'OPEN') throw new PullRequestAlreadyClosedException();
  if (!isCommitIdOrAbsent(input.sourceCommitId)) throw new InvalidCommitIdException('The specified commit ID is not valid.');
  if (input.sourceCommitId !== undefined && input.sourceCommitId !== found.target.sourceCommit) throw new TipOfSourceReferenceIsDifferentException();
  if (!evaluateApprovalRules(found).approved) throw new PullRequestApprovalRulesNotSatisfiedException();
  const { target } = found;
  const merged = await mergeBranches(
    deps,
    {
      ...input,
      sourceCommitSpecifier: target.sourceCommit,
      destinationCommitSpecifier: target.destinationReference,
      targetBranch: target.destinationReference.replace(/^refs\/heads\//, ''),
      commitMessage: input.commitMessage ?? `Merge ${target.sourceReference} into ${target.destinationReference} (pull request ${found.pullRequestId})\n`,
    },
    ctx,
    option,
  );
  const mergeMetadata = { isMerged: true, mergedBy: callerArn(ctx), mergeCommitId: merged.commitId, mergeOption: option };
  const doc = deps.pullRequests.update(scopeOf(ctx), found.pullRequestId, (current) => {
    const mergedDoc = withEvent(deps, ctx, { ...current, target: { ...current.target, mergeMetadata } }, {
      pullRequestEventType: 'PULL_REQUEST_MERGE_STATE_CHANGED',
      pullRequestMergedStateChangedEventMetadata: { repositoryName, destinationReference: current.target.destinationReference, mergeMetadata },
    });
    return withEvent(deps, ctx, { ...mergedDoc, status: 'CLOSED' }, { pullRequestEventType: 'PULL_REQUEST_STATUS_CHANGED', pullRequestStatusChangedEventMetadata: { pullRequestStatus: 'CLOSED' } });
  })!;
  return { pullRequest: pullRequestView(doc) };
}

/** MergePullRequestByFastForward. */
export function mergePullRequestByFastForward(
  deps: CodeCommitDeps,
  input: CodeCommitInput<MergePullRequestByFastForwardInput>,
  ctx: RequestContext,
): Promise<HandlerOutput<MergePullRequestByFastForwardOutput>> {
  return mergePullRequest(deps, input, ctx, 'FAST_FORWARD_MERGE');
}

/** MergePullRequestBySquash. */
export function mergePullRequestBySquash(deps: CodeCommitDeps, input: CodeCommitInput<MergePullRequestBySquashInput>, ctx: RequestContext): Promise<HandlerOutput<MergePullRequestBySquashOutput>> {
  return mergePullRequest(deps, input, ctx, 'SQUASH_MERGE');
}

/** MergePullRequestByThreeWay. */
export function mergePullRequestByThreeWay(deps: CodeCommitDeps, input: CodeCommitInput<MergePullRequestByThreeWayInput>, ctx: RequestContext): Promise<HandlerOutput<MergePullRequestByThreeWayOutput>> {
  return mergePullRequest(deps, input, ctx, 'THREE_WAY_MERGE');
}
