import {
  ConfirmSubscriptionCommand,
  CreateTopicCommand,
  DeleteTopicCommand,
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  InvalidParameterException,
  ListSubscriptionsByTopicCommand,
  ListSubscriptionsCommand,
  ListTagsForResourceCommand,
  ListTopicsCommand,
  NotFoundException,
  PublishCommand,
  SetSubscriptionAttributesCommand,
  SetTopicAttributesCommand,
  SNSClient,
  SubscribeCommand,
  TagResourceCommand,
  UnsubscribeCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, TEST_ACCOUNT, type TestEmulator } from '../../helpers/emulator.js';
import { startHttpSubscriber, type HttpSubscriber } from '../../helpers/http-subscriber.js';
import { uniqueName } from '../../helpers/pipelines.js';
import { waitFor } from '../../helpers/wait.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('SNS', () => {
  let env: TestEmulator;
  let sns: SNSClient;
  let endpoint: HttpSubscriber;
  beforeAll(async () => {
    env = await startTestEmulator();
    sns = env.client(SNSClient);
    endpoint = await startHttpSubscriber();
  });
  afterAll(async () => {
    await endpoint?.close();
    await env?.close();
  });

  const topic = async (name = uniqueName('t')) => (await sns.send(new CreateTopicCommand({ Name: name }))).TopicArn!;

  describe('when an HTTP endpoint subscribes', () => {
    it('POSTs a SubscriptionConfirmation, is confirmed by a GET of its SubscribeURL, then receives notifications with their attributes', async () => {
      const topicArn = await topic();
      const path = `/hook-${uniqueName()}`;
      const subscribed = await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'http', Endpoint: `${endpoint.url}${path}` }));
      expect(subscribed.SubscriptionArn).toBe('pending confirmation');
      const confirmation = await endpoint.next((p) => p.path === path && p.headers['x-amz-sns-message-type'] === 'SubscriptionConfirmation');
      expect(confirmation.headers).toMatchObject({ 'x-amz-sns-topic-arn': topicArn, 'content-type': 'text/plain; charset=UTF-8', 'user-agent': 'Amazon Simple Notification Service Agent' });
      expect(confirmation.headers['x-amz-sns-message-id']).toMatch(UUID);
      expect(confirmation.json).toMatchObject({ Type: 'SubscriptionConfirmation', TopicArn: topicArn, SignatureVersion: '1' });
      expect(confirmation.json.Message).toBe(`You have chosen to subscribe to the topic ${topicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`);
      expect(Object.keys(confirmation.json).sort()).toEqual(['Message', 'MessageId', 'Signature', 'SignatureVersion', 'SigningCertURL', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type']);

      const pending = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }));
      expect(pending.Subscriptions).toEqual([{ SubscriptionArn: 'PendingConfirmation', Owner: TEST_ACCOUNT, Protocol: 'http', Endpoint: `${endpoint.url}${path}`, TopicArn: topicArn }]);

      // What a subscriber does: open the SubscribeURL (an unsigned GET of ConfirmSubscription on this server).
      const visit = await fetch(confirmation.json.SubscribeURL);
      expect(visit.status).toBe(200);
      const confirmedArn = /<SubscriptionArn>([^<]+)<\/SubscriptionArn>/.exec(await visit.text())?.[1];
      expect(confirmedArn).toMatch(new RegExp(`^${topicArn}:[0-9a-f-]{36}$`));

      const published = await sns.send(
        new PublishCommand({ TopicArn: topicArn, Message: 'Hello world!', Subject: 'My First Message', MessageAttributes: { SDLCEnv: { DataType: 'String', StringValue: 'PROD' }, n: { DataType: 'Number', StringValue: '3' } } }),
      );
      expect(published.MessageId).toMatch(UUID);
      const note = await endpoint.next((p) => p.path === path && p.headers['x-amz-sns-message-type'] === 'Notification');
      expect(note.headers).toMatchObject({ 'x-amz-sns-message-id': published.MessageId, 'x-amz-sns-topic-arn': topicArn, 'x-amz-sns-subscription-arn': confirmedArn });
      expect(note.json).toMatchObject({
        Type: 'Notification',
        MessageId: published.MessageId,
        TopicArn: topicArn,
        Subject: 'My First Message',
        Message: 'Hello world!',
        SignatureVersion: '1',
        MessageAttributes: { SDLCEnv: { Type: 'String', Value: 'PROD' }, n: { Type: 'Number', Value: '3' } },
      });
      expect(note.json.Timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(note.json.UnsubscribeURL).toBe(`${env.url}/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(confirmedArn!)}`);

      const attrs = await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: confirmedArn }));
      expect(attrs.Attributes).toMatchObject({ PendingConfirmation: 'false', Protocol: 'http', TopicArn: topicArn, RawMessageDelivery: 'false', Owner: TEST_ACCOUNT });
      const topicAttrs = await sns.send(new GetTopicAttributesCommand({ TopicArn: topicArn }));
      expect(topicAttrs.Attributes).toMatchObject({ SubscriptionsConfirmed: '1', SubscriptionsPending: '0', Owner: TEST_ACCOUNT, TopicArn: topicArn });
      expect(JSON.parse(topicAttrs.Attributes!.EffectiveDeliveryPolicy!).http.defaultHealthyRetryPolicy).toMatchObject({ numRetries: 3, minDelayTarget: 20 });
    });

    it('sends the bare message with x-amz-sns-rawdelivery when RawMessageDelivery is on, and an UnsubscribeConfirmation when it unsubscribes', async () => {
      const topicArn = await topic();
      const path = `/raw-${uniqueName()}`;
      const { SubscriptionArn } = await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'http', Endpoint: `${endpoint.url}${path}`, ReturnSubscriptionArn: true }));
      const confirmation = await endpoint.next((p) => p.path === path);
      await sns.send(new ConfirmSubscriptionCommand({ TopicArn: topicArn, Token: confirmation.json.Token }));
      await sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn, AttributeName: 'RawMessageDelivery', AttributeValue: 'true' }));
      await sns.send(new PublishCommand({ TopicArn: topicArn, Message: 'raw body' }));
      const raw = await endpoint.next((p) => p.path === path && p.headers['x-amz-sns-message-type'] === 'Notification');
      expect(raw.body).toBe('raw body');
      expect(raw.headers['x-amz-sns-rawdelivery']).toBe('true');
      await sns.send(new UnsubscribeCommand({ SubscriptionArn }));
      const bye = await endpoint.next((p) => p.path === path && p.headers['x-amz-sns-message-type'] === 'UnsubscribeConfirmation');
      expect(bye.json.Message).toBe(`You have chosen to deactivate subscription ${SubscriptionArn}.\nTo cancel this operation and restore the subscription, visit the SubscribeURL included in this message.`);
      expect((await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }))).Subscriptions).toEqual([]);
    });
  });

  describe('when an endpoint is down', () => {
    it('answers Publish at once and records the failed attempt, which it retries in the background', async () => {
      const topicArn = await topic();
      const path = `/down-${uniqueName()}`;
      const { SubscriptionArn } = await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'http', Endpoint: `${endpoint.url}${path}`, ReturnSubscriptionArn: true }));
      const confirmation = await endpoint.next((p) => p.path === path);
      await sns.send(new ConfirmSubscriptionCommand({ TopicArn: topicArn, Token: confirmation.json.Token }));
      endpoint.status = 503;
      try {
        const { MessageId } = await sns.send(new PublishCommand({ TopicArn: topicArn, Message: 'nobody home' }));
        const record = await waitFor(
          async () => ((await (await fetch(`${env.url}/_aws/sns/deliveries?topicArn=${encodeURIComponent(topicArn)}`)).json()) as { deliveries: any[] }).deliveries.find((d) => d.messageId === MessageId),
          { description: 'the failed delivery record' },
          (d) => d?.attempts >= 1,
        );
        expect(record).toMatchObject({ type: 'Notification', subscriptionArn: SubscriptionArn, status: 'retrying', attempts: 1, lastStatusCode: 503 });
      } finally {
        endpoint.status = 200;
      }
    });
  });

  describe("when an endpoint fails and the subscription's DeliveryPolicy retries after a second", () => {
    it('retries with the same MessageId until the endpoint answers, and records the delivery after 2 attempts', async () => {
      const topicArn = await topic();
      const path = `/flaky-${uniqueName()}`;
      const policy = JSON.stringify({ healthyRetryPolicy: { minDelayTarget: 1, maxDelayTarget: 1, numRetries: 2 } });
      const { SubscriptionArn } = await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'http', Endpoint: `${endpoint.url}${path}`, ReturnSubscriptionArn: true, Attributes: { DeliveryPolicy: policy } }));
      const confirmation = await endpoint.next((p) => p.path === path);
      await sns.send(new ConfirmSubscriptionCommand({ TopicArn: topicArn, Token: confirmation.json.Token }));
      expect(JSON.parse((await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn }))).Attributes!.EffectiveDeliveryPolicy!).healthyRetryPolicy).toMatchObject({ minDelayTarget: 1, numRetries: 2 });
      endpoint.status = 500;
      let first: Awaited<ReturnType<typeof endpoint.next>>;
      try {
        const { MessageId } = await sns.send(new PublishCommand({ TopicArn: topicArn, Message: 'try again' }));
        first = await endpoint.next((p) => p.headers['x-amz-sns-message-id'] === MessageId);
      } finally {
        endpoint.status = 200;
      }
      const attempts = () => endpoint.received.filter((p) => p.headers['x-amz-sns-message-id'] === first.headers['x-amz-sns-message-id']);
      await waitFor(attempts, { description: 'the retry' }, (a) => a.length === 2);
      expect(attempts()[1].body).toBe(first.body);
      const deliveries = async () => ((await (await fetch(`${env.url}/_aws/sns/deliveries?topicArn=${encodeURIComponent(topicArn)}`)).json()) as { deliveries: any[] }).deliveries;
      const record = await waitFor(async () => (await deliveries()).find((d) => d.type === 'Notification'), { description: 'the delivered record' }, (d) => d?.status === 'delivered');
      expect(record).toMatchObject({ status: 'delivered', attempts: 2, lastStatusCode: 200 });
    });
  });

  describe('when an email address subscribes', () => {
    it('puts the confirmation and then the notifications into the local mailbox', async () => {
      const topicArn = await topic();
      const address = `${uniqueName('dev')}@example.com`;
      await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'email-json', Endpoint: address }));
      const mailbox = async () => ((await (await fetch(`${env.url}/_aws/sns/mailbox?address=${encodeURIComponent(address)}`)).json()) as { messages: any[] }).messages;
      const [confirmation] = await mailbox();
      expect(confirmation).toMatchObject({ type: 'SubscriptionConfirmation', topicArn });
      await sns.send(new ConfirmSubscriptionCommand({ TopicArn: topicArn, Token: JSON.parse(confirmation.body).Token }));
      await sns.send(new PublishCommand({ TopicArn: topicArn, Message: 'to the inbox' }));
      const mails = await mailbox();
      expect(mails).toHaveLength(2);
      expect(JSON.parse(mails[1].body)).toMatchObject({ Type: 'Notification', Message: 'to the inbox', TopicArn: topicArn });
    });
  });

  describe('when topics are listed, tagged and changed', () => {
    it('lists them, keeps their tags and attributes, and deletes them with their subscriptions', async () => {
      const name = uniqueName('tagged');
      const created = await sns.send(new CreateTopicCommand({ Name: name, Attributes: { DisplayName: 'Builds' }, Tags: [{ Key: 'team', Value: 'a' }] }));
      expect(created.TopicArn).toBe(`arn:aws:sns:us-east-1:${TEST_ACCOUNT}:${name}`);
      expect((await sns.send(new CreateTopicCommand({ Name: name, Attributes: { DisplayName: 'Builds' } }))).TopicArn).toBe(created.TopicArn);
      await sns.send(new TagResourceCommand({ ResourceArn: created.TopicArn, Tags: [{ Key: 'env', Value: 'dev' }] }));
      await sns.send(new UntagResourceCommand({ ResourceArn: created.TopicArn, TagKeys: ['team'] }));
      expect((await sns.send(new ListTagsForResourceCommand({ ResourceArn: created.TopicArn }))).Tags).toEqual([{ Key: 'env', Value: 'dev' }]);
      await sns.send(new SetTopicAttributesCommand({ TopicArn: created.TopicArn, AttributeName: 'DisplayName', AttributeValue: 'Deploys' }));
      expect((await sns.send(new GetTopicAttributesCommand({ TopicArn: created.TopicArn }))).Attributes?.DisplayName).toBe('Deploys');
      expect((await sns.send(new ListTopicsCommand({}))).Topics).toContainEqual({ TopicArn: created.TopicArn });
      await sns.send(new SubscribeCommand({ TopicArn: created.TopicArn, Protocol: 'email', Endpoint: 'a@example.com' }));
      await sns.send(new DeleteTopicCommand({ TopicArn: created.TopicArn }));
      expect((await sns.send(new ListTopicsCommand({}))).Topics).not.toContainEqual({ TopicArn: created.TopicArn });
      expect((await sns.send(new ListSubscriptionsCommand({}))).Subscriptions?.filter((s) => s.TopicArn === created.TopicArn)).toEqual([]);
      // DeleteTopic is idempotent.
      await sns.send(new DeleteTopicCommand({ TopicArn: created.TopicArn }));
    });
  });

  describe('when a call is refused', () => {
    const refusal = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as Error & { $metadata: { httpStatusCode: number } });

    it("answers NotFound for a topic that does not exist and InvalidParameter with SNS's wording for bad input", async () => {
      const missing = await refusal(sns.send(new PublishCommand({ TopicArn: `arn:aws:sns:us-east-1:${TEST_ACCOUNT}:nope`, Message: 'x' })));
      expect(missing).toBeInstanceOf(NotFoundException);
      expect(missing).toMatchObject({ message: 'Topic does not exist', $metadata: { httpStatusCode: 404 } });
      const notArn = await refusal(sns.send(new GetTopicAttributesCommand({ TopicArn: 'fake_topic' })));
      expect(notArn).toBeInstanceOf(InvalidParameterException);
      expect(notArn?.message).toBe('Invalid parameter: TopicArn Reason: fake_topic does not start with arn');
      const topicArn = await topic();
      const sqs = await refusal(sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: `arn:aws:sqs:us-east-1:${TEST_ACCOUNT}:q` })));
      expect(sqs).toBeInstanceOf(InvalidParameterException);
      expect(sqs?.message).toContain('sqs subscriptions are not emulated yet');
      const mismatch = await refusal(sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'https', Endpoint: 'http://127.0.0.1/' })));
      expect(mismatch?.message).toBe('Invalid parameter: Endpoint must match the specified protocol');
      const noDefault = await refusal(sns.send(new PublishCommand({ TopicArn: topicArn, MessageStructure: 'json', Message: '{"http":"x"}' })));
      expect(noDefault?.message).toBe('Invalid parameter: Message Structure - No default entry in JSON message body');
      const badName = await refusal(sns.send(new CreateTopicCommand({ Name: 'has space' })));
      expect(badName?.message).toBe('Invalid parameter: Topic Name');
      const badToken = await refusal(sns.send(new ConfirmSubscriptionCommand({ TopicArn: topicArn, Token: 'nope' })));
      expect(badToken).toBeInstanceOf(InvalidParameterException);
    });
  });
});
