import type { Comment, CommentsForPullRequest } from '../../api/codecommit-types.js';
import { TimeAgo } from '../../components/time.js';
import { principalName } from '../../lib/arns.js';
import { formatTime } from '../../lib/format.js';

function placeOf(thread: CommentsForPullRequest): string {
  const at = thread.location;
  if (!at?.filePath) return 'On the pull request';
  const side = at.relativeFileVersion === 'BEFORE' ? ' (before)' : '';
  return at.filePosition !== undefined ? `On ${at.filePath}, line ${at.filePosition}${side}` : `On ${at.filePath}${side}`;
}

/** Comments in the order they were made, each reply right after the comment it answers. */
export function threaded(comments: Comment[]): { comment: Comment; depth: number }[] {
  const byTime = [...comments].sort((a, b) => (a.creationDate ?? 0) - (b.creationDate ?? 0));
  const ids = new Set(byTime.map((c) => c.commentId));
  const out: { comment: Comment; depth: number }[] = [];
  const visit = (c: Comment, depth: number) => {
    out.push({ comment: c, depth });
    for (const reply of byTime) if (reply.inReplyTo === c.commentId) visit(reply, depth + 1);
  };
  // A reply whose comment is not in this place's list is shown as a comment of its own.
  for (const c of byTime) if (!c.inReplyTo || !ids.has(c.inReplyTo)) visit(c, 0);
  return out;
}

function CommentView({ comment, depth }: { comment: Comment; depth: number }) {
  return (
    <article class="comment" style={{ marginLeft: `${Math.min(depth, 6) * 24}px` }} data-testid={`comment-${comment.commentId}`}>
      <header class="comment-head">
        <span class="strong" title={comment.authorArn}>
          {principalName(comment.authorArn)}
        </span>
        <span class="muted small" title={formatTime(comment.creationDate)}>
          <TimeAgo at={comment.creationDate} />
          {comment.lastModifiedDate !== undefined && comment.lastModifiedDate !== comment.creationDate && ' · edited'}
        </span>
      </header>
      {comment.deleted ? <p class="muted">This comment was deleted.</p> : <div class="comment-body wrap">{comment.content}</div>}
    </article>
  );
}

/** A pull request's comments, grouped by where they were made (the whole change, or a file and line). */
export function PullRequestComments({ threads }: { threads: CommentsForPullRequest[] }) {
  const places = threads.filter((t) => t.comments?.length);
  if (!places.length) return <p class="muted">No comments yet. Comment with <code>aws codecommit post-comment-for-pull-request</code>.</p>;
  return (
    <div class="comments" data-testid="comments">
      {places.map((thread, i) => (
        <section key={i} class="comment-thread">
          <h3 class="comment-place">{placeOf(thread)}</h3>
          {threaded(thread.comments ?? []).map(({ comment, depth }) => (
            <CommentView key={comment.commentId} comment={comment} depth={depth} />
          ))}
        </section>
      ))}
    </div>
  );
}
