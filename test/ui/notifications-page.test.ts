import { CreatePipelineCommand } from '@aws-sdk/client-codepipeline';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_ACCOUNT } from '../helpers/emulator.js';
import { executionProbes } from '../helpers/execution-probes.js';
import { localPipeline, testAction } from '../helpers/local-pipelines.js';
import { uniqueName } from '../helpers/pipelines.js';
import { useConsoleHarness } from './helpers/browser.js';

describe('the Notifications page', () => {
  const h = useConsoleHarness({ snsAutoConfirm: true });
  const probe = executionProbes(() => h.client);
  const pipeline = uniqueName('watched');
  const topicName = uniqueName('alerts');
  const address = `${uniqueName('ops')}@example.com`;

  // A topic with an email-json subscriber, a FULL rule on a pipeline, and one execution of that pipeline.
  beforeAll(async () => {
    const sns = h.env.client(SNSClient);
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: topicName, Attributes: { DisplayName: 'Alerts' } }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'email-json', Endpoint: address }));
    const rule = await fetch(`${h.env.url}/createNotificationRule`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `AWS4-HMAC-SHA256 Credential=${TEST_ACCOUNT}/20260101/us-east-1/codestar-notifications/aws4_request, SignedHeaders=host, Signature=0` },
      body: JSON.stringify({
        Name: `${pipeline}-rule`,
        Resource: `arn:aws:codepipeline:us-east-1:${TEST_ACCOUNT}:${pipeline}`,
        EventTypeIds: ['codepipeline-pipeline-pipeline-execution-succeeded'],
        Targets: [{ TargetType: 'SNS', TargetAddress: TopicArn }],
        DetailType: 'FULL',
      }),
    });
    expect(rule.status, await rule.clone().text()).toBe(200);
    await h.client.send(new CreatePipelineCommand({ pipeline: localPipeline(pipeline, [{ name: 'Build', actions: [testAction('Build', 'Build')] }]) }));
    await probe.untilStatus(pipeline, await probe.firstExecution(pipeline), 'Succeeded');
  });

  it('shows the rule, the topic and its subscriber, the delivery into the mailbox, and the events of the execution', async () => {
    const page = await h.open('/console/notifications');
    const rule = page.getByTestId(`rule-row-${pipeline}-rule`);
    await rule.waitFor();
    expect(await rule.textContent()).toContain('codepipeline-pipeline-pipeline-execution-succeeded');
    expect(await rule.textContent()).toContain('ACTIVE');
    expect(await page.getByTestId(`topic-row-${topicName}`).textContent()).toContain(`email-json ${address}`);
    await page.getByTestId('delivery-row').first().waitFor();
    expect(await page.getByTestId('delivery-row').first().getAttribute('data-status')).toBe('delivered');
    expect(await page.getByTestId('mailbox').textContent()).toContain(address);
    const feed = page.getByTestId('event-feed');
    await feed.getByText(`${pipeline} › Build › Build`).first().waitFor();
    expect(await feed.textContent()).toContain('CodePipeline Pipeline Execution State Change');
    await h.screenshot(page, 'notifications-page');
  });
});
