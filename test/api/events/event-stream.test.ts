import { CreatePipelineCommand } from '@aws-sdk/client-codepipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, TEST_ACCOUNT, type TestEmulator } from '../../helpers/emulator.js';
import { localPipeline, testAction } from '../../helpers/local-pipelines.js';
import { uniqueName } from '../../helpers/pipelines.js';
import { localTestProviders } from '../../helpers/test-provider.js';

/** Reads a streamed answer line by line until `done` says the lines so far are enough, then hangs up. */
async function readLines(res: Response, done: (lines: string[]) => boolean): Promise<string[]> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const lines: string[] = [];
  let rest = '';
  try {
    while (!done(lines)) {
      const { value, done: ended } = await reader.read();
      if (ended) break;
      rest += decoder.decode(value, { stream: true });
      const parts = rest.split('\n');
      rest = parts.pop()!;
      lines.push(...parts);
    }
  } finally {
    await reader.cancel();
  }
  return lines;
}

const ended = (state: string) => (lines: string[]) => lines.some((l) => l.includes('"CodePipeline Pipeline Execution State Change"') && l.includes(`"state":"${state}"`));

describe('the event stream (/_aws/events)', () => {
  let env: TestEmulator;
  beforeAll(async () => {
    env = await startTestEmulator({}, { overrides: { providers: localTestProviders() } });
  });
  afterAll(async () => env?.close());

  it("delivers an execution's pipeline, stage and action events live as NDJSON, filtered by pipeline", async () => {
    const name = uniqueName('ev');
    const other = uniqueName('other');
    const stream = await fetch(`${env.url}/_aws/events?pipeline=${name}`);
    expect(stream.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const reading = readLines(stream, ended('SUCCEEDED'));
    await env.codepipeline().send(new CreatePipelineCommand({ pipeline: localPipeline(other, [{ name: 'Build', actions: [testAction('Build', 'Build')] }]) }));
    await env.codepipeline().send(new CreatePipelineCommand({ pipeline: localPipeline(name, [{ name: 'Build', actions: [testAction('Build', 'Build', {}, { inputArtifacts: [{ name: 'SourceArtifact' }] })] }]) }));
    const events = (await reading).filter(Boolean).map((l) => JSON.parse(l));
    expect(events.every((e) => e.detail.pipeline === name)).toBe(true);
    const summary = events.map((e) => [e['detail-type'].replace(/^CodePipeline | State Change$/g, ''), e.detail.stage ?? '', e.detail.action ?? '', e.detail.state]);
    expect(summary).toEqual([
      ['Pipeline Execution', '', '', 'STARTED'],
      ['Stage Execution', 'Source', '', 'STARTED'],
      ['Action Execution', 'Source', 'Source', 'STARTED'],
      ['Action Execution', 'Source', 'Source', 'SUCCEEDED'],
      ['Stage Execution', 'Source', '', 'SUCCEEDED'],
      ['Stage Execution', 'Build', '', 'STARTED'],
      ['Action Execution', 'Build', 'Build', 'STARTED'],
      ['Action Execution', 'Build', 'Build', 'SUCCEEDED'],
      ['Stage Execution', 'Build', '', 'SUCCEEDED'],
      ['Pipeline Execution', '', '', 'SUCCEEDED'],
    ]);
    const [started] = events;
    expect(started).toMatchObject({
      version: '0',
      source: 'aws.codepipeline',
      account: TEST_ACCOUNT,
      region: 'us-east-1',
      resources: [`arn:aws:codepipeline:us-east-1:${TEST_ACCOUNT}:${name}`],
      detail: { pipeline: name, state: 'STARTED', version: 1, 'pipeline-execution-attempt': 1, 'execution-trigger': { 'trigger-type': 'CreatePipeline' } },
    });
    expect(started.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const buildStarted = events.find((e) => e.detail.action === 'Build' && e.detail.state === 'STARTED');
    expect(buildStarted.detail).toMatchObject({ type: { owner: 'Custom', provider: 'LocalTest', category: 'Build', version: '1' }, region: 'us-east-1' });
    expect(buildStarted.detail['input-artifacts'][0]).toMatchObject({ name: 'SourceArtifact', s3location: { bucket: expect.any(String), key: expect.any(String) } });
    expect(new Set(events.map((e) => e.detail['execution-id'])).size).toBe(1);
  });

  it('keeps recent events: SSE with ids, a detail-type filter and since, ending with follow=false', async () => {
    const name = uniqueName('kept');
    const stream = await fetch(`${env.url}/_aws/events?pipeline=${name}`);
    const reading = readLines(stream, ended('SUCCEEDED'));
    await env.codepipeline().send(new CreatePipelineCommand({ pipeline: localPipeline(name, [{ name: 'Test', actions: [testAction('Test', 'Test')] }]) }));
    await reading;
    const detailType = encodeURIComponent('CodePipeline Pipeline Execution State Change');
    const sse = await fetch(`${env.url}/_aws/events?pipeline=${name}&detail-type=${detailType}&follow=false`, { headers: { accept: 'text/event-stream' } });
    expect(sse.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const frames = (await sse.text()).split('\n\n').filter(Boolean);
    expect(frames).toHaveLength(2);
    const ids = frames.map((f) => Number(/^id: (\d+)$/m.exec(f)![1]));
    expect(frames.map((f) => JSON.parse(/^data: (.*)$/m.exec(f)![1]).detail.state)).toEqual(['STARTED', 'SUCCEEDED']);
    const after = await (await fetch(`${env.url}/_aws/events?pipeline=${name}&detail-type=${detailType}&follow=false&since=${ids[0]}`)).text();
    expect(after.trim().split('\n').map((l) => JSON.parse(l).detail.state)).toEqual(['SUCCEEDED']);
  });
});
