import {
  CodeCommitClient,
  CreateBranchCommand,
  CreatePullRequestCommand,
  CreateRepositoryCommand,
  DescribePullRequestEventsCommand,
  GetBranchCommand,
  GetCommentsForPullRequestCommand,
  GetPullRequestCommand,
  GetRepositoryCommand,
  ListPullRequestsCommand,
  MergePullRequestByFastForwardCommand,
  MergePullRequestBySquashCommand,
  MergePullRequestByThreeWayCommand,
  PostCommentForPullRequestCommand,
  PutFileCommand,
  UpdatePullRequestDescriptionCommand,
  UpdatePullRequestStatusCommand,
  UpdatePullRequestTitleCommand,
  UpdateRepositoryNameCommand,
} from '@aws-sdk/client-codecommit';
import { describe, expect, it } from 'vitest';
import { useTestEmulator } from '../../helpers/emulator.js';
import { errorOf } from '../../helpers/errors.js';
import { commitFile, git } from '../../helpers/git.js';
import { usePullRequestRepository } from '../../helpers/pull-request-repository.js';
import { uniqueName } from '../../helpers/pipelines.js';
import { aws } from '../protocol/tiny/aws-cli.js';

describe('CodeCommit pull requests', () => {
  const emulator = useTestEmulator({}, { client: CodeCommitClient });
  const repo = usePullRequestRepository(emulator, 'prs');
  const { repositoryName, clone, work, openFrom } = repo;

  const head = async (branchName: string) => (await emulator.client.send(new GetBranchCommand({ repositoryName, branchName }))).branch!.commitId!;



  it('opens a pull request into the default branch, with its commits, merge repo.base() and a created event', async () => {
    const { commitId, pullRequest } = await openFrom('feature-a');
    expect(pullRequest).toMatchObject({
      pullRequestId: expect.stringMatching(/^\d+$/),
      title: 'Merge feature-a',
      pullRequestStatus: 'OPEN',
      authorArn: 'arn:aws:iam::000000000000:user/AKIDEXAMPLE',
      pullRequestTargets: [{ repositoryName, sourceReference: 'refs/heads/feature-a', destinationReference: 'refs/heads/main', sourceCommit: commitId, destinationCommit: repo.base(), mergeBase: repo.base(), mergeMetadata: { isMerged: false } }],
      revisionId: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const events = await emulator.client.send(new DescribePullRequestEventsCommand({ pullRequestId: pullRequest.pullRequestId }));
    expect(events.pullRequestEvents).toEqual([expect.objectContaining({ pullRequestEventType: 'PULL_REQUEST_CREATED', pullRequestCreatedEventMetadata: { repositoryName, sourceCommitId: commitId, destinationCommitId: repo.base(), mergeBase: repo.base() } })]);
  });

  it('follows a push to the source branch with a source reference updated event', async () => {
    const { pullRequest } = await openFrom('feature-b');
    const second = await commitFile(clone, 'more.txt', 'more\n', 'more');
    await git(clone, 'push', '--quiet', 'origin', 'feature-b');
    const got = (await emulator.client.send(new GetPullRequestCommand({ pullRequestId: pullRequest.pullRequestId }))).pullRequest!;
    expect(got.pullRequestTargets![0].sourceCommit).toBe(second);
    expect(got.revisionId).not.toBe(pullRequest.revisionId);
    const updated = await emulator.client.send(new DescribePullRequestEventsCommand({ pullRequestId: pullRequest.pullRequestId, pullRequestEventType: 'PULL_REQUEST_SOURCE_REFERENCE_UPDATED' }));
    expect(updated.pullRequestEvents).toEqual([expect.objectContaining({ pullRequestSourceReferenceUpdatedEventMetadata: expect.objectContaining({ afterCommitId: second }) })]);
  });

  it('updates the title and description, closes, then refuses changes', async () => {
    const { pullRequest } = await openFrom('feature-c');
    const pullRequestId = pullRequest.pullRequestId;
    expect((await emulator.client.send(new UpdatePullRequestTitleCommand({ pullRequestId, title: 'Better title' }))).pullRequest!.title).toBe('Better title');
    expect((await emulator.client.send(new UpdatePullRequestDescriptionCommand({ pullRequestId, description: 'Why' }))).pullRequest!.description).toBe('Why');
    expect((await emulator.client.send(new UpdatePullRequestStatusCommand({ pullRequestId, pullRequestStatus: 'CLOSED' }))).pullRequest!.pullRequestStatus).toBe('CLOSED');
    expect((await errorOf(emulator.client.send(new UpdatePullRequestTitleCommand({ pullRequestId, title: 'x' })))).name).toBe('PullRequestAlreadyClosedException');
    expect((await errorOf(emulator.client.send(new UpdatePullRequestStatusCommand({ pullRequestId, pullRequestStatus: 'OPEN' })))).name).toBe('InvalidPullRequestStatusUpdateException');
    const closed = await emulator.client.send(new ListPullRequestsCommand({ repositoryName, pullRequestStatus: 'CLOSED' }));
    expect(closed.pullRequestIds).toContain(pullRequestId);
    const open = await emulator.client.send(new ListPullRequestsCommand({ repositoryName, pullRequestStatus: 'OPEN' }));
    expect(open.pullRequestIds).not.toContain(pullRequestId);
  });

  it('merges by fast-forward, squash and three-way, closing each as merged', async () => {
    const ff = await openFrom('ff');
    const merged = (await emulator.client.send(new MergePullRequestByFastForwardCommand({ pullRequestId: ff.pullRequest.pullRequestId, repositoryName, sourceCommitId: ff.commitId }))).pullRequest!;
    expect(merged).toMatchObject({ pullRequestStatus: 'CLOSED', pullRequestTargets: [{ mergeMetadata: { isMerged: true, mergeCommitId: ff.commitId, mergeOption: 'FAST_FORWARD_MERGE' } }] });
    expect(await head('main')).toBe(ff.commitId);
    const squash = await openFrom('squash');
    const three = await openFrom('three');
    const squashed = (await emulator.client.send(new MergePullRequestBySquashCommand({ pullRequestId: squash.pullRequest.pullRequestId, repositoryName, commitMessage: 'Squash it' }))).pullRequest!;
    const squashCommit = squashed.pullRequestTargets![0].mergeMetadata!.mergeCommitId!;
    const threeWay = (await emulator.client.send(new MergePullRequestByThreeWayCommand({ pullRequestId: three.pullRequest.pullRequestId, repositoryName }))).pullRequest!;
    const mergeCommit = threeWay.pullRequestTargets![0].mergeMetadata!.mergeCommitId!;
    await git(clone, 'fetch', '--quiet', 'origin', 'main');
    expect((await git(clone, 'log', '--format=%H %P', '-2', 'origin/main')).stdout.trim().split('\n')).toEqual([`${mergeCommit} ${squashCommit} ${three.commitId}`, `${squashCommit} ${ff.commitId}`]);
    expect((await git(clone, 'ls-tree', '--name-only', 'origin/main')).stdout.split('\n').filter(Boolean)).toEqual(['README.md', 'ff.txt', 'squash.txt', 'three.txt']);
    const events = await emulator.client.send(new DescribePullRequestEventsCommand({ pullRequestId: three.pullRequest.pullRequestId }));
    expect(events.pullRequestEvents!.map((e) => e.pullRequestEventType)).toEqual(['PULL_REQUEST_CREATED', 'PULL_REQUEST_MERGE_STATE_CHANGED', 'PULL_REQUEST_STATUS_CHANGED']);
    expect((await errorOf(emulator.client.send(new MergePullRequestBySquashCommand({ pullRequestId: three.pullRequest.pullRequestId, repositoryName })))).name).toBe('PullRequestAlreadyClosedException');
  });

  it('refuses a merge when the source moved on, or that needs a manual merge', async () => {
    const { pullRequest } = await openFrom('stale');
    const input = { pullRequestId: pullRequest.pullRequestId, repositoryName };
    expect((await errorOf(emulator.client.send(new MergePullRequestByFastForwardCommand({ ...input, sourceCommitId: repo.base() })))).name).toBe('TipOfSourceReferenceIsDifferentException');
    expect((await errorOf(emulator.client.send(new MergePullRequestByFastForwardCommand(input)))).name).toBe('ManualMergeRequiredException');
    expect((await errorOf(emulator.client.send(new MergePullRequestByFastForwardCommand({ ...input, repositoryName: 'other-repo' })))).name).toBe('RepositoryDoesNotExistException');
    expect((await emulator.client.send(new GetPullRequestCommand({ pullRequestId: pullRequest.pullRequestId }))).pullRequest!.pullRequestStatus).toBe('OPEN');
  });

  it.each([
    ['no title', { title: '' }, 'TitleRequiredException'],
    ['no targets', { targets: [] }, 'TargetsRequiredException'],
    ['a source that does not exist', { targets: [{ repositoryName: 'REPO', sourceReference: 'nope' }] }, 'ReferenceDoesNotExistException'],
    ['a tag as source', { targets: [{ repositoryName: 'REPO', sourceReference: 'refs/tags/v1' }] }, 'ReferenceTypeNotSupportedException'],
    ['the same source and destination', { targets: [{ repositoryName: 'REPO', sourceReference: 'main', destinationReference: 'refs/heads/main' }] }, 'SourceAndDestinationAreSameException'],
    ['two repositories', { targets: [{ repositoryName: 'REPO', sourceReference: 'ff' }, { repositoryName: 'other', sourceReference: 'ff' }] }, 'MultipleRepositoriesInPullRequestException'],
  ])('refuses to open one with %s', async (_what, change: Record<string, unknown>, errorName) => {
    const input = JSON.parse(JSON.stringify({ title: 't', targets: [{ repositoryName: 'REPO', sourceReference: 'ff' }], ...change }).replaceAll('REPO', repositoryName));
    expect((await errorOf(emulator.client.send(new CreatePullRequestCommand(input)))).name).toBe(errorName);
  });

  it('answers the same pull request for a repeated client request token, and refuses the token for another', async () => {
    await emulator.client.send(new PutFileCommand({ repositoryName, branchName: 'main', filePath: 'token.txt', fileContent: new TextEncoder().encode('t'), parentCommitId: await head('main') }));
    const { commitId } = await openFrom('tokened');
    const input = { title: 'Once', clientRequestToken: uniqueName('token'), targets: [{ repositoryName, sourceReference: 'tokened' }] };
    const first = (await emulator.client.send(new CreatePullRequestCommand(input))).pullRequest!;
    const again = (await emulator.client.send(new CreatePullRequestCommand(input))).pullRequest!;
    expect(again.pullRequestId).toBe(first.pullRequestId);
    expect(first.pullRequestTargets![0].sourceCommit).toBe(commitId);
    expect((await errorOf(emulator.client.send(new CreatePullRequestCommand({ ...input, title: 'Twice' })))).name).toBe('IdempotencyParameterMismatchException');
    expect((await errorOf(emulator.client.send(new GetPullRequestCommand({ pullRequestId: '999999' })))).name).toBe('PullRequestDoesNotExistException');
    expect((await errorOf(emulator.client.send(new GetPullRequestCommand({ pullRequestId: 'abc' })))).name).toBe('InvalidPullRequestIdException');
  });

  it('works through the AWS CLI', async () => {
    await git(clone, 'checkout', '--quiet', '-b', 'cli', repo.base());
    await commitFile(clone, 'cli.txt', 'cli\n', 'cli');
    await git(clone, 'push', '--quiet', 'origin', 'cli');
    const created = await aws(emulator.env.url, ['codecommit', 'create-pull-request', '--title', 'From the CLI', '--targets', `repositoryName=${repositoryName},sourceReference=cli`]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.json.pullRequest).toMatchObject({ title: 'From the CLI', pullRequestStatus: 'OPEN', pullRequestTargets: [{ sourceReference: 'refs/heads/cli', destinationReference: 'refs/heads/main' }] });
    // A timestamp: CLI v1 prints it in epoch seconds without a timestamp format configured.
    expect(created.json.pullRequest.creationDate).toBeGreaterThan(1_600_000_000);
  });

  it('follows its repository to a new name: listed, merged and commented on there', async () => {
    const oldName = uniqueName('before');
    const newName = uniqueName('after');
    await emulator.client.send(new CreateRepositoryCommand({ repositoryName: oldName }));
    const first = await emulator.client.send(new PutFileCommand({ repositoryName: oldName, branchName: 'main', filePath: 'a.txt', fileContent: Buffer.from('a\n') }));
    await emulator.client.send(new CreateBranchCommand({ repositoryName: oldName, branchName: 'topic', commitId: first.commitId }));
    const change = await emulator.client.send(new PutFileCommand({ repositoryName: oldName, branchName: 'topic', parentCommitId: first.commitId, filePath: 'b.txt', fileContent: Buffer.from('b\n') }));
    const { pullRequestId } = (await emulator.client.send(new CreatePullRequestCommand({ title: 'Topic', targets: [{ repositoryName: oldName, sourceReference: 'topic' }] }))).pullRequest!;
    await emulator.client.send(new PostCommentForPullRequestCommand({ pullRequestId, repositoryName: oldName, beforeCommitId: first.commitId, afterCommitId: change.commitId, content: 'Nice' }));
    await emulator.client.send(new UpdateRepositoryNameCommand({ oldName, newName }));

    expect((await emulator.client.send(new ListPullRequestsCommand({ repositoryName: newName }))).pullRequestIds).toEqual([pullRequestId]);
    const got = (await emulator.client.send(new GetPullRequestCommand({ pullRequestId }))).pullRequest!;
    expect(got.pullRequestTargets![0].repositoryName).toBe(newName);
    const comments = await emulator.client.send(new GetCommentsForPullRequestCommand({ pullRequestId, repositoryName: newName }));
    expect(comments.commentsForPullRequestData).toEqual([expect.objectContaining({ repositoryName: newName, comments: [expect.objectContaining({ content: 'Nice' })] })]);
    const merged = await emulator.client.send(new MergePullRequestByFastForwardCommand({ pullRequestId, repositoryName: newName }));
    expect(merged.pullRequest!.pullRequestTargets![0].mergeMetadata).toMatchObject({ isMerged: true, mergeCommitId: change.commitId });
    const url = (await emulator.client.send(new GetRepositoryCommand({ repositoryName: newName }))).repositoryMetadata!.cloneUrlHttp!;
    expect((await git(work, 'ls-remote', url, 'refs/heads/main')).stdout).toBe(`${change.commitId}\trefs/heads/main\n`);
  });
});
