import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator.js';
import { startHttpSubscriber, type HttpSubscriber } from '../../helpers/http-subscriber.js';
import { uniqueName } from '../../helpers/pipelines.js';
import { aws } from '../protocol/tiny/aws-cli.js';

describe('SNS through the AWS CLI', () => {
  let env: TestEmulator;
  let endpoint: HttpSubscriber;
  beforeAll(async () => {
    env = await startTestEmulator();
    endpoint = await startHttpSubscriber();
  });
  afterAll(async () => {
    await endpoint?.close();
    await env?.close();
  });

  const ok = async (...args: string[]) => {
    const run = await aws(env.url, ['sns', ...args]);
    if (run.code !== 0) throw new Error(`aws sns ${args.join(' ')} failed: ${run.stderr}`);
    return run.json;
  };

  it('creates a topic, subscribes an HTTP endpoint, confirms it with the token it received and publishes to it', async () => {
    const name = uniqueName('cli');
    const { TopicArn } = await ok('create-topic', '--name', name, '--tags', 'Key=team,Value=a');
    expect(TopicArn).toBe(`arn:aws:sns:us-east-1:000000000000:${name}`);
    expect(await ok('subscribe', '--topic-arn', TopicArn, '--protocol', 'http', '--notification-endpoint', `${endpoint.url}/${name}`)).toEqual({ SubscriptionArn: 'pending confirmation' });
    const confirmation = await endpoint.next((p) => p.path === `/${name}`);
    const { SubscriptionArn } = await ok('confirm-subscription', '--topic-arn', TopicArn, '--token', confirmation.json.Token);
    expect(SubscriptionArn.startsWith(`${TopicArn}:`)).toBe(true);
    const listed = await ok('list-subscriptions-by-topic', '--topic-arn', TopicArn);
    expect(listed.Subscriptions).toEqual([{ SubscriptionArn, Owner: '000000000000', Protocol: 'http', Endpoint: `${endpoint.url}/${name}`, TopicArn }]);
    const { MessageId } = await ok('publish', '--topic-arn', TopicArn, '--message', 'from the CLI', '--message-attributes', '{"stage":{"DataType":"String","StringValue":"Build"}}');
    const note = await endpoint.next((p) => p.headers['x-amz-sns-message-id'] === MessageId);
    expect(note.json).toMatchObject({ Type: 'Notification', Message: 'from the CLI', MessageAttributes: { stage: { Type: 'String', Value: 'Build' } } });
    expect((await ok('list-tags-for-resource', '--resource-arn', TopicArn)).Tags).toEqual([{ Key: 'team', Value: 'a' }]);
    await ok('unsubscribe', '--subscription-arn', SubscriptionArn);
    await ok('delete-topic', '--topic-arn', TopicArn);
  });

  it('prints SNS error codes: NotFound and InvalidParameter', async () => {
    const missing = await aws(env.url, ['sns', 'get-topic-attributes', '--topic-arn', 'arn:aws:sns:us-east-1:000000000000:nope']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('An error occurred (NotFound) when calling the GetTopicAttributes operation: Topic does not exist');
    const bad = await aws(env.url, ['sns', 'publish', '--topic-arn', 'fake_topic', '--message', 'x']);
    expect(bad.stderr).toContain('An error occurred (InvalidParameter) when calling the Publish operation: Invalid parameter: TopicArn Reason: fake_topic does not start with arn');
  });
});
