import { CreatePipelineCommand } from '@aws-sdk/client-codepipeline';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_ACCOUNT } from '../helpers/emulator.js';
import { executionProbes } from '../helpers/execution-probes.js';
import { approvalAction, localPipeline, testAction } from '../helpers/local-pipelines.js';
import { waitFor } from '../helpers/wait.js';
import { uniqueName } from '../helpers/pipelines.js';
import { useConsoleHarness } from './helpers/browser.js';

describe('the console and notifications: the Notifications page and approval review links', () => {
  const h = useConsoleHarness({ snsAutoConfirm: true });
  const probe = executionProbes(() => h.client);
  const pipeline = uniqueName('watched');
  const topicName = uniqueName('alerts');
  const address = `${uniqueName('ops')}@example.com`;
  let topicArn = '';

  // A topic with an email-json subscriber, a FULL rule on a pipeline, and one execution of that pipeline.
  beforeAll(async () => {
    const sns = h.env.client(SNSClient);
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: topicName, Attributes: { DisplayName: 'Alerts' } }));
    topicArn = TopicArn!;
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

  it("opens the review of the approval an approval message's review link names, and the approval answered there lets the execution go on", async () => {
    const name = uniqueName('gated');
    const stages = [{ name: 'Approve', actions: [approvalAction('Review', { configuration: { NotificationArn: topicArn, CustomData: 'Check the staging site' } })] }];
    await h.client.send(new CreatePipelineCommand({ pipeline: localPipeline(name, stages) }));
    const mail = await waitFor(
      async () => ((await (await fetch(`${h.env.url}/_aws/sns/mailbox?address=${encodeURIComponent(address)}`)).json()) as { messages: { subject?: string; body: string }[] }).messages.find((m) => m.subject?.includes(name)),
      { description: 'the approval request in the mailbox' },
    );
    const link: string = JSON.parse(JSON.parse(mail!.body).Message).approval.approvalReviewLink;
    expect(link.startsWith(`${h.env.url}/console/pipelines/${name}#/Approve/Review/approve/`)).toBe(true);
    const page = await h.open(link.slice(h.env.url.length));
    const dialog = page.getByTestId('review-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Check the staging site');
    await page.getByTestId('review-comment').fill('looks good');
    await dialog.getByRole('button', { name: 'Submit' }).click();
    await probe.untilStatus(name, await probe.firstExecution(name), 'Succeeded');
    expect(new URL(page.url()).hash).toBe('');
  });
});
