import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateTopicCommand, ListSubscriptionsByTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, TEST_ACCOUNT, type TestEmulator } from '../helpers/emulator.js';
import { uniqueName } from '../helpers/pipelines.js';
import { waitFor } from '../helpers/wait.js';
import { ensureLambdaImage, LAMBDA_IMAGE_TIMEOUT_MS, zipOf } from './lambda-image.js';

// A cold start of a Python function on a shared machine (ms).
const INVOKE_TIMEOUT_MS = 120_000;

const HANDLER = `def lambda_handler(event, context):
    record = event["Records"][0]
    print("sns", record["EventSource"], record["Sns"]["TopicArn"], "message", record["Sns"]["Message"])
`;

describe('an SNS topic with a Lambda function subscribed', () => {
  let env: TestEmulator;
  const fn = uniqueName('on-topic');

  beforeAll(async () => {
    await ensureLambdaImage();
    env = await startTestEmulator();
    await env.client(LambdaClient).send(
      new CreateFunctionCommand({ FunctionName: fn, Runtime: 'python3.13', Role: `arn:aws:iam::${TEST_ACCOUNT}:role/lambda`, Handler: 'lambda_function.lambda_handler', Code: { ZipFile: zipOf({ 'lambda_function.py': HANDLER }) }, Timeout: 60 }),
    );
  }, LAMBDA_IMAGE_TIMEOUT_MS);
  afterAll(async () => {
    await env?.close();
  });

  it('subscribes the function without a confirmation and invokes it with the Records event of each message', { timeout: INVOKE_TIMEOUT_MS }, async () => {
    const sns = env.client(SNSClient);
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: uniqueName('to-lambda') }));
    const functionArn = `arn:aws:lambda:us-east-1:${TEST_ACCOUNT}:function:${fn}`;
    const { SubscriptionArn } = await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'lambda', Endpoint: functionArn }));
    expect(SubscriptionArn).toMatch(new RegExp(`^${TopicArn}:[0-9a-f-]{36}$`));
    expect((await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }))).Subscriptions).toEqual([expect.objectContaining({ Protocol: 'lambda', Endpoint: functionArn, SubscriptionArn })]);

    await sns.send(new PublishCommand({ TopicArn, Message: 'deploy finished' }));
    const logUrl = `${env.url}/codepipeline-local/lambda/logs/${TEST_ACCOUNT}/us-east-1/${fn}`;
    const log = await waitFor(async () => (await fetch(logUrl)).text(), { timeoutMs: INVOKE_TIMEOUT_MS, intervalMs: 250, description: 'the function invoked by SNS' }, (text) => text.includes('message deploy finished'));
    expect(log).toContain(`sns aws:sns ${TopicArn} message deploy finished`);

    await expect(sns.send(new SubscribeCommand({ TopicArn, Protocol: 'lambda', Endpoint: 'not-a-function' }))).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Invalid parameter: Lambda endpoint ARN' });
  });
});
