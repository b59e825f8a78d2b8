import type {
  DeleteCommentContentInput,
  DeleteCommentContentOutput,
  GetCommentInput,
  GetCommentOutput,
  PostCommentReplyInput,
  PostCommentReplyOutput,
  UpdateCommentInput,
  UpdateCommentOutput,
} from '@aws-sdk/client-codecommit';
import { callerArn, type HandlerOutput, type RequestContext } from '../protocol/index.js';
import { CommentDeletedException, CommentDoesNotExistException, CommentIdRequiredException, CommentNotCreatedByCallerException, InvalidCommentIdException } from './comment-errors.js';
import type { CommentDoc } from './comment-types.js';
import { checkContent, commentView, storeComment } from './comments.js';
import type { CodeCommitDeps } from './deps.js';
import type { CodeCommitInput } from './operations.js';
import { scopeOf } from './validate.js';

/** Finds a comment by id; a deleted one is refused unless `allowDeleted`. */
export function findComment(deps: CodeCommitDeps, ctx: RequestContext, id: string | undefined, allowDeleted = false): CommentDoc {
  if (id === undefined || id === '') throw new CommentIdRequiredException();
  if (id.length > 256 || /\s/.test(id)) throw new InvalidCommentIdException();
  const doc = deps.comments.get(scopeOf(ctx), id);
  if (!doc) throw new CommentDoesNotExistException();
  if (doc.deleted && !allowDeleted) throw new CommentDeletedException();
  return doc;
}

/** GetComment. */
export function getComment(deps: CodeCommitDeps, input: CodeCommitInput<GetCommentInput>, ctx: RequestContext): HandlerOutput<GetCommentOutput> {
  return { comment: commentView(findComment(deps, ctx, input.commentId), callerArn(ctx)) };
}

/** PostCommentReply: a reply in the same place (commits, pull request, file location) as the comment it answers. */
export function postCommentReply(deps: CodeCommitDeps, input: CodeCommitInput<PostCommentReplyInput>, ctx: RequestContext): HandlerOutput<PostCommentReplyOutput> {
  const parent = findComment(deps, ctx, input.inReplyTo, true);
  const content = checkContent(input.content);
  const { repositoryName, pullRequestId, beforeCommitId, afterCommitId, beforeBlobId, afterBlobId, location } = parent;
  const context = { repositoryName, pullRequestId, beforeCommitId, afterCommitId, beforeBlobId, afterBlobId, location };
  const doc = storeComment(deps, ctx, { ...context, content, inReplyTo: parent.commentId, ...(input.clientRequestToken !== undefined ? { clientRequestToken: input.clientRequestToken } : {}) });
  return { comment: commentView(doc, callerArn(ctx)) };
}

/** UpdateComment: new content for a comment, by its author only. */
export function updateComment(deps: CodeCommitDeps, input: CodeCommitInput<UpdateCommentInput>, ctx: RequestContext): HandlerOutput<UpdateCommentOutput> {
  const found = findComment(deps, ctx, input.commentId);
  const content = checkContent(input.content);
  if (found.authorArn !== callerArn(ctx)) throw new CommentNotCreatedByCallerException();
  const doc = deps.comments.update(scopeOf(ctx), found.commentId, (current) => ({ ...current, content, lastModifiedDate: Math.floor(deps.clock.now() / 1000) }))!;
  return { comment: commentView(doc, callerArn(ctx)) };
}

/** DeleteCommentContent: empties a comment and marks it deleted; it keeps its place, so replies still read. */
export function deleteCommentContent(deps: CodeCommitDeps, input: CodeCommitInput<DeleteCommentContentInput>, ctx: RequestContext): HandlerOutput<DeleteCommentContentOutput> {
  const found = findComment(deps, ctx, input.commentId);
  const doc = deps.comments.update(scopeOf(ctx), found.commentId, (current) => ({ ...current, content: '', deleted: true, lastModifiedDate: Math.floor(deps.clock.now() / 1000) }))!;
  return { comment: commentView(doc, callerArn(ctx)) };
}
