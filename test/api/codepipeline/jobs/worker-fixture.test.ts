import { CreateCustomActionTypeCommand, type ActionTypeId } from '@aws-sdk/client-codepipeline';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ActionDeclaration } from '../../../../src/model/index.js';
import { useTestEmulator } from '../../../helpers/emulator.js';
import { executionProbes } from '../../../helpers/execution-probes.js';
import { localPipeline, testAction } from '../../../helpers/local-pipelines.js';
import { uniqueName } from '../../../helpers/pipelines.js';
import { runAsync, type CommandRun } from '../../../helpers/run-async.js';
import { localTestProviders, zipEntries, type LocalTestProvider } from '../../../helpers/test-provider.js';

const ROOT = resolve(import.meta.dirname, '../../../..');
const FIXTURE = join(ROOT, 'fixtures/job-worker');

/** Runs a command with only the endpoint and test credentials of AWS's variables set. */
function run(command: string, args: string[], extraEnv: Record<string, string>): Promise<CommandRun> {
  // Inherited AWS_* variables (a profile, a session token) would change what the clients send.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_')));
  const env = { ...inherited, AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'dummy', AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '', AWS_MAX_ATTEMPTS: '1', AWS_EC2_METADATA_DISABLED: 'true', ...extraEnv };
  return runAsync(command, args, { cwd: ROOT, env });
}

describe('a job worker written as AWS documents it', () => {
  const providers = localTestProviders();
  const emulator = useTestEmulator({}, { overrides: { providers } });
  const probe = executionProbes(() => emulator.client);
  const scratch = mkdtempSync(join(tmpdir(), 'cpl-worker-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const check = () => providers.find((p) => p.type.id.category === 'Test') as LocalTestProvider;

  /** Source -> the custom action -> Check, which consumes the custom action's output artifact. */
  function pipeline(name: string, typeId: ActionTypeId, configuration: Record<string, string>) {
    const custom: ActionDeclaration = {
      name: 'Custom',
      actionTypeId: typeId as ActionDeclaration['actionTypeId'],
      configuration,
      inputArtifacts: [{ name: 'SourceArtifact' }],
      outputArtifacts: [{ name: 'Transformed' }],
    };
    return localPipeline(name, [
      { name: 'Transform', actions: [custom] },
      { name: 'Check', actions: [testAction('Check', 'Test', {}, { inputArtifacts: [{ name: 'Transformed' }] })] },
    ], {}, { Content: 'hello from the source' });
  }

  it('fixtures/job-worker/worker.py (boto3) takes the job, transforms the artifact, and the next stage sees its output', async () => {
    const type = JSON.parse(readFileSync(join(FIXTURE, 'action-type.json'), 'utf8'));
    await emulator.client.send(new CreateCustomActionTypeCommand(type));
    const name = uniqueName('worker');
    const id = await probe.create(pipeline(name, { category: 'Build', owner: 'Custom', provider: 'UpperCaser', version: '1' }, { Project: 'demo' }));

    const worker = await run('python3', [join(FIXTURE, 'worker.py'), '--once'], { AWS_ENDPOINT_URL: emulator.env.url });
    expect(worker.stderr).toBe('');
    expect(worker.code).toBe(0);
    await probe.untilStatus(name, id, 'Succeeded');

    const consumed = check().jobs.find((j) => j.pipelineName === name)!;
    expect(zipEntries(consumed.inputArtifacts[0].zipPath)).toEqual({ 'Source-Source.txt': 'HELLO FROM THE SOURCE', 'UPPERCASER.txt': 'upper-cased by the job worker\n' });
    const custom = (await probe.actionsByName(name, id)).Custom;
    expect(custom.output).toMatchObject({ outputVariables: { FileCount: '1' }, executionResult: { externalExecutionSummary: 'Upper-cased 1 files' } });
    const state = await probe.action(name, 'Transform', 'Custom');
    expect(state.entityUrl).toBe('https://example.com/uppercaser/demo');
    expect(state.latestExecution?.externalExecutionUrl).toMatch(/^https:\/\/example\.com\/uppercaser\/demo\/jobs\/[0-9a-f-]{36}$/);
  });

  it('answers `aws codepipeline poll-for-jobs` and `acknowledge-job`', async () => {
    const provider = uniqueName('Cli').slice(0, 30);
    const typeId = { category: 'Build', owner: 'Custom', provider, version: '1' } as const;
    await emulator.client.send(
      new CreateCustomActionTypeCommand({
        ...typeId,
        configurationProperties: [{ name: 'Queue', required: true, key: true, secret: false, queryable: true }],
        inputArtifactDetails: { minimumCount: 1, maximumCount: 1 },
        outputArtifactDetails: { minimumCount: 1, maximumCount: 1 },
      }),
    );
    const name = uniqueName('cli');
    await probe.create(pipeline(name, typeId, { Queue: 'blue' }));
    // Each CLI call costs seconds: the cheap SDK waits until the action (and so its job) has started.
    await probe.untilAction(name, 'Transform', 'Custom', (a) => a.latestExecution?.status === 'InProgress');
    const cli = (...args: string[]) => run('aws', ['--endpoint-url', emulator.env.url, '--output', 'json', 'codepipeline', ...args], { AWS_CONFIG_FILE: join(scratch, 'config') });
    const typeArg = `category=Build,owner=Custom,provider=${provider},version=1`;
    let polled: { jobs: { id: string; nonce: string; data: { pipelineContext: { pipelineName: string } } }[] } = { jobs: [] };
    await expect.poll(async () => {
      const result = await cli('poll-for-jobs', '--action-type-id', typeArg, '--max-batch-size', '1', '--query-param', 'Queue=blue');
      if (result.code !== 0) throw new Error(result.stderr);
      polled = JSON.parse(result.stdout);
      return polled.jobs.length;
    }).toBe(1);
    expect(polled.jobs[0].data.pipelineContext.pipelineName).toBe(name);
    const ack = await cli('acknowledge-job', '--job-id', polled.jobs[0].id, '--nonce', polled.jobs[0].nonce);
    expect(ack.code).toBe(0);
    expect(JSON.parse(ack.stdout)).toEqual({ status: 'InProgress' });
  });
});
