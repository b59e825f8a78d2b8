import type {
  CreatePullRequestInput,
  CreatePullRequestOutput,
  DescribePullRequestEventsInput,
  DescribePullRequestEventsOutput,
  GetPullRequestInput,
  GetPullRequestOutput,
  ListPullRequestsInput,
  ListPullRequestsOutput,
  UpdatePullRequestDescriptionInput,
  UpdatePullRequestDescriptionOutput,
  UpdatePullRequestStatusInput,
  UpdatePullRequestStatusOutput,
  UpdatePullRequestTitleInput,
  UpdatePullRequestTitleOutput,
} from '@aws-sdk/client-codecommit';
import { isValidRefName, mergeBase, resolveCommit } from '../../git/index.js';
import type { RepositoryRecord } from '../../store/index.js';
import { callerArn, type HandlerOutput, type RequestContext } from '../protocol/index.js';
import { currentDefaultBranch } from './default-branch.js';
import type { CodeCommitDeps } from './deps.js';
import { checkMaxResults, pageOf } from './file-input.js';
import { rulesFromTemplates } from './pull-request-approval-rules.js';
import { findPullRequest, newRevisionId, pullRequestView, withEvent, type PullRequestDoc } from './pull-request-doc.js';
import {
  IdempotencyParameterMismatchException,
  InvalidAuthorArnException,
  InvalidDescriptionException,
  InvalidPullRequestEventTypeException,
  InvalidPullRequestStatusException,
  InvalidPullRequestStatusUpdateException,
  InvalidReferenceNameException,
  InvalidTargetsException,
  InvalidTitleException,
  MaximumOpenPullRequestsExceededException,
  MultipleRepositoriesInPullRequestException,
  PullRequestAlreadyClosedException,
  PullRequestStatusRequiredException,
  ReferenceDoesNotExistException,
  ReferenceNameRequiredException,
  ReferenceTypeNotSupportedException,
  SourceAndDestinationAreSameException,
  TargetsRequiredException,
  TitleRequiredException,
} from './pull-request-errors.js';
import type { CodeCommitInput } from './operations.js';
import { findRepository, requireRepositoryName, scopeOf } from './validate.js';

// The model's limits: titles 150 characters, descriptions 10,240; a repository has at most 1,000 open pull requests.
const MAX_TITLE = 150;
const MAX_DESCRIPTION = 10240;
const MAX_OPEN = 1000;
const PAGE_SIZE = 100;
const EVENT_TYPES = [
  'PULL_REQUEST_CREATED',
  'PULL_REQUEST_STATUS_CHANGED',
  'PULL_REQUEST_SOURCE_REFERENCE_UPDATED',
  'PULL_REQUEST_MERGE_STATE_CHANGED',
  'PULL_REQUEST_APPROVAL_RULE_CREATED',
  'PULL_REQUEST_APPROVAL_RULE_UPDATED',
  'PULL_REQUEST_APPROVAL_RULE_DELETED',
  'PULL_REQUEST_APPROVAL_RULE_OVERRIDDEN',
  'PULL_REQUEST_APPROVAL_STATE_CHANGED',
];

function checkTitle(title: string | undefined): string {
  if (title === undefined || title.trim() === '') throw new TitleRequiredException();
  if (title.length > MAX_TITLE) throw new InvalidTitleException();
  return title;
}

function checkDescription(description: string | undefined): string | undefined {
  if (description !== undefined && description.length > MAX_DESCRIPTION) throw new InvalidDescriptionException();
  return description;
}

/** A branch reference of a pull request, in full (`refs/heads/<name>`), with the commit it points at. */
async function branchReference(record: RepositoryRecord, reference: string | undefined): Promise<{ reference: string; commitId: string }> {
  if (reference === undefined || reference === '') throw new ReferenceNameRequiredException();
  const full = reference.startsWith('refs/') ? reference : `refs/heads/${reference}`;
  if (!isValidRefName(full)) throw new InvalidReferenceNameException();
  if (!full.startsWith('refs/heads/')) throw new ReferenceTypeNotSupportedException();
  const commitId = await resolveCommit(record.gitDir, full);
  if (!commitId) throw new ReferenceDoesNotExistException(`The specified reference does not exist: ${reference}`);
  return { reference: full, commitId };
}

