import type { GetCommentReactionsInput, GetCommentReactionsOutput, PutCommentReactionInput } from '@aws-sdk/client-codecommit';
import { parseArn } from '../../shared/index.js';
import { callerArn, type HandlerOutput, type NoOutput, type RequestContext } from '../protocol/index.js';
import { findComment } from './comment-edits.js';
import { InvalidReactionUserArnException, InvalidReactionValueException, ReactionValueRequiredException } from './comment-errors.js';
import type { CodeCommitDeps } from './deps.js';
import { pageOf } from './file-input.js';
import type { CodeCommitInput } from './operations.js';
import { findReaction, isNoReaction, reactionFormats } from './reaction-values.js';
import { scopeOf } from './validate.js';

// GetCommentReactions answers up to 1,000 reactions a page (the model's default and maximum).
const PAGE_SIZE = 1000;

/**
 * PutCommentReaction: sets the caller's one reaction to a comment, replacing the one they gave before; a blank value
 * or `none` takes it away.
 */
export function putCommentReaction(deps: CodeCommitDeps, input: CodeCommitInput<PutCommentReactionInput>, ctx: RequestContext): HandlerOutput<NoOutput> {
  const found = findComment(deps, ctx, input.commentId);
  const value = input.reactionValue;
  if (value === undefined) throw new ReactionValueRequiredException();
  const removing = isNoReaction(value);
  const reaction = removing ? undefined : findReaction(value);
  if (!removing && !reaction) throw new InvalidReactionValueException();
  const caller = callerArn(ctx);
  deps.comments.update(scopeOf(ctx), found.commentId, (current) => {
    const { [caller]: _previous, ...others } = current.reactions ?? {};
    return { ...current, reactions: reaction ? { ...others, [caller]: reaction.shortCode } : others };
  });
  return {};
}

/** GetCommentReactions: a comment's reactions, each with the users who gave it (one user's only, when asked). */
export function getCommentReactions(deps: CodeCommitDeps, input: CodeCommitInput<GetCommentReactionsInput>, ctx: RequestContext): HandlerOutput<GetCommentReactionsOutput> {
  const found = findComment(deps, ctx, input.commentId);
  const user = input.reactionUserArn;
  if (user !== undefined && !parseArn(user)) throw new InvalidReactionUserArnException();
  const byReaction = new Map<string, string[]>();
  for (const [userArn, shortCode] of Object.entries(found.reactions ?? {})) {
    if (user === undefined || user === userArn) byReaction.set(shortCode, [...(byReaction.get(shortCode) ?? []), userArn]);
  }
  const all = [...byReaction].map(([shortCode, reactionUsers]) => ({ reaction: reactionFormats(shortCode), reactionUsers, reactionsFromDeletedUsersCount: 0 }));
  const { items, nextToken } = pageOf(all, input, PAGE_SIZE);
  return { reactionsForComment: items, ...(nextToken ? { nextToken } : {}) };
}
