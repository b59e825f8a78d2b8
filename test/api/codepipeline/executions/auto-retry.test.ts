import { ListDeployActionExecutionTargetsCommand, RetryStageExecutionCommand } from '@aws-sdk/client-codepipeline';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestEmulator } from '../../../helpers/emulator.js';
import { errorOf } from '../../../helpers/errors.js';
import { executionProbes } from '../../../helpers/execution-probes.js';
import { localPipeline, testAction } from '../../../helpers/local-pipelines.js';
import { uniqueName } from '../../../helpers/pipelines.js';
import { localTestProviders } from '../../../helpers/test-provider.js';

describe('automatic stage retry (onFailure RETRY)', () => {
  const flags = mkdtempSync(join(tmpdir(), 'cpl-auto-retry-'));
  afterAll(() => rmSync(flags, { recursive: true, force: true }));
  const emulator = useTestEmulator({}, { overrides: { providers: localTestProviders() } });
  const probe = executionProbes(() => emulator.client);

  /** Build: Flaky fails unless its flag exists, Holder waits for a file beside it; the stage retries once by itself. */
  async function create(retryMode: 'FAILED_ACTIONS' | 'ALL_ACTIONS', hold: boolean) {
    const name = uniqueName('auto-retry');
    const flag = join(flags, name);
    const holder: Record<string, string> = hold ? { WaitForFile: flag } : {};
    const build = { name: 'Build', actions: [testAction('Flaky', 'Build', { FailUnlessFile: flag }), testAction('Holder', 'Build', holder)], onFailure: { result: 'RETRY' as const, retryConfiguration: { retryMode } } };
    const id = await probe.create(localPipeline(name, [build], { pipelineType: 'V2' }));
    return { name, id, fix: () => writeFileSync(flag, 'fixed') };
  }

  async function runs(name: string, id: string, action: string) {
    return (await probe.actionExecutions(name, id)).filter((a) => a.actionName === action).map((a) => a.status);
  }

  it('retries the failed actions once by itself and the execution succeeds, counting autoStageRetryAttempt', async () => {
    const { name, id, fix } = await create('FAILED_ACTIONS', true);
    // Flaky fails at once; the flag then made lets Holder end the first attempt and Flaky pass the automatic one.
    await probe.untilAction(name, 'Build', 'Flaky', (a) => a.latestExecution?.status === 'Failed');
    fix();
    await probe.untilStatus(name, id, 'Succeeded');
    expect(await runs(name, id, 'Flaky')).toEqual(['Failed', 'Succeeded']);
    expect(await runs(name, id, 'Holder')).toEqual(['Succeeded']);
    const build = await probe.stage(name, 'Build');
    expect(build.latestExecution).toMatchObject({ pipelineExecutionId: id, status: 'Succeeded', type: 'STANDARD' });
    expect(build.retryStageMetadata).toEqual({ autoStageRetryAttempt: 1, latestRetryTrigger: 'AutomatedStageRetry' });
  });

  it('retries once only, then fails; a manual retry still runs and is counted beside it', async () => {
    const { name, id, fix } = await create('ALL_ACTIONS', false);
    await probe.untilStatus(name, id, 'Failed');
    expect(await runs(name, id, 'Flaky')).toEqual(['Failed', 'Failed']);
    expect(await runs(name, id, 'Holder')).toEqual(['Succeeded', 'Succeeded']);
    expect((await probe.stage(name, 'Build')).retryStageMetadata).toEqual({ autoStageRetryAttempt: 1, latestRetryTrigger: 'AutomatedStageRetry' });
    fix();
    await emulator.client.send(new RetryStageExecutionCommand({ pipelineName: name, stageName: 'Build', pipelineExecutionId: id, retryMode: 'FAILED_ACTIONS' }));
    await probe.untilStatus(name, id, 'Succeeded');
    expect((await probe.stage(name, 'Build')).retryStageMetadata).toEqual({ autoStageRetryAttempt: 1, manualStageRetryAttempt: 1, latestRetryTrigger: 'ManualStageRetry' });
  });

  describe('ListDeployActionExecutionTargets', () => {
    it('lists no targets for an action that made no deployment, and refuses unknown ones', async () => {
      const { name, id, fix } = await create('FAILED_ACTIONS', false);
      fix();
      await probe.untilStatus(name, id, 'Succeeded');
      const holder = (await probe.actionsByName(name, id)).Holder;
      const out = await emulator.client.send(new ListDeployActionExecutionTargetsCommand({ pipelineName: name, actionExecutionId: holder.actionExecutionId }));
      expect(out.targets).toEqual([]);
      expect(await errorOf(emulator.client.send(new ListDeployActionExecutionTargetsCommand({ actionExecutionId: 'nope' })))).toMatchObject({ name: 'ActionExecutionNotFoundException', status: 400 });
      expect(await errorOf(emulator.client.send(new ListDeployActionExecutionTargetsCommand({ pipelineName: uniqueName('none'), actionExecutionId: holder.actionExecutionId })))).toMatchObject({ name: 'PipelineNotFoundException' });
    });
  });
});
