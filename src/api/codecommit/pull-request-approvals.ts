import type {
  ApprovalState,
  EvaluatePullRequestApprovalRulesInput,
  EvaluatePullRequestApprovalRulesOutput,
  GetPullRequestApprovalStatesInput,
  GetPullRequestApprovalStatesOutput,
  GetPullRequestOverrideStateInput,
  GetPullRequestOverrideStateOutput,
  OverridePullRequestApprovalRulesInput,
  UpdatePullRequestApprovalStateInput,
} from '@aws-sdk/client-codecommit';
import { callerArn, type HandlerOutput, type NoOutput, type RequestContext } from '../protocol/index.js';
import { evaluateApprovalRules } from './approval-evaluation.js';
import {
  ApprovalStateRequiredException,
  InvalidApprovalStateException,
  InvalidOverrideStatusException,
  InvalidRevisionIdException,
  MaximumNumberOfApprovalsExceededException,
  OverrideAlreadySetException,
  OverrideStatusRequiredException,
  PullRequestCannotBeApprovedByAuthorException,
  RevisionIdRequiredException,
  RevisionNotCurrentException,
} from './approval-rule-errors.js';
import type { CodeCommitDeps } from './deps.js';
import type { CodeCommitInput } from './operations.js';
import { findPullRequest, requirePullRequestId, withEvent } from './pull-request-doc.js';
import { PullRequestAlreadyClosedException } from './pull-request-errors.js';
import type { PullRequestDoc } from './pull-request-types.js';
import { scopeOf } from './validate.js';

// CodeCommit's quota: 200 approvals on a pull request's revision.
const MAX_APPROVALS = 200;

function requireRevisionId(id: string | undefined): string {
  if (id === undefined || id === '') throw new RevisionIdRequiredException();
  if (!/^[0-9a-f]{64}$/.test(id)) throw new InvalidRevisionIdException();
  return id;
}

/** Finds a pull request for a change that must name its current revision, which must still be open. */
async function currentRevision(deps: CodeCommitDeps, ctx: RequestContext, input: { pullRequestId?: string; revisionId?: string }, open: boolean): Promise<PullRequestDoc> {
  requirePullRequestId(input.pullRequestId);
  const revisionId = requireRevisionId(input.revisionId);
  const doc = await findPullRequest(deps, ctx, input.pullRequestId);
  if (revisionId !== doc.revisionId) throw new RevisionNotCurrentException();
  if (open && doc.status !== 'OPEN') throw new PullRequestAlreadyClosedException();
  return doc;
}

/** EvaluatePullRequestApprovalRules: whether the current revision's approvals meet the pull request's rules. */
export async function evaluatePullRequestApprovalRules(
  deps: CodeCommitDeps,
  input: CodeCommitInput<EvaluatePullRequestApprovalRulesInput>,
  ctx: RequestContext,
): Promise<HandlerOutput<EvaluatePullRequestApprovalRulesOutput>> {
  return { evaluation: evaluateApprovalRules(await currentRevision(deps, ctx, input, false)) };
}

