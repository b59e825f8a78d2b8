import {
  CodeCommitClient,
  CreatePullRequestCommand,
  CreateRepositoryCommand,
  DeleteCommentContentCommand,
  GetCommentCommand,
  GetCommentReactionsCommand,
  GetCommentsForComparedCommitCommand,
  GetCommentsForPullRequestCommand,
  PostCommentForComparedCommitCommand,
  PostCommentForPullRequestCommand,
  PostCommentReplyCommand,
  PutCommentReactionCommand,
  UpdateCommentCommand,
} from '@aws-sdk/client-codecommit';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_ACCOUNT, useTestEmulator } from '../../helpers/emulator.js';
import { errorOf } from '../../helpers/errors.js';
import { commitFile, git, tempDir } from '../../helpers/git.js';
import { uniqueName } from '../../helpers/pipelines.js';

describe('CodeCommit comments', () => {
  const emulator = useTestEmulator({}, { client: CodeCommitClient });
  const work = tempDir();
  const repositoryName = uniqueName('comments');
  const clone = join(work, 'clone');
  let base = '';
  let change = '';
  let pullRequestId = '';

  // main has the base; `topic` changes app.js on top of it, and a pull request proposes it.
  beforeAll(async () => {
    const url = (await emulator.client.send(new CreateRepositoryCommand({ repositoryName }))).repositoryMetadata!.cloneUrlHttp!;
    await git(work, 'clone', '--quiet', url, clone);
    await git(clone, 'checkout', '--quiet', '-b', 'main');
    base = await commitFile(clone, 'app.js', 'one\n', 'base');
    await git(clone, 'checkout', '--quiet', '-b', 'topic');
    change = await commitFile(clone, 'app.js', 'two\n', 'change');
    await git(clone, 'push', '--quiet', 'origin', 'main', 'topic');
    pullRequestId = (await emulator.client.send(new CreatePullRequestCommand({ title: 'Topic', targets: [{ repositoryName, sourceReference: 'topic' }] }))).pullRequest!.pullRequestId!;
  });

  it('posts on a pull request and a file in it, answers replies in the same place, and lists them by place', async () => {
    const general = await emulator.client.send(new PostCommentForPullRequestCommand({ pullRequestId, repositoryName, beforeCommitId: base, afterCommitId: change, content: 'Looks fine' }));
    expect(general).toMatchObject({ pullRequestId, repositoryName, beforeCommitId: base, afterCommitId: change, comment: { content: 'Looks fine', deleted: false, authorArn: 'arn:aws:iam::000000000000:user/AKIDEXAMPLE' } });
    const location = { filePath: 'app.js', filePosition: 1, relativeFileVersion: 'AFTER' as const };
    const onFile = await emulator.client.send(new PostCommentForPullRequestCommand({ pullRequestId, repositoryName, beforeCommitId: base, afterCommitId: change, location, content: 'Why two?' }));
    const blob = async (commit: string) => (await git(clone, 'rev-parse', `${commit}:app.js`)).stdout.trim();
    expect(onFile).toMatchObject({ location, beforeBlobId: await blob(base), afterBlobId: await blob(change) });
    const reply = (await emulator.client.send(new PostCommentReplyCommand({ inReplyTo: onFile.comment!.commentId, content: 'Because.' }))).comment!;
    expect(reply.inReplyTo).toBe(onFile.comment!.commentId);
    const listed = await emulator.client.send(new GetCommentsForPullRequestCommand({ pullRequestId }));
    expect(listed.commentsForPullRequestData!.map((g) => [g.location?.filePath, g.comments!.map((c) => c.content)])).toEqual([
      [undefined, ['Looks fine']],
      ['app.js', ['Why two?', 'Because.']],
    ]);
  });

  it('posts on compared commits outside any pull request', async () => {
    const out = await emulator.client.send(new PostCommentForComparedCommitCommand({ repositoryName, beforeCommitId: base, afterCommitId: change, content: 'On the commits' }));
    const listed = await emulator.client.send(new GetCommentsForComparedCommitCommand({ repositoryName, beforeCommitId: base, afterCommitId: change }));
    expect(listed.commentsForComparedCommitData).toEqual([expect.objectContaining({ beforeCommitId: base, afterCommitId: change, comments: [expect.objectContaining({ commentId: out.comment!.commentId })] })]);
    const none = await emulator.client.send(new GetCommentsForComparedCommitCommand({ repositoryName, afterCommitId: base }));
    expect(none.commentsForComparedCommitData).toEqual([]);
  });

  it('updates, deletes and refuses a deleted comment', async () => {
    const posted = (await emulator.client.send(new PostCommentForComparedCommitCommand({ repositoryName, afterCommitId: change, content: 'draft' }))).comment!;
    const commentId = posted.commentId!;
    expect((await emulator.client.send(new UpdateCommentCommand({ commentId, content: 'final' }))).comment!.content).toBe('final');
    expect((await emulator.client.send(new GetCommentCommand({ commentId }))).comment!.content).toBe('final');
    expect((await emulator.client.send(new DeleteCommentContentCommand({ commentId }))).comment).toMatchObject({ deleted: true, content: '' });
    expect((await errorOf(emulator.client.send(new GetCommentCommand({ commentId })))).name).toBe('CommentDeletedException');
    expect((await errorOf(emulator.client.send(new GetCommentCommand({ commentId: 'nope' })))).name).toBe('CommentDoesNotExistException');
    const other = emulator.env.client(CodeCommitClient, 'us-east-1', '111111111111');
    const mine = (await emulator.client.send(new PostCommentForComparedCommitCommand({ repositoryName, afterCommitId: change, content: 'mine' }))).comment!;
    // Callers of one account share its root ARN; another account's caller sees none of this account's comments.
    expect((await errorOf(other.send(new UpdateCommentCommand({ commentId: mine.commentId, content: 'theirs' })))).name).toBe('CommentDoesNotExistException');
  });

  it.each([
    ['no content', { content: '' }, 'CommentContentRequiredException'],
    ['content over 10,240 characters', { content: 'x'.repeat(10241) }, 'CommentContentSizeLimitExceededException'],
    ['the same commit twice', { beforeCommitId: 'AFTER' }, 'BeforeCommitIdAndAfterCommitIdAreSameException'],
    ['a commit that is no id', { afterCommitId: 'main' }, 'InvalidCommitIdException'],
    ['a commit that does not exist', { afterCommitId: 'f'.repeat(40) }, 'CommitDoesNotExistException'],
    ['a file in neither commit', { location: { filePath: 'nope.js' } }, 'PathDoesNotExistException'],
    ['a negative position', { location: { filePath: 'app.js', filePosition: -1 } }, 'InvalidFilePositionException'],
  ])('refuses a comment with %s', async (_what, wrong: Record<string, unknown>, errorName) => {
    const input = { repositoryName, beforeCommitId: base, afterCommitId: 'AFTER', content: 'c', ...wrong };
    const resolved = JSON.parse(JSON.stringify(input).replaceAll('"AFTER"', JSON.stringify(change)));
    expect((await errorOf(emulator.client.send(new PostCommentForComparedCommitCommand(resolved)))).name).toBe(errorName);
  });

  it('keeps one reaction per user, in any of its forms, and counts them on the comment', async () => {
    const { comment } = await emulator.client.send(new PostCommentForPullRequestCommand({ pullRequestId, repositoryName, beforeCommitId: base, afterCommitId: change, content: 'Ship it' }));
    const commentId = comment!.commentId!;
    const mary = emulator.env.client(CodeCommitClient, 'us-east-1', 'Mary_Major');
    await emulator.client.send(new PutCommentReactionCommand({ commentId, reactionValue: ':thumbsup:' }));
    await mary.send(new PutCommentReactionCommand({ commentId, reactionValue: '\u{1F44E}' }));
    await mary.send(new PutCommentReactionCommand({ commentId, reactionValue: 'U+1F44D' }));
    const reactions = await emulator.client.send(new GetCommentReactionsCommand({ commentId }));
    const user = (name: string) => `arn:aws:iam::${TEST_ACCOUNT}:user/${name}`;
    expect(reactions.reactionsForComment).toEqual([{ reaction: { emoji: '\u{1F44D}', shortCode: 'thumbsup', unicode: 'U+1F44D' }, reactionUsers: [user('AKIDEXAMPLE'), user('Mary_Major')], reactionsFromDeletedUsersCount: 0 }]);
    expect((await mary.send(new GetCommentCommand({ commentId }))).comment).toMatchObject({ callerReactions: ['THUMBSUP'], reactionCounts: { THUMBSUP: 2 } });
    await mary.send(new PutCommentReactionCommand({ commentId, reactionValue: 'none' }));
    const listed = await mary.send(new GetCommentsForPullRequestCommand({ pullRequestId }));
    const counted = listed.commentsForPullRequestData!.flatMap((g) => g.comments!).find((c) => c.commentId === commentId);
    expect(counted).toMatchObject({ callerReactions: [], reactionCounts: { THUMBSUP: 1 } });
    expect((await errorOf(emulator.client.send(new PutCommentReactionCommand({ commentId, reactionValue: ':unicorn:' })))).name).toBe('InvalidReactionValueException');
    expect((await errorOf(emulator.client.send(new GetCommentReactionsCommand({ commentId, reactionUserArn: 'Mary' })))).name).toBe('InvalidReactionUserArnException');
    const mine = await emulator.client.send(new GetCommentReactionsCommand({ commentId, reactionUserArn: user('Mary_Major') }));
    expect(mine.reactionsForComment).toEqual([]);
  });
});
