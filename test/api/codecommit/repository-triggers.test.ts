import { CodeCommitClient, CreateBranchCommand, CreateCommitCommand, CreateRepositoryCommand, PutRepositoryTriggersCommand, TestRepositoryTriggersCommand } from '@aws-sdk/client-codecommit';
import { ConfirmSubscriptionCommand, CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, TEST_ACCOUNT, type TestEmulator } from '../../helpers/emulator.js';
import { startHttpSubscriber, type HttpSubscriber } from '../../helpers/http-subscriber.js';
import { uniqueName } from '../../helpers/pipelines.js';

type TriggerRecord = { eventName: string; eventSource: string; eventSourceARN: string; eventTriggerName: string; customData?: string; awsRegion: string; codecommit: { references: { ref: string; commit: string; created?: boolean }[] } };

describe('CodeCommit repository triggers delivered to an SNS topic', () => {
  let env: TestEmulator;
  let codecommit: CodeCommitClient;
  let endpoint: HttpSubscriber;
  let topicArn: string;
  beforeAll(async () => {
    env = await startTestEmulator();
    codecommit = env.client(CodeCommitClient);
    endpoint = await startHttpSubscriber();
    const sns = env.client(SNSClient);
    topicArn = (await sns.send(new CreateTopicCommand({ Name: uniqueName('pushes') }))).TopicArn!;
    await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'http', Endpoint: `${endpoint.url}/pushes` }));
    const confirmation = await endpoint.next((p) => p.path === '/pushes' && p.headers['x-amz-sns-message-type'] === 'SubscriptionConfirmation');
    await sns.send(new ConfirmSubscriptionCommand({ TopicArn: topicArn, Token: confirmation.json.Token }));
  });
  afterAll(async () => {
    await endpoint?.close();
    await env?.close();
  });

  /** The trigger records the topic's subscriber has received. */
  const records = () =>
    endpoint.received.filter((p) => p.path === '/pushes' && p.headers['x-amz-sns-message-type'] === 'Notification').map((p) => JSON.parse(p.json.Message).Records[0] as TriggerRecord);
  /** The record the subscriber receives of an event about one commit. */
  async function recordOf(eventName: string, commit: string): Promise<TriggerRecord> {
    await endpoint.next(() => records().some((r) => r.eventName === eventName && r.codecommit.references[0]?.commit === commit));
    return records().find((r) => r.eventName === eventName && r.codecommit.references[0]?.commit === commit)!;
  }

  it('sends a TriggerEventTest to the topic, sends each commit of a watched branch, and fails a test to a function that does not exist', async () => {
    const repositoryName = uniqueName('triggered');
    await codecommit.send(new CreateRepositoryCommand({ repositoryName }));
    const first = await codecommit.send(new CreateCommitCommand({ repositoryName, branchName: 'main', putFiles: [{ filePath: 'a.txt', fileContent: new TextEncoder().encode('a') }] }));
    const trigger = { name: 'on-main', destinationArn: topicArn, customData: 'team=web', branches: ['main'], events: ['all' as const] };

    const missingFunction = `arn:aws:lambda:us-east-1:${TEST_ACCOUNT}:function:${uniqueName('absent')}`;
    const tested = await codecommit.send(new TestRepositoryTriggersCommand({ repositoryName, triggers: [trigger, { name: 'to-lambda', destinationArn: missingFunction, events: ['all'] }] }));
    expect(tested).toMatchObject({ successfulExecutions: ['on-main'], failedExecutions: [{ trigger: 'to-lambda', failureMessage: `The Lambda function ${missingFunction} does not exist` }] });
    const test = await recordOf('TriggerEventTest', first.commitId!);
    expect(test).toMatchObject({ eventSource: 'aws:codecommit', eventTriggerName: 'on-main', customData: 'team=web', codecommit: { references: [{ ref: 'refs/heads/main', commit: first.commitId }] } });

    await codecommit.send(new PutRepositoryTriggersCommand({ repositoryName, triggers: [trigger] }));
    const second = await codecommit.send(new CreateCommitCommand({ repositoryName, branchName: 'main', parentCommitId: first.commitId, putFiles: [{ filePath: 'b.txt', fileContent: new TextEncoder().encode('b') }] }));
    const pushed = await recordOf('ReferenceChanges', second.commitId!);
    expect(pushed).toMatchObject({
      awsRegion: 'us-east-1',
      eventSourceARN: `arn:aws:codecommit:us-east-1:${TEST_ACCOUNT}:${repositoryName}`,
      eventTriggerName: 'on-main',
      customData: 'team=web',
      codecommit: { references: [{ ref: 'refs/heads/main', commit: second.commitId }] },
    });

    // A branch the trigger does not name sends nothing: by the time the next commit on main arrives, no record names it.
    await codecommit.send(new CreateBranchCommand({ repositoryName, branchName: 'other', commitId: second.commitId }));
    await codecommit.send(new CreateCommitCommand({ repositoryName, branchName: 'other', parentCommitId: second.commitId, putFiles: [{ filePath: 'c.txt', fileContent: new TextEncoder().encode('c') }] }));
    const third = await codecommit.send(new CreateCommitCommand({ repositoryName, branchName: 'main', parentCommitId: second.commitId, putFiles: [{ filePath: 'd.txt', fileContent: new TextEncoder().encode('d') }] }));
    expect((await recordOf('ReferenceChanges', third.commitId!)).codecommit.references).toEqual([{ ref: 'refs/heads/main', commit: third.commitId }]);
    expect(records().filter((r) => r.codecommit.references.some((ref) => ref.ref === 'refs/heads/other'))).toEqual([]);
  });
});
