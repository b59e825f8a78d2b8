import { CreatePipelineCommand } from '@aws-sdk/client-codepipeline';
import { CreateTopicCommand, ListSubscriptionsByTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, TEST_ACCOUNT, type TestEmulator } from '../../helpers/emulator.js';
import { firstExecutionId, waitFor, waitForExecutionEnd } from '../../helpers/wait.js';
import { localPipeline, testAction } from '../../helpers/local-pipelines.js';
import { uniqueName } from '../../helpers/pipelines.js';
import { localTestProviders } from '../../helpers/test-provider.js';
import { aws } from '../protocol/tiny/aws-cli.js';

/** An endpoint that accepts connections and never answers: SNS waits 15 s for it on each attempt. */
async function silentEndpoint(): Promise<{ url: string; connections: () => number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let count = 0;
  const server: Server = createServer((socket) => {
    count++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    connections: () => count,
    close: () => {
      sockets.forEach((s) => s.destroy());
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('a subscriber that never answers, with --sns-auto-confirm', () => {
  let env: TestEmulator;
  let endpoint: Awaited<ReturnType<typeof silentEndpoint>>;
  beforeAll(async () => {
    env = await startTestEmulator({ snsAutoConfirm: true }, { overrides: { providers: localTestProviders() } });
    endpoint = await silentEndpoint();
  });
  afterAll(async () => {
    await env?.close();
    await endpoint?.close();
  });

  it('is confirmed at Subscribe, and the execution whose every event is published to it ends while those deliveries still wait', async () => {
    const sns = env.client(SNSClient);
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: uniqueName('silent') }));
    const { SubscriptionArn } = await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'http', Endpoint: endpoint.url }));
    expect(SubscriptionArn).toMatch(new RegExp(`^${TopicArn}:[0-9a-f-]{36}$`));
    expect((await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }))).Subscriptions?.[0].SubscriptionArn).toBe(SubscriptionArn);

    const name = uniqueName('unblocked');
    const everything = ['pipeline-execution-started', 'pipeline-execution-succeeded', 'stage-execution-started', 'stage-execution-succeeded', 'action-execution-started', 'action-execution-succeeded'];
    const rule = await aws(env.url, [
      'codestar-notifications', 'create-notification-rule', '--name', name, '--resource', `arn:aws:codepipeline:us-east-1:${TEST_ACCOUNT}:${name}`,
      '--event-type-ids', ...everything.map((e) => `codepipeline-pipeline-${e}`), '--targets', `TargetType=SNS,TargetAddress=${TopicArn}`, '--detail-type', 'FULL',
    ]);
    expect(rule.code, rule.stderr).toBe(0);
    const stages = [{ name: 'Build', actions: [testAction('Build', 'Build')] }, { name: 'Test', actions: [testAction('Test', 'Test')] }];
    await env.codepipeline().send(new CreatePipelineCommand({ pipeline: localPipeline(name, stages) }));
    const id = await firstExecutionId(env.codepipeline(), name);
    expect((await waitForExecutionEnd(env.codepipeline(), name, id)).status).toBe('Succeeded');

    const deliveries = async () => ((await (await fetch(`${env.url}/_aws/sns/deliveries?topicArn=${encodeURIComponent(TopicArn!)}`)).json()) as { deliveries: { status: string; attempts: number }[] }).deliveries;
    // 2 execution, 6 stage and 6 action events (3 stages of one action), each a delivery whose first attempt waits for an answer that never comes.
    const all = await waitFor(deliveries, { description: 'the 14 deliveries' }, (d) => d.length === 14);
    expect(all.every((d) => d.status !== 'delivered')).toBe(true);
    await waitFor(() => endpoint.connections(), { description: 'connections at the silent endpoint' }, (n) => n > 0);
  });
});
