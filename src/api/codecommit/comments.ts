import type {
  Comment,
  GetCommentsForComparedCommitInput,
  GetCommentsForComparedCommitOutput,
  GetCommentsForPullRequestInput,
  GetCommentsForPullRequestOutput,
  Location,
  PostCommentForComparedCommitInput,
  PostCommentForComparedCommitOutput,
  PostCommentForPullRequestInput,
  PostCommentForPullRequestOutput,
} from '@aws-sdk/client-codecommit';
import { findTreeEntry, isObjectId, readCommitObject } from '../../git/index.js';
import type { RepositoryRecord } from '../../store/index.js';
import { callerArn, pageByOffset, type HandlerOutput, type RequestContext } from '../protocol/index.js';
import { BeforeCommitIdAndAfterCommitIdAreSameException, CommentContentRequiredException, CommentContentSizeLimitExceededException, InvalidFilePositionException, InvalidRelativeFileVersionEnumException } from './comment-errors.js';
import type { CommentContext, CommentDoc } from './comment-types.js';
import { reactionSummary } from './reaction-values.js';
import type { CodeCommitDeps } from './deps.js';
import { CommitDoesNotExistException, CommitIdRequiredException, InvalidCommitIdException } from './errors.js';
import { PathDoesNotExistException } from './file-errors.js';
import { checkMaxResults, checkPath, invalidContinuationToken } from './file-input.js';
import { findPullRequest } from './pull-request-doc.js';
import { IdempotencyParameterMismatchException, RepositoryNotAssociatedWithPullRequestException } from './pull-request-errors.js';
import type { CodeCommitInput } from './operations.js';
import { findRepository, requireRepositoryName, scopeOf } from './validate.js';

/** CodeCommit's limit on a comment: 10,240 characters. */
const MAX_CONTENT = 10240;
const PAGE_SIZE = 100;

/** Checks a comment's content is given and within CodeCommit's limit. */
export function checkContent(content: string | undefined): string {
  if (content === undefined || content === '') throw new CommentContentRequiredException();
  if (content.length > MAX_CONTENT) throw new CommentContentSizeLimitExceededException();
  return content;
}

/** CodeCommit's Comment for a stored one as `caller` sees it (a deleted comment keeps its place, without content). */
export function commentView(doc: CommentDoc, caller: string): HandlerOutput<Comment> {
  return {
    commentId: doc.commentId,
    content: doc.content,
    ...(doc.inReplyTo ? { inReplyTo: doc.inReplyTo } : {}),
    creationDate: doc.creationDate,
    lastModifiedDate: doc.lastModifiedDate,
    authorArn: doc.authorArn,
    deleted: doc.deleted,
    ...(doc.clientRequestToken !== undefined ? { clientRequestToken: doc.clientRequestToken } : {}),
    ...reactionSummary(doc.reactions, caller),
  };
}

async function requireCommit(record: RepositoryRecord, id: string | undefined): Promise<string> {
  if (id === undefined || id === '') throw new CommitIdRequiredException('A commit ID was not specified.');
  if (!isObjectId(id)) throw new InvalidCommitIdException('The specified commit ID is not valid.');
  if (!(await readCommitObject(record.gitDir, id))) throw new CommitDoesNotExistException(`The specified commit does not exist: ${id}`);
  return id;
}

/** Checks the compared commits and the file location of a new comment, and finds the blobs it is about. */
async function commentContext(record: RepositoryRecord, input: { beforeCommitId?: string; afterCommitId?: string; location?: CodeCommitInput<Location> }, beforeRequired: boolean): Promise<CommentContext> {
  const afterCommitId = await requireCommit(record, input.afterCommitId);
  const beforeCommitId = beforeRequired || input.beforeCommitId !== undefined ? await requireCommit(record, input.beforeCommitId) : undefined;
  if (beforeCommitId === afterCommitId) throw new BeforeCommitIdAndAfterCommitIdAreSameException();
  const context: CommentContext = { repositoryName: record.name, afterCommitId, ...(beforeCommitId ? { beforeCommitId } : {}) };
  if (!input.location) return context;
  const { filePosition, relativeFileVersion } = input.location;
  const filePath = checkPath(input.location.filePath);
  if (relativeFileVersion !== undefined && relativeFileVersion !== 'BEFORE' && relativeFileVersion !== 'AFTER') throw new InvalidRelativeFileVersionEnumException();
  if (filePosition !== undefined && (!Number.isInteger(filePosition) || filePosition < 0)) throw new InvalidFilePositionException();
  const [before, after] = await Promise.all([beforeCommitId ? findTreeEntry(record.gitDir, beforeCommitId, filePath) : undefined, findTreeEntry(record.gitDir, afterCommitId, filePath)]);
  const onSide = relativeFileVersion === 'BEFORE' ? before : after;
  if (!onSide) throw new PathDoesNotExistException(`The specified path does not exist: ${filePath}`);
  return { ...context, ...(before ? { beforeBlobId: before.objectId } : {}), ...(after ? { afterBlobId: after.objectId } : {}), location: { ...input.location, filePath } };
}

/** Stores a new comment (or finds the one its client request token already made) as the caller. */
export function storeComment(deps: CodeCommitDeps, ctx: RequestContext, fields: Omit<CommentDoc, 'commentId' | 'creationDate' | 'lastModifiedDate' | 'authorArn' | 'deleted'>): CommentDoc {
  const now = Math.floor(deps.clock.now() / 1000);
  const doc: CommentDoc = { ...fields, commentId: deps.ids.uuid(), creationDate: now, lastModifiedDate: now, authorArn: callerArn(ctx), deleted: false };
  const stored = deps.comments.create(scopeOf(ctx), doc);
  if (stored.existing && (stored.doc.content !== doc.content || stored.doc.inReplyTo !== doc.inReplyTo || stored.doc.afterCommitId !== doc.afterCommitId)) throw new IdempotencyParameterMismatchException();
  return stored.doc;
}

