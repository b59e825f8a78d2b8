import { CreatePipelineCommand, PutApprovalResultCommand } from '@aws-sdk/client-codepipeline';
import { ConfirmSubscriptionCommand, CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, TEST_ACCOUNT, type TestEmulator } from '../../helpers/emulator.js';
import { waitForExecutionEnd } from '../../helpers/wait.js';
import { startHttpSubscriber, type HttpSubscriber, type ReceivedPost } from '../../helpers/http-subscriber.js';
import { approvalAction, localPipeline, testAction } from '../../helpers/local-pipelines.js';
import { uniqueName } from '../../helpers/pipelines.js';
import { localTestProviders } from '../../helpers/test-provider.js';
import { aws } from '../protocol/tiny/aws-cli.js';

const notification = (p: ReceivedPost) => p.headers['x-amz-sns-message-type'] === 'Notification';

describe('notifications of a pipeline reaching an HTTP subscriber', () => {
  let env: TestEmulator;
  let sns: SNSClient;
  let endpoint: HttpSubscriber;
  beforeAll(async () => {
    env = await startTestEmulator({}, { overrides: { providers: localTestProviders() } });
    sns = env.client(SNSClient);
    endpoint = await startHttpSubscriber();
  });
  afterAll(async () => {
    await endpoint?.close();
    await env?.close();
  });

  /** A topic with the test's endpoint subscribed and confirmed, as a subscriber would do it. */
  async function subscribedTopic(path: string): Promise<string> {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: uniqueName('notes') }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'http', Endpoint: `${endpoint.url}${path}` }));
    const confirmation = await endpoint.next((p) => p.path === path && p.headers['x-amz-sns-message-type'] === 'SubscriptionConfirmation');
    await sns.send(new ConfirmSubscriptionCommand({ TopicArn, Token: confirmation.json.Token }));
    return TopicArn!;
  }

  it('sends the approval request of NotificationArn, the rule’s approval-needed message, and the rule’s execution-failed message', async () => {
    const name = uniqueName('notified');
    const path = `/${name}`;
    const topicArn = await subscribedTopic(path);
    const pipelineArn = `arn:aws:codepipeline:us-east-1:${TEST_ACCOUNT}:${name}`;
    const rule = await aws(env.url, [
      'codestar-notifications', 'create-notification-rule',
      '--name', name,
      '--resource', pipelineArn,
      '--event-type-ids', 'codepipeline-pipeline-manual-approval-needed', 'codepipeline-pipeline-pipeline-execution-failed',
      '--targets', `TargetType=SNS,TargetAddress=${topicArn}`,
      '--detail-type', 'FULL',
    ]);
    expect(rule.code, rule.stderr).toBe(0);
    const ruleArn = rule.json.Arn as string;

    const approval = approvalAction('Review', { configuration: { NotificationArn: topicArn, CustomData: 'Look at the staging site first', ExternalEntityLink: 'https://example.com/staging' } });
    const stages = [
      { name: 'Approve', actions: [approval] },
      { name: 'Build', actions: [testAction('Compile', 'Build', { Outcome: 'Fail', Summary: 'compiler said no' })] },
    ];
    await env.codepipeline().send(new CreatePipelineCommand({ pipeline: localPipeline(name, stages) }));

    // The approval request, published to NotificationArn when the approval starts waiting.
    const request = await endpoint.next((p) => p.path === path && notification(p) && p.json.Subject !== undefined);
    expect(request.json.Subject).toBe(`APPROVAL NEEDED: AWS CodePipeline ${name} for action Review`);
    const message = JSON.parse(request.json.Message);
    const consoleLink = `${env.url}/console/pipelines/${name}`;
    expect(message).toEqual({
      region: 'us-east-1',
      consoleLink,
      approval: {
        pipelineName: name,
        stageName: 'Approve',
        actionName: 'Review',
        token: expect.stringMatching(/^[0-9a-f-]{36}$/),
        expires: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\dZ$/),
        externalEntityLink: 'https://example.com/staging',
        approvalReviewLink: `${consoleLink}#/Approve/Review/approve/${message.approval.token}`,
        customData: 'Look at the staging site first',
      },
    });
    // Seven days by default, to the minute.
    expect(Date.parse(message.approval.expires) - Date.parse(request.json.Timestamp)).toBeGreaterThan(7 * 24 * 3600_000 - 120_000);

    // The rule's manual-approval-needed message: the processed action event, with FULL's supplemental information.
    const needed = await endpoint.next((p) => p.path === path && notification(p) && p.json.Subject === undefined && p.body.includes('Action Execution State Change'));
    const neededEvent = JSON.parse(needed.json.Message);
    expect(neededEvent).toMatchObject({
      account: TEST_ACCOUNT,
      detailType: 'CodePipeline Action Execution State Change',
      region: 'us-east-1',
      source: 'aws.codepipeline',
      notificationRuleArn: ruleArn,
      resources: [pipelineArn],
      detail: { pipeline: name, stage: 'Approve', action: 'Review', state: 'STARTED', type: { owner: 'AWS', provider: 'Manual', category: 'Approval', version: '1' } },
      additionalAttributes: { externalEntityLink: 'https://example.com/staging', customData: 'Look at the staging site first' },
    });
    expect(neededEvent).not.toHaveProperty('id');
    expect(neededEvent).not.toHaveProperty('detail-type');

    await env.codepipeline().send(new PutApprovalResultCommand({ pipelineName: name, stageName: 'Approve', actionName: 'Review', token: message.approval.token, result: { status: 'Approved', summary: 'ok' } }));
    const executionId = neededEvent.detail['execution-id'];
    expect((await waitForExecutionEnd(env.codepipeline(), name, executionId, { timeoutMs: 15_000 })).status).toBe('Failed');

    const failed = await endpoint.next((p) => p.path === path && notification(p) && p.body.includes('Pipeline Execution State Change'));
    expect(JSON.parse(failed.json.Message)).toMatchObject({
      detailType: 'CodePipeline Pipeline Execution State Change',
      notificationRuleArn: ruleArn,
      detail: { pipeline: name, 'execution-id': executionId, state: 'FAILED', version: 1, 'pipeline-execution-attempt': 1 },
      additionalAttributes: { failedActionCount: 1, failedActions: [{ action: 'Compile', additionalInformation: 'compiler said no' }], failedStage: 'Build' },
    });
    expect(failed.headers['x-amz-sns-topic-arn']).toBe(topicArn);
    // The rule named only these two event types: nothing else of the execution was published by it.
    const fromRule = endpoint.received.filter((p) => p.path === path && notification(p) && p.json.Subject === undefined);
    expect(fromRule.map((p) => JSON.parse(p.json.Message).detailType)).toEqual(['CodePipeline Action Execution State Change', 'CodePipeline Pipeline Execution State Change']);
  });

  it('publishes for an ENABLED BASIC rule without additionalAttributes, and not for a DISABLED rule', async () => {
    const name = uniqueName('basic');
    const path = `/${name}`;
    const topicArn = await subscribedTopic(path);
    const create = (ruleName: string, pipeline: string, detailType: string, status: string) =>
      aws(env.url, [
        'codestar-notifications', 'create-notification-rule', '--name', ruleName, '--resource', `arn:aws:codepipeline:us-east-1:${TEST_ACCOUNT}:${pipeline}`,
        '--event-type-ids', 'codepipeline-pipeline-pipeline-execution-succeeded', '--targets', `TargetType=SNS,TargetAddress=${topicArn}`, '--detail-type', detailType, '--status', status,
      ]);
    expect((await create(`${name}-on`, name, 'BASIC', 'ENABLED')).code).toBe(0);
    expect((await create(`${name}-off`, name, 'FULL', 'DISABLED')).code).toBe(0);
    await env.codepipeline().send(new CreatePipelineCommand({ pipeline: localPipeline(name, [{ name: 'Build', actions: [testAction('Build', 'Build')] }]) }));
    const note = await endpoint.next((p) => p.path === path && notification(p));
    const event = JSON.parse(note.json.Message);
    expect(event).toMatchObject({ detailType: 'CodePipeline Pipeline Execution State Change', detail: { state: 'SUCCEEDED' } });
    expect(event).not.toHaveProperty('additionalAttributes');
    // Both rules are matched in one pass, so by now the delivery log holds whatever either of them published.
    const log = (await (await fetch(`${env.url}/_aws/sns/deliveries?topicArn=${encodeURIComponent(topicArn)}`)).json()) as { deliveries: { type: string }[] };
    expect(log.deliveries.filter((d) => d.type === 'Notification')).toHaveLength(1);
  });
});
