import type { Approval, CommentsForPullRequest, Evaluation, PullRequest } from './codecommit-types.js';
import { allPages, AwsError } from './aws.js';
import { cc } from './codecommit.js';

/** A pull request's status filter, as ListPullRequests takes it. */
export type PullRequestStatus = 'OPEN' | 'CLOSED';

/** GetPullRequest: one pull request with its targets and approval rules. */
export async function getPullRequest(pullRequestId: string, signal?: AbortSignal): Promise<PullRequest> {
  return (await cc<{ pullRequest: PullRequest }>('GetPullRequest', { pullRequestId }, signal)).pullRequest;
}

/** ListPullRequests of a repository with a status (up to `limit`, newest first), each read with GetPullRequest. */
export async function listPullRequests(repositoryName: string, pullRequestStatus: PullRequestStatus, limit: number, signal?: AbortSignal): Promise<PullRequest[]> {
  const ids = await allPages<string>('codecommit', 'ListPullRequests', { repositoryName, pullRequestStatus }, 'pullRequestIds', { limit, signal });
  return Promise.all(ids.slice(0, limit).map((id) => getPullRequest(id, signal)));
}

/** GetCommentsForPullRequest, every page: the comments on the change and on its files, grouped by place. */
export function getCommentsForPullRequest(pullRequestId: string, signal?: AbortSignal): Promise<CommentsForPullRequest[]> {
  return allPages<CommentsForPullRequest>('codecommit', 'GetCommentsForPullRequest', { pullRequestId }, 'commentsForPullRequestData', { signal });
}

/** Where a pull request's revision stands with its approval rules; a part the emulator does not answer is absent. */
export interface ApprovalStatus {
  approvals?: Approval[];
  evaluation?: Evaluation;
  override?: { overridden?: boolean; overrider?: string };
  /** True when none of the three operations is offered, so the page says so instead of showing nothing. */
  unavailable: boolean;
}

/** Undefined in place of an operation the emulator does not offer (yet); other errors stay errors. */
async function unlessNotImplemented<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof AwsError && error.notImplemented) return undefined;
    throw error;
  }
}

/** GetPullRequestApprovalStates, EvaluatePullRequestApprovalRules and GetPullRequestOverrideState for a revision. */
export async function getApprovalStatus(pullRequestId: string, revisionId: string, signal?: AbortSignal): Promise<ApprovalStatus> {
  const input = { pullRequestId, revisionId };
  const [states, evaluated, override] = await Promise.all([
    unlessNotImplemented(cc<{ approvals?: Approval[] }>('GetPullRequestApprovalStates', input, signal)),
    unlessNotImplemented(cc<{ evaluation?: Evaluation }>('EvaluatePullRequestApprovalRules', input, signal)),
    unlessNotImplemented(cc<{ overridden?: boolean; overrider?: string }>('GetPullRequestOverrideState', input, signal)),
  ]);
  return {
    approvals: states?.approvals,
    evaluation: evaluated?.evaluation,
    override,
    unavailable: !states && !evaluated && !override,
  };
}
