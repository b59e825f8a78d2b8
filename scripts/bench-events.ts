/**
 * Notification latency benchmark: from an engine state change to the HTTP POST of its notification at a subscriber.
 * Runs an in-process emulator (real SQLite, SNS, a CodeStar Notifications rule naming every pipeline, stage and action
 * event type, FULL) with a provider that does no work, and a subscriber on 127.0.0.1 that answers 200 at once.
 * Prints p50/p90/p99/max over every event of several executions. Exits 1 if a notification never arrives.
 */
import { CodePipelineClient, CreatePipelineCommand, StartPipelineExecutionCommand } from '@aws-sdk/client-codepipeline';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { strToU8, zipSync } from 'fflate';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from '../src/config.js';
import { startEmulator } from '../src/main.js';
import { EVENT_TYPES } from '../src/notifications/index.js';
import type { ActionProvider } from '../src/providers/index.js';
import { createLogger } from '../src/shared/index.js';
import { median, percentile, progress } from './bench-common.js';

const EXECUTIONS = Number(process.env.BENCH_EXECUTIONS ?? 30);
const EVENTS_PER_EXECUTION = 2 + 3 * 2 + 6 * 2; // execution, 3 stages, 6 actions: each a start and an end
const GIVE_UP_MS = 60_000;

function noWork(category: 'Source' | 'Build', zip: string): ActionProvider {
  return {
    type: { id: { category, owner: 'Custom', provider: 'NoWork', version: '1' }, actionConfigurationProperties: [], inputArtifactDetails: { minimumCount: 0, maximumCount: 5 }, outputArtifactDetails: { minimumCount: 0, maximumCount: 5 } },
    run: async (job) => ({ outputArtifacts: Object.fromEntries(job.outputArtifactNames.map((n) => [n, zip])) }),
  };
}