function contextView(doc: CommentContext) {
  return {
    repositoryName: doc.repositoryName,
    ...(doc.beforeCommitId ? { beforeCommitId: doc.beforeCommitId } : {}),
    afterCommitId: doc.afterCommitId,
    ...(doc.beforeBlobId ? { beforeBlobId: doc.beforeBlobId } : {}),
    ...(doc.afterBlobId ? { afterBlobId: doc.afterBlobId } : {}),
    ...(doc.location ? { location: doc.location } : {}),
  };
}

/** Groups comments (replies with the comment they answer) by the commits and location they were made on. */
function threads(docs: CommentDoc[], filter: { beforeCommitId?: string; afterCommitId?: string }) {
  const groups = new Map<string, { context: CommentDoc; comments: CommentDoc[] }>();
  for (const doc of docs) {
    if (filter.afterCommitId !== undefined && doc.afterCommitId !== filter.afterCommitId) continue;
    if (filter.beforeCommitId !== undefined && doc.beforeCommitId !== filter.beforeCommitId) continue;
    const key = JSON.stringify([doc.beforeCommitId, doc.afterCommitId, doc.location?.filePath, doc.location?.filePosition, doc.location?.relativeFileVersion]);
    const group = groups.get(key) ?? { context: doc, comments: [] };
    group.comments.push(doc);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** PostCommentForComparedCommit: a comment on the comparison of two commits (or on one), or on a file in it. */
export async function postCommentForComparedCommit(
  deps: CodeCommitDeps,
  input: CodeCommitInput<PostCommentForComparedCommitInput>,
  ctx: RequestContext,
): Promise<HandlerOutput<PostCommentForComparedCommitOutput>> {
  const record = findRepository(deps, ctx, requireRepositoryName(input.repositoryName));
  const content = checkContent(input.content);
  const context = await commentContext(record, input, false);
  const doc = storeComment(deps, ctx, { ...context, content, ...(input.clientRequestToken !== undefined ? { clientRequestToken: input.clientRequestToken } : {}) });
  return { ...contextView(doc), comment: commentView(doc, callerArn(ctx)) };
}

/** PostCommentForPullRequest: a comment on an open or closed pull request's compared commits, or on a file in them. */
export async function postCommentForPullRequest(
  deps: CodeCommitDeps,
  input: CodeCommitInput<PostCommentForPullRequestInput>,
  ctx: RequestContext,
): Promise<HandlerOutput<PostCommentForPullRequestOutput>> {
  const pullRequest = await findPullRequest(deps, ctx, input.pullRequestId);
  const record = findRepository(deps, ctx, requireRepositoryName(input.repositoryName));
  if (pullRequest.target.repositoryName !== record.name) throw new RepositoryNotAssociatedWithPullRequestException();
  const content = checkContent(input.content);
  const context = await commentContext(record, input, true);
  const doc = storeComment(deps, ctx, { ...context, pullRequestId: pullRequest.pullRequestId, content, ...(input.clientRequestToken !== undefined ? { clientRequestToken: input.clientRequestToken } : {}) });
  return { ...contextView(doc), pullRequestId: pullRequest.pullRequestId, comment: commentView(doc, callerArn(ctx)) };
}

/** GetCommentsForComparedCommit: the comments on two compared commits, grouped by file location, paged by group. */
export function getCommentsForComparedCommit(
  deps: CodeCommitDeps,
  input: CodeCommitInput<GetCommentsForComparedCommitInput>,
  ctx: RequestContext,
): HandlerOutput<GetCommentsForComparedCommitOutput> {
  const record = findRepository(deps, ctx, requireRepositoryName(input.repositoryName));
  if (!input.afterCommitId) throw new CommitIdRequiredException('A commit ID was not specified.');
  const size = checkMaxResults(input.maxResults, PAGE_SIZE);
  const groups = threads(deps.comments.list(scopeOf(ctx), record.name, null), input);
  const page = pageByOffset(groups, input.nextToken, size, invalidContinuationToken);
  return { commentsForComparedCommitData: page.items.map((g) => ({ ...contextView(g.context), comments: g.comments.map((c) => commentView(c, callerArn(ctx))) })), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

/** GetCommentsForPullRequest: a pull request's comments, grouped by compared commits and file location, paged by group. */
export async function getCommentsForPullRequest(
  deps: CodeCommitDeps,
  input: CodeCommitInput<GetCommentsForPullRequestInput>,
  ctx: RequestContext,
): Promise<HandlerOutput<GetCommentsForPullRequestOutput>> {
  const pullRequest = await findPullRequest(deps, ctx, input.pullRequestId);
  if (input.repositoryName !== undefined && requireRepositoryName(input.repositoryName) !== pullRequest.target.repositoryName) throw new RepositoryNotAssociatedWithPullRequestException();
  const size = checkMaxResults(input.maxResults, PAGE_SIZE);
  const groups = threads(deps.comments.list(scopeOf(ctx), pullRequest.target.repositoryName, pullRequest.pullRequestId), input);
  const page = pageByOffset(groups, input.nextToken, size, invalidContinuationToken);
  return {
    commentsForPullRequestData: page.items.map((g) => ({ ...contextView(g.context), pullRequestId: pullRequest.pullRequestId, comments: g.comments.map((c) => commentView(c, callerArn(ctx))) })),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
}
