import { CreatePipelineCommand, StartPipelineExecutionCommand } from '@aws-sdk/client-codepipeline';
import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDataDir, startTestEmulator, type TestEmulator } from '../../helpers/emulator.js';
import { startHttpSubscriber, type HttpSubscriber } from '../../helpers/http-subscriber.js';
import { localPipeline, testAction } from '../../helpers/local-pipelines.js';
import { uniqueName } from '../../helpers/pipelines.js';
import { localTestProviders } from '../../helpers/test-provider.js';
import { waitFor, waitForExecutionEnd } from '../../helpers/wait.js';

type Framed = { seq: number; event: { 'detail-type': string; detail: Record<string, unknown> } };

/** The kept events as SSE frames (with their sequence numbers), read without following the stream. */
async function keptEvents(url: string, query = ''): Promise<Framed[]> {
  const text = await (await fetch(`${url}/_aws/events?format=sse&follow=false${query}`)).text();
  return text
    .split('\n\n')
    .filter((f) => f.startsWith('id: '))
    .map((f) => {
      const [id, data] = f.split('\n');
      return { seq: Number(id.slice(4)), event: JSON.parse(data.slice(6)) };
    });
}

describe('events and SNS deliveries across a restart', () => {
  const dataDir = freshDataDir();
  const start = () => startTestEmulator({ dataDir, snsAutoConfirm: true }, { overrides: { providers: localTestProviders() } });
  let env: TestEmulator | undefined;
  let endpoint: HttpSubscriber | undefined;
  afterAll(async () => {
    await env?.close();
    await endpoint?.close();
  });

  it('serves the events and delivery records kept before the restart, and numbers new events after them', async () => {
    endpoint = await startHttpSubscriber();
    env = await start();
    const name = uniqueName('kept');
    await env.codepipeline().send(new CreatePipelineCommand({ pipeline: localPipeline(name, [{ name: 'Build', actions: [testAction('Build', 'Build')] }]) }));
    const first = (await waitFor(async () => (await keptEvents(env!.url, `&pipeline=${name}`)).find((f) => f.event.detail.state === 'SUCCEEDED' && f.event['detail-type'] === 'CodePipeline Pipeline Execution State Change')))!;
    const before = await keptEvents(env.url);
    const sns = env.client(SNSClient);
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: uniqueName('kept') }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'http', Endpoint: `${endpoint.url}/kept` }));
    const { MessageId } = await sns.send(new PublishCommand({ TopicArn, Message: 'before the restart' }));
    await endpoint.next((p) => p.headers['x-amz-sns-message-id'] === MessageId);
    const deliveries = async (e: TestEmulator) => ((await (await fetch(`${e.url}/_aws/sns/deliveries?topicArn=${encodeURIComponent(TopicArn!)}`)).json()) as { deliveries: { messageId: string; status: string }[] }).deliveries;
    await waitFor(async () => (await deliveries(env!)).find((d) => d.messageId === MessageId && d.status === 'delivered'), { description: 'the delivery recorded as delivered' });
    await env.close();

    env = await start();
    const after = await keptEvents(env.url);
    expect(after.map((f) => f.seq)).toEqual(before.map((f) => f.seq));
    expect(after).toEqual(before);
    expect(await keptEvents(env.url, `&since=${first.seq - 1}&pipeline=${name}`)).toEqual([first]);
    expect(await deliveries(env)).toContainEqual(expect.objectContaining({ messageId: MessageId, status: 'delivered', endpoint: `${endpoint.url}/kept` }));

    const { pipelineExecutionId } = await env.codepipeline().send(new StartPipelineExecutionCommand({ name }));
    await waitForExecutionEnd(env.codepipeline(), name, pipelineExecutionId!);
    const newer = await waitFor(async () => (await keptEvents(env!.url, `&since=${before.at(-1)!.seq}&pipeline=${name}`)).find((f) => f.event.detail['execution-id'] === pipelineExecutionId));
    expect(newer!.seq).toBeGreaterThan(before.at(-1)!.seq);
  });
});