/** UpdatePullRequestApprovalState: the caller approves the current revision, or revokes their approval; the author may not approve. */
export async function updatePullRequestApprovalState(deps: CodeCommitDeps, input: CodeCommitInput<UpdatePullRequestApprovalStateInput>, ctx: RequestContext): Promise<HandlerOutput<NoOutput>> {
  const state: string | undefined = input.approvalState;
  requirePullRequestId(input.pullRequestId);
  requireRevisionId(input.revisionId);
  if (state === undefined || state === '') throw new ApprovalStateRequiredException();
  if (state !== 'APPROVE' && state !== 'REVOKE') throw new InvalidApprovalStateException();
  const approvalState: ApprovalState = state;
  const found = await currentRevision(deps, ctx, input, true);
  const caller = callerArn(ctx);
  if (state === 'APPROVE' && caller === found.authorArn) throw new PullRequestCannotBeApprovedByAuthorException();
  deps.pullRequests.update(scopeOf(ctx), found.pullRequestId, (current) => {
    if (current.revisionId !== found.revisionId) throw new RevisionNotCurrentException();
    const approvals = current.approvals ?? [];
    const mine = (a: { revisionId: string; userArn: string }) => a.revisionId === current.revisionId && a.userArn === caller;
    const before = approvals.find(mine)?.approvalState ?? 'REVOKE';
    if (before === state) return current;
    if (state === 'APPROVE' && approvals.filter((a) => a.revisionId === current.revisionId && a.approvalState === 'APPROVE').length >= MAX_APPROVALS) throw new MaximumNumberOfApprovalsExceededException();
    const next = [...approvals.filter((a) => !mine(a)), { revisionId: current.revisionId, userArn: caller, approvalState }];
    return withEvent(deps, ctx, { ...current, approvals: next }, {
      pullRequestEventType: 'PULL_REQUEST_APPROVAL_STATE_CHANGED',
      approvalStateChangedEventMetadata: { revisionId: current.revisionId, approvalStatus: state },
    });
  });
  return {};
}

/** GetPullRequestApprovalStates: who approves a revision of a pull request. */
export async function getPullRequestApprovalStates(
  deps: CodeCommitDeps,
  input: CodeCommitInput<GetPullRequestApprovalStatesInput>,
  ctx: RequestContext,
): Promise<HandlerOutput<GetPullRequestApprovalStatesOutput>> {
  requirePullRequestId(input.pullRequestId);
  const revisionId = requireRevisionId(input.revisionId);
  const doc = await findPullRequest(deps, ctx, input.pullRequestId);
  const approvals = (doc.approvals ?? []).filter((a) => a.revisionId === revisionId && a.approvalState === 'APPROVE');
  return { approvals: approvals.map(({ userArn, approvalState }) => ({ userArn, approvalState })) };
}

/** OverridePullRequestApprovalRules: sets the pull request's approval rules aside (OVERRIDE), or stops doing so (REVOKE). */
export async function overridePullRequestApprovalRules(deps: CodeCommitDeps, input: CodeCommitInput<OverridePullRequestApprovalRulesInput>, ctx: RequestContext): Promise<HandlerOutput<NoOutput>> {
  const status: string | undefined = input.overrideStatus;
  requirePullRequestId(input.pullRequestId);
  requireRevisionId(input.revisionId);
  if (status === undefined || status === '') throw new OverrideStatusRequiredException();
  if (status !== 'OVERRIDE' && status !== 'REVOKE') throw new InvalidOverrideStatusException();
  const found = await currentRevision(deps, ctx, input, true);
  deps.pullRequests.update(scopeOf(ctx), found.pullRequestId, (current) => {
    const overridden = current.overrider !== undefined;
    if (status === 'OVERRIDE' && overridden) throw new OverrideAlreadySetException();
    if (status === 'REVOKE' && !overridden) return current;
    const { overrider: _previous, ...rest } = current;
    const changed = status === 'OVERRIDE' ? { ...rest, overrider: callerArn(ctx) } : rest;
    return withEvent(deps, ctx, changed, {
      pullRequestEventType: 'PULL_REQUEST_APPROVAL_RULE_OVERRIDDEN',
      approvalRuleOverriddenEventMetadata: { revisionId: current.revisionId, overrideStatus: status },
    });
  });
  return {};
}

/** GetPullRequestOverrideState: whether the pull request's approval rules are set aside, and by whom. */
export async function getPullRequestOverrideState(
  deps: CodeCommitDeps,
  input: CodeCommitInput<GetPullRequestOverrideStateInput>,
  ctx: RequestContext,
): Promise<HandlerOutput<GetPullRequestOverrideStateOutput>> {
  requirePullRequestId(input.pullRequestId);
  requireRevisionId(input.revisionId);
  const doc = await findPullRequest(deps, ctx, input.pullRequestId);
  return { overridden: doc.overrider !== undefined, ...(doc.overrider !== undefined ? { overrider: doc.overrider } : {}) };
}
