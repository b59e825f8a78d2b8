import type { PullRequest, PullRequestEvent } from '@aws-sdk/client-codecommit';
import { createHash } from 'node:crypto';
import { isObjectId, mergeBase, resolveCommit } from '../../git/index.js';
import { callerArn, type HandlerOutput, type RequestContext } from '../protocol/index.js';
import type { CodeCommitDeps } from './deps.js';
import type { PullRequestDoc } from './pull-request-types.js';
import { InvalidPullRequestIdException, PullRequestDoesNotExistException, PullRequestIdRequiredException } from './pull-request-errors.js';
import { scopeOf } from './validate.js';

export type { PullRequestDoc, StoredTarget } from './pull-request-types.js';

/** A new revision id: pull requests get one on each change. */
export function newRevisionId(deps: CodeCommitDeps): string {
  return createHash('sha256').update(deps.ids.uuid()).digest('hex');
}

/** CodeCommit's PullRequest for a stored one. */
export function pullRequestView(doc: PullRequestDoc): HandlerOutput<PullRequest> {
  return {
    pullRequestId: doc.pullRequestId,
    title: doc.title,
    ...(doc.description !== undefined ? { description: doc.description } : {}),
    lastActivityDate: doc.lastActivityDate,
    creationDate: doc.creationDate,
    pullRequestStatus: doc.status,
    authorArn: doc.authorArn,
    pullRequestTargets: [doc.target],
    ...(doc.clientRequestToken !== undefined ? { clientRequestToken: doc.clientRequestToken } : {}),
    revisionId: doc.revisionId,
    approvalRules: doc.approvalRules ?? [],
  };
}

/** Adds an event to a pull request (now, by the caller) and marks the activity; the revision stays (only new source commits make one). */
export function withEvent(deps: CodeCommitDeps, ctx: RequestContext, doc: PullRequestDoc, event: Omit<HandlerOutput<PullRequestEvent>, 'pullRequestId' | 'eventDate' | 'actorArn'>): PullRequestDoc {
  const now = Math.floor(deps.clock.now() / 1000);
  return { ...doc, lastActivityDate: now, events: [...doc.events, { pullRequestId: doc.pullRequestId, eventDate: now, actorArn: callerArn(ctx), ...event }] };
}

/** Checks a pull request id is given and is one: a positive whole number. */
export function requirePullRequestId(id: string | undefined): string {
  if (id === undefined || id === '') throw new PullRequestIdRequiredException();
  if (!/^[1-9]\d{0,15}$/.test(id)) throw new InvalidPullRequestIdException();
  return id;
}

/**
 * Finds a pull request and brings an open one up to date with its branches, as CodeCommit does after a push: a
 * moved source branch is recorded with a PULL_REQUEST_SOURCE_REFERENCE_UPDATED event.
 */
export async function findPullRequest(deps: CodeCommitDeps, ctx: RequestContext, id: string | undefined): Promise<PullRequestDoc> {
  const pullRequestId = requirePullRequestId(id);
  const scope = scopeOf(ctx);
  const doc = deps.pullRequests.get(scope, pullRequestId);
  if (!doc) throw new PullRequestDoesNotExistException();
  const record = deps.repositories.get(scope, doc.target.repositoryName);
  if (doc.status !== 'OPEN' || !record) return doc;
  const [source, destination] = await Promise.all([resolveCommit(record.gitDir, doc.target.sourceReference), resolveCommit(record.gitDir, doc.target.destinationReference)]);
  if (!source || !destination || (source === doc.target.sourceCommit && destination === doc.target.destinationCommit)) return doc;
  const base = await mergeBase(record.gitDir, destination, source);
  return (
    deps.pullRequests.update(scope, pullRequestId, (current) => {
      const target = { ...current.target, sourceCommit: source, destinationCommit: destination, ...(base ? { mergeBase: base } : {}) };
      // A new source commit is a new revision, whose approvals start afresh (AWS keeps approvals per revision).
      const moved = source !== current.target.sourceCommit;
      const updated = moved ? { ...current, target, revisionId: newRevisionId(deps) } : { ...current, target };
      return moved
        ? withEvent(deps, ctx, updated, {
            pullRequestEventType: 'PULL_REQUEST_SOURCE_REFERENCE_UPDATED',
            pullRequestSourceReferenceUpdatedEventMetadata: { repositoryName: target.repositoryName, beforeCommitId: current.target.sourceCommit, afterCommitId: source, ...(base ? { mergeBase: base } : {}) },
          })
        : updated;
    }) ?? doc
  );
}

/** Checks an optional commit id member is a full commit id. */
export function isCommitIdOrAbsent(id: string | undefined): boolean {
  return id === undefined || isObjectId(id);
}