/** CreatePullRequest: a pull request from a source branch to a destination branch (the default branch when none is named). */
export async function createPullRequest(deps: CodeCommitDeps, input: CodeCommitInput<CreatePullRequestInput>, ctx: RequestContext): Promise<HandlerOutput<CreatePullRequestOutput>> {
  const title = checkTitle(input.title);
  const description = checkDescription(input.description);
  const targets = input.targets ?? [];
  if (targets.length === 0) throw new TargetsRequiredException();
  if (new Set(targets.map((t) => t.repositoryName)).size > 1) throw new MultipleRepositoriesInPullRequestException();
  if (targets.length > 1) throw new InvalidTargetsException();
  const record = findRepository(deps, ctx, requireRepositoryName(targets[0].repositoryName));
  const source = await branchReference(record, targets[0].sourceReference);
  const destination = await branchReference(record, targets[0].destinationReference ?? (await currentDefaultBranch(deps, record)));
  if (source.reference === destination.reference) throw new SourceAndDestinationAreSameException();
  const scope = scopeOf(ctx);
  if (deps.pullRequests.countOpen(scope, record.name) >= MAX_OPEN) throw new MaximumOpenPullRequestsExceededException();
  const base = await mergeBase(record.gitDir, destination.commitId, source.commitId);
  const now = Math.floor(deps.clock.now() / 1000);
  const build = (pullRequestId: string): PullRequestDoc =>
    withEvent(
      deps,
      ctx,
      {
        pullRequestId,
        title,
        ...(description !== undefined ? { description } : {}),
        status: 'OPEN',
        authorArn: callerArn(ctx),
        ...(input.clientRequestToken !== undefined ? { clientRequestToken: input.clientRequestToken } : {}),
        creationDate: now,
        lastActivityDate: now,
        revisionId: newRevisionId(deps),
        repositoryName: record.name,
        target: {
          repositoryName: record.name,
          sourceReference: source.reference,
          destinationReference: destination.reference,
          sourceCommit: source.commitId,
          destinationCommit: destination.commitId,
          ...(base ? { mergeBase: base } : {}),
          mergeMetadata: { isMerged: false },
        },
        events: [],
        approvalRules: rulesFromTemplates(deps, scope, record.name, destination.reference, now),
      },
      {
        pullRequestEventType: 'PULL_REQUEST_CREATED',
        pullRequestCreatedEventMetadata: { repositoryName: record.name, sourceCommitId: source.commitId, destinationCommitId: destination.commitId, ...(base ? { mergeBase: base } : {}) },
      },
    );
  const { doc, existing } = deps.pullRequests.create(scope, build, input.clientRequestToken);
  const same = doc.title === title && doc.description === description && doc.target.sourceReference === source.reference && doc.target.destinationReference === destination.reference;
  if (existing && !same) throw new IdempotencyParameterMismatchException();
  return { pullRequest: pullRequestView(doc) };
}

/** GetPullRequest. */
export async function getPullRequest(deps: CodeCommitDeps, input: CodeCommitInput<GetPullRequestInput>, ctx: RequestContext): Promise<HandlerOutput<GetPullRequestOutput>> {
  return { pullRequest: pullRequestView(await findPullRequest(deps, ctx, input.pullRequestId)) };
}

/** ListPullRequests: a repository's pull request ids, newest first, by status and author when asked. */
export function listPullRequests(deps: CodeCommitDeps, input: CodeCommitInput<ListPullRequestsInput>, ctx: RequestContext): HandlerOutput<ListPullRequestsOutput> {
  const record = findRepository(deps, ctx, requireRepositoryName(input.repositoryName));
  const status = input.pullRequestStatus;
  if (status !== undefined && status !== 'OPEN' && status !== 'CLOSED') throw new InvalidPullRequestStatusException();
  if (input.authorArn !== undefined && !input.authorArn.startsWith('arn:')) throw new InvalidAuthorArnException();
  const { items, nextToken } = pageOf(deps.pullRequests.listIds(scopeOf(ctx), record.name, { status, authorArn: input.authorArn }), input, PAGE_SIZE);
  return { pullRequestIds: items, ...(nextToken ? { nextToken } : {}) };
}