/** The key of a state change, the same whether read from the engine's event or from the delivered message. */
const key = (kind: string, executionId: string, state: string, stage = '', action = '') => `${kind}|${executionId}|${stage}|${action}|${state}`;
const STATE: Record<string, string> = { started: 'STARTED', entered: 'STARTED', succeeded: 'SUCCEEDED', failed: 'FAILED' };

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'cpl-bench-events-'));
  const zip = join(dir, 'a.zip');
  writeFileSync(zip, zipSync({ 'f.txt': strToU8('x') }));
  const changedAt = new Map<string, number>();
  const latencies: number[] = [];
  const subscriber = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => {
      const now = performance.now();
      res.writeHead(200).end();
      if (req.headers['x-amz-sns-message-type'] !== 'Notification') return;
      const event = JSON.parse(JSON.parse(Buffer.concat(chunks).toString('utf8')).Message) as { detailType: string; detail: Record<string, string> };
      const kind = event.detailType.split(' ')[1];
      const k = key(kind, event.detail['execution-id'], event.detail.state, event.detail.stage, event.detail.action);
      const at = changedAt.get(k);
      if (at !== undefined) latencies.push(now - at);
    });
  });
  await new Promise<void>((resolve) => subscriber.listen(0, '127.0.0.1', resolve));
  const emulator = await startEmulator(readConfig({ port: '0', dataDir: join(dir, 'data'), snsAutoConfirm: 'true' }, {}, false), createLogger({ level: process.env.BENCH_LOG ?? 'silent' }), {
    providers: [noWork('Source', zip), noWork('Build', zip)],
  });
  const on = emulator.events.on.bind(emulator.events);
  for (const verb of ['started', 'succeeded', 'failed'] as const) on(`execution:${verb}`, ({ execution }) => changedAt.set(key('Pipeline', execution.id, STATE[verb]), performance.now()));
  for (const verb of ['entered', 'succeeded', 'failed'] as const) on(`stage:${verb}`, ({ stage }) => changedAt.set(key('Stage', stage.executionId, STATE[verb], stage.stageName), performance.now()));
  for (const verb of ['started', 'succeeded', 'failed'] as const) on(`action:${verb}`, ({ action }) => changedAt.set(key('Action', action.executionId, STATE[verb], action.stageName, action.actionName), performance.now()));
  const credentials = { accessKeyId: 'k', secretAccessKey: 's' };
  const codepipeline = new CodePipelineClient({ endpoint: emulator.url, region: 'us-east-1', credentials });
  const sns = new SNSClient({ endpoint: emulator.url, region: 'us-east-1', credentials });
  try {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'bench-events' }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'http', Endpoint: `http://127.0.0.1:${(subscriber.address() as AddressInfo).port}/` }));
    const rule = await fetch(`${emulator.url}/createNotificationRule`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `AWS4-HMAC-SHA256 Credential=k/20260101/us-east-1/codestar-notifications/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}` },
      body: JSON.stringify({
        Name: 'bench',
        Resource: 'arn:aws:codepipeline:us-east-1:000000000000:bench-events',
        EventTypeIds: EVENT_TYPES.filter((t) => t.ResourceType === 'Pipeline' && !t.EventTypeId.includes('manual-approval')).map((t) => t.EventTypeId),
        Targets: [{ TargetType: 'SNS', TargetAddress: TopicArn }],
        DetailType: 'FULL',
      }),
    });
    if (!rule.ok) throw new Error(`CreateNotificationRule answered ${rule.status}: ${await rule.text()}`);
    const action = (category: 'Source' | 'Build', stage: number, i: number) => ({
      name: `A${i}`,
      actionTypeId: { category, owner: 'Custom' as const, provider: 'NoWork', version: '1' },
      ...(stage === 0 ? { outputArtifacts: [{ name: `Src${i}` }] } : { inputArtifacts: [{ name: `Src${i}` }] }),
    });
    const stages = [0, 1, 2].map((s) => ({ name: `S${s}`, actions: [0, 1].map((i) => action(s === 0 ? 'Source' : 'Build', s, i)) }));
    progress('creating the pipeline; its first execution is the warm-up');
    await codepipeline.send(new CreatePipelineCommand({ pipeline: { name: 'bench-events', roleArn: 'arn:aws:iam::000000000000:role/cp', artifactStore: { type: 'S3', location: 'bench-artifacts' }, stages } }));
    const waitForSamples = async (count: number) => {
      const deadline = Date.now() + GIVE_UP_MS;
      while (latencies.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
      return latencies.length >= count;
    };
    if (!(await waitForSamples(EVENTS_PER_EXECUTION))) throw new Error(`only ${latencies.length} of ${EVENTS_PER_EXECUTION} warm-up notifications arrived`);
    latencies.length = 0;
    progress(`measuring ${EXECUTIONS} executions, one after another (${EVENTS_PER_EXECUTION} notifications each)`);
    for (let i = 1; i <= EXECUTIONS; i++) {
      await codepipeline.send(new StartPipelineExecutionCommand({ name: 'bench-events' }));
      if (!(await waitForSamples(i * EVENTS_PER_EXECUTION))) throw new Error(`execution ${i}: only ${latencies.length} of ${i * EVENTS_PER_EXECUTION} notifications arrived`);
    }
    const ms = (v: number) => `${Math.round(v * 10) / 10} ms`;
    console.log(`state change -> HTTP delivery (${latencies.length} notifications, ${EXECUTIONS} executions, FULL rule, one subscriber)`);
    console.log(`  p50 ${ms(median(latencies))}  p90 ${ms(percentile(latencies, 0.9))}  p99 ${ms(percentile(latencies, 0.99))}  max ${ms(Math.max(...latencies))}  (target p99 < 50 ms)`);
    return 0;
  } catch (error) {
    console.error(String(error));
    return 1;
  } finally {
    codepipeline.destroy();
    sns.destroy();
    await emulator.close();
    subscriber.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
