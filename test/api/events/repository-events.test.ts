import { CodeCommitClient, CreateBranchCommand, CreateCommitCommand, CreateRepositoryCommand, DeleteBranchCommand, GetBranchCommand, MergeBranchesByThreeWayCommand } from '@aws-sdk/client-codecommit';
import { ConfirmSubscriptionCommand, CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, TEST_ACCOUNT, type TestEmulator } from '../../helpers/emulator.js';
import { commitFile, git, initCheckout, tempDir } from '../../helpers/git.js';
import { startHttpSubscriber, type HttpSubscriber, type ReceivedPost } from '../../helpers/http-subscriber.js';
import { uniqueName } from '../../helpers/pipelines.js';
import { waitFor } from '../../helpers/wait.js';
import { aws } from '../protocol/tiny/aws-cli.js';

type Event = { id: string; 'detail-type': string; source: string; account: string; region: string; time: string; resources: string[]; detail: Record<string, unknown> };

const repositoryArn = (name: string) => `arn:aws:codecommit:us-east-1:${TEST_ACCOUNT}:${name}`;
const ROOT = `arn:aws:iam::${TEST_ACCOUNT}:root`;

describe('CodeCommit Repository State Change events', () => {
  const work = tempDir('cpl-repo-events-');
  const checkout = join(work, 'local-app');
  let env: TestEmulator;
  let codecommit: CodeCommitClient;
  let endpoint: HttpSubscriber;
  beforeAll(async () => {
    await initCheckout(checkout, 'main');
    env = await startTestEmulator({ repositories: { 'local-app': checkout } });
    codecommit = env.client(CodeCommitClient);
    endpoint = await startHttpSubscriber();
  });
  afterAll(async () => {
    await endpoint?.close();
    await env?.close();
  });

  /** The kept CodeCommit events of one repository, read from the event stream without following it. */
  async function eventsOf(name: string): Promise<Event[]> {
    const res = await fetch(`${env.url}/_aws/events?source=aws.codecommit&resource=${encodeURIComponent(repositoryArn(name))}&follow=false`);
    return (await res.text()).split('\n').filter(Boolean).map((l) => JSON.parse(l) as Event);
  }
  const eventWith = async (name: string, detail: Record<string, unknown>): Promise<Event> =>
    (await waitFor(async () => (await eventsOf(name)).find((e) => Object.entries(detail).every(([k, v]) => e.detail[k] === v)), { timeoutMs: 10_000, description: `the event ${JSON.stringify(detail)} of ${name}` }))!;

  /** A rule on the repository publishing its branch and tag events to a topic the test's endpoint confirmed. */
  async function ruleOn(name: string, path: string): Promise<string> {
    const sns = env.client(SNSClient);
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: uniqueName('repo-notes') }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'http', Endpoint: `${endpoint.url}${path}` }));
    const confirmation = await endpoint.next((p) => p.path === path && p.headers['x-amz-sns-message-type'] === 'SubscriptionConfirmation');
    await sns.send(new ConfirmSubscriptionCommand({ TopicArn, Token: confirmation.json.Token }));
    const rule = await aws(env.url, [
      'codestar-notifications', 'create-notification-rule',
      '--name', uniqueName('repo-rule'),
      '--resource', repositoryArn(name),
      '--event-type-ids', 'codecommit-repository-branches-and-tags-created', 'codecommit-repository-branches-and-tags-updated', 'codecommit-repository-branches-and-tags-deleted',
      '--targets', `TargetType=SNS,TargetAddress=${TopicArn}`,
      '--detail-type', 'FULL',
    ]);
    expect(rule.code, rule.stderr).toBe(0);
    return rule.json.Arn as string;
  }
  const notified = (path: string, detail: Record<string, unknown>) => (p: ReceivedPost) =>
    p.path === path && p.headers['x-amz-sns-message-type'] === 'Notification' && Object.entries(detail).every(([k, v]) => JSON.parse(p.json.Message).detail[k] === v);

  describe('when a repository is pushed to over git HTTP', () => {
    it('emits referenceCreated for the new branch and tag, and the rule sends it to the subscriber', async () => {
      const name = uniqueName('pushed');
      const { repositoryMetadata } = await codecommit.send(new CreateRepositoryCommand({ repositoryName: name }));
      const path = `/${name}`;
      const ruleArn = await ruleOn(name, path);
      const clone = join(work, name);
      await initCheckout(clone, 'main');
      await git(clone, 'tag', 'v1');
      await git(clone, 'push', '--quiet', repositoryMetadata!.cloneUrlHttp!, 'main', 'v1');
      const head = (await git(clone, 'rev-parse', 'HEAD')).stdout.trim();

      const created = await eventWith(name, { event: 'referenceCreated', referenceName: 'main' });
      expect(created).toEqual({
        version: '0',
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        'detail-type': 'CodeCommit Repository State Change',
        source: 'aws.codecommit',
        account: TEST_ACCOUNT,
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        region: 'us-east-1',
        resources: [repositoryArn(name)],
        detail: {
          callerUserArn: ROOT,
          event: 'referenceCreated',
          repositoryName: name,
          repositoryId: repositoryMetadata!.repositoryId,
          referenceType: 'branch',
          referenceName: 'main',
          referenceFullName: 'refs/heads/main',
          commitId: head,
        },
      });
      const tag = await eventWith(name, { event: 'referenceCreated', referenceType: 'tag' });
      expect(tag.detail).toMatchObject({ referenceName: 'v1', referenceFullName: 'refs/tags/v1', commitId: head });

      const post = await endpoint.next(notified(path, { event: 'referenceCreated', referenceName: 'main' }));
      const message = JSON.parse(post.json.Message);
      expect(message).toEqual({
        account: TEST_ACCOUNT,
        detailType: 'CodeCommit Repository State Change',
        region: 'us-east-1',
        source: 'aws.codecommit',
        time: created.time,
        notificationRuleArn: ruleArn,
        detail: created.detail,
        resources: [repositoryArn(name)],
        additionalAttributes: {},
      });

      const next = await commitFile(clone, 'b.txt', 'b\n', 'Second');
      await git(clone, 'push', '--quiet', repositoryMetadata!.cloneUrlHttp!, 'main');
      expect((await eventWith(name, { event: 'referenceUpdated', commitId: next })).detail).toMatchObject({ oldCommitId: head, referenceFullName: 'refs/heads/main' });
      await git(clone, 'push', '--quiet', repositoryMetadata!.cloneUrlHttp!, ':refs/tags/v1');
      expect((await eventWith(name, { event: 'referenceDeleted', referenceName: 'v1' })).detail).toEqual(expect.objectContaining({ referenceType: 'tag', oldCommitId: head }));
      expect((await eventWith(name, { event: 'referenceDeleted', referenceName: 'v1' })).detail).not.toHaveProperty('commitId');
    });
  });

  describe('when the API changes branches', () => {
    it('emits the events of CreateCommit, CreateBranch, a three-way merge and DeleteBranch, through the rule too', async () => {
      const name = uniqueName('api');
      await codecommit.send(new CreateRepositoryCommand({ repositoryName: name }));
      const path = `/${name}`;
      await ruleOn(name, path);
      const first = await codecommit.send(new CreateCommitCommand({ repositoryName: name, branchName: 'main', putFiles: [{ filePath: 'a.txt', fileContent: Buffer.from('a\n') }] }));
      await eventWith(name, { event: 'referenceCreated', referenceName: 'main', commitId: first.commitId });
      const second = await codecommit.send(new CreateCommitCommand({ repositoryName: name, branchName: 'main', parentCommitId: first.commitId, putFiles: [{ filePath: 'b.txt', fileContent: Buffer.from('b\n') }] }));
      const updated = await eventWith(name, { event: 'referenceUpdated', commitId: second.commitId });
      expect(updated.detail).toEqual({
        callerUserArn: ROOT,
        event: 'referenceUpdated',
        repositoryName: name,
        repositoryId: expect.any(String),
        referenceType: 'branch',
        referenceName: 'main',
        referenceFullName: 'refs/heads/main',
        commitId: second.commitId,
        oldCommitId: first.commitId,
      });
      await endpoint.next(notified(path, { event: 'referenceUpdated', commitId: second.commitId }));

      await codecommit.send(new CreateBranchCommand({ repositoryName: name, branchName: 'feature', commitId: first.commitId }));
      await eventWith(name, { event: 'referenceCreated', referenceName: 'feature', commitId: first.commitId });
      const feature = await codecommit.send(new CreateCommitCommand({ repositoryName: name, branchName: 'feature', parentCommitId: first.commitId, putFiles: [{ filePath: 'c.txt', fileContent: Buffer.from('c\n') }] }));
      await eventWith(name, { event: 'referenceUpdated', referenceName: 'feature', commitId: feature.commitId });
      const merged = await codecommit.send(new MergeBranchesByThreeWayCommand({ repositoryName: name, sourceCommitSpecifier: 'feature', destinationCommitSpecifier: 'main', targetBranch: 'main' }));
      const merge = await eventWith(name, { event: 'referenceUpdated', referenceName: 'main', commitId: merged.commitId });
      expect(merge.detail).toMatchObject({ oldCommitId: second.commitId, baseCommitId: first.commitId, sourceCommitId: feature.commitId, destinationCommitId: second.commitId });

      await codecommit.send(new DeleteBranchCommand({ repositoryName: name, branchName: 'feature' }));
      await eventWith(name, { event: 'referenceDeleted', referenceName: 'feature', oldCommitId: feature.commitId });
      await endpoint.next(notified(path, { event: 'referenceDeleted', referenceName: 'feature' }));
    });
  });

  describe('when a commit is made in a registered checkout', () => {
    it('emits referenceUpdated for its branch', async () => {
      const before = (await codecommit.send(new GetBranchCommand({ repositoryName: 'local-app', branchName: 'main' }))).branch!.commitId;
      const after = await commitFile(checkout, 'local.txt', 'local\n', 'Local change');
      const event = await eventWith('local-app', { event: 'referenceUpdated', commitId: after });
      expect(event.detail).toMatchObject({ repositoryName: 'local-app', referenceFullName: 'refs/heads/main', oldCommitId: before });
    });
  });
});