/** Changes an open pull request (a closed one refuses), recording the change as `change` says. */
async function changeOpen(deps: CodeCommitDeps, ctx: RequestContext, id: string | undefined, change: (doc: PullRequestDoc) => PullRequestDoc) {
  const found = await findPullRequest(deps, ctx, id);
  if (found.status !== 'OPEN') throw new PullRequestAlreadyClosedException();
  const doc = deps.pullRequests.update(scopeOf(ctx), found.pullRequestId, (current) => change({ ...current, lastActivityDate: Math.floor(deps.clock.now() / 1000) }))!;
  return { pullRequest: pullRequestView(doc) };
}

/** UpdatePullRequestTitle. */
export function updatePullRequestTitle(deps: CodeCommitDeps, input: CodeCommitInput<UpdatePullRequestTitleInput>, ctx: RequestContext): Promise<HandlerOutput<UpdatePullRequestTitleOutput>> {
  const title = checkTitle(input.title);
  return changeOpen(deps, ctx, input.pullRequestId, (doc) => ({ ...doc, title }));
}

/** UpdatePullRequestDescription. */
export function updatePullRequestDescription(
  deps: CodeCommitDeps,
  input: CodeCommitInput<UpdatePullRequestDescriptionInput>,
  ctx: RequestContext,
): Promise<HandlerOutput<UpdatePullRequestDescriptionOutput>> {
  const description = checkDescription(input.description ?? '');
  return changeOpen(deps, ctx, input.pullRequestId, (doc) => ({ ...doc, description }));
}

/** UpdatePullRequestStatus: closes an open pull request (the only change CodeCommit allows). */
export async function updatePullRequestStatus(deps: CodeCommitDeps, input: CodeCommitInput<UpdatePullRequestStatusInput>, ctx: RequestContext): Promise<HandlerOutput<UpdatePullRequestStatusOutput>> {
  const status = input.pullRequestStatus;
  if (status === undefined) throw new PullRequestStatusRequiredException();
  if (status !== 'OPEN' && status !== 'CLOSED') throw new InvalidPullRequestStatusException();
  const found = await findPullRequest(deps, ctx, input.pullRequestId);
  if (found.status === status || status === 'OPEN') throw new InvalidPullRequestStatusUpdateException();
  const doc = deps.pullRequests.update(scopeOf(ctx), found.pullRequestId, (current) =>
    withEvent(deps, ctx, { ...current, status }, { pullRequestEventType: 'PULL_REQUEST_STATUS_CHANGED', pullRequestStatusChangedEventMetadata: { pullRequestStatus: status } }),
  )!;
  return { pullRequest: pullRequestView(doc) };
}

/** DescribePullRequestEvents: a pull request's events, oldest first, of one type or actor when asked. */
export async function describePullRequestEvents(
  deps: CodeCommitDeps,
  input: CodeCommitInput<DescribePullRequestEventsInput>,
  ctx: RequestContext,
): Promise<HandlerOutput<DescribePullRequestEventsOutput>> {
  const type = input.pullRequestEventType;
  if (type !== undefined && !EVENT_TYPES.includes(type)) throw new InvalidPullRequestEventTypeException();
  checkMaxResults(input.maxResults, PAGE_SIZE);
  const doc = await findPullRequest(deps, ctx, input.pullRequestId);
  const events = doc.events.filter((e) => (type === undefined || e.pullRequestEventType === type) && (input.actorArn === undefined || e.actorArn === input.actorArn));
  const { items, nextToken } = pageOf(events, input, PAGE_SIZE);
  return { pullRequestEvents: items, ...(nextToken ? { nextToken } : {}) };
}
