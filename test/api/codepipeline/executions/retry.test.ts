import { CreatePipelineCommand, RetryStageExecutionCommand, StopPipelineExecutionCommand } from '@aws-sdk/client-codepipeline';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { StageDeclaration } from '../../../../src/model/index.js';
import { useTestEmulator } from '../../../helpers/emulator.js';
import { errorOf } from '../../../helpers/errors.js';
import { executionProbes } from '../../../helpers/execution-probes.js';
import { localPipeline, testAction } from '../../../helpers/local-pipelines.js';
import { uniqueName } from '../../../helpers/pipelines.js';
import { localTestProviders } from '../../../helpers/test-provider.js';

type RetryMode = 'FAILED_ACTIONS' | 'ALL_ACTIONS';

describe('RetryStageExecution', () => {
  const flags = mkdtempSync(join(tmpdir(), 'cpl-retry-'));
  // Registered before the emulator's: afterAll hooks run last first, so the flags are removed once the emulator has closed.
  afterAll(() => rmSync(flags, { recursive: true, force: true }));
  const emulator = useTestEmulator({}, { overrides: { providers: localTestProviders() } });
  const probe = executionProbes(() => emulator.client);

  /**
   * Source -> Build (Good and Flaky in parallel, then Later) -> Deploy. Flaky fails until its flag file exists,
   * so the execution CreatePipeline started fails in Build; returns once it has.
   */
  async function failedInBuild() {
    const name = uniqueName('retry');
    const flag = join(flags, name);
    const stages: StageDeclaration[] = [
      {
        name: 'Build',
        actions: [
          testAction('Good', 'Build'),
          testAction('Flaky', 'Build', { FailUnlessFile: flag, Sleep: '100' }),
          testAction('Later', 'Build', {}, { runOrder: 2 }),
        ],
      },
      { name: 'Deploy', actions: [testAction('Deploy', 'Deploy')] },
    ];
    await emulator.client.send(new CreatePipelineCommand({ pipeline: localPipeline(name, stages) }));
    const id = await probe.firstExecution(name);
    await probe.untilStatus(name, id, 'Failed');
    return { name, id, fix: () => writeFileSync(flag, 'fixed') };
  }

  function retry(name: string, id: string, retryMode: RetryMode, stageName = 'Build') {
    return emulator.client.send(new RetryStageExecutionCommand({ pipelineName: name, stageName, pipelineExecutionId: id, retryMode }));
  }

  /** How many action executions each action had in one pipeline execution, and their ids. */
  async function runsOf(name: string, id: string): Promise<Record<string, { id: string; status: string }[]>> {
    const runs: Record<string, { id: string; status: string }[]> = {};
    for (const d of await probe.actionExecutions(name, id)) (runs[d.actionName!] ??= []).push({ id: d.actionExecutionId!, status: d.status! });
    return runs;
  }

  describe('when the failed stage is retried with FAILED_ACTIONS', () => {
    it('runs only the failed action again, then the rest of the stage and pipeline, on the same execution', async () => {
      const { name, id, fix } = await failedInBuild();
      const before = await runsOf(name, id);
      expect(before.Flaky).toEqual([{ id: expect.any(String), status: 'Failed' }]);
      expect(before.Good).toEqual([{ id: expect.any(String), status: 'Succeeded' }]);
      expect(before.Later).toBeUndefined();
      expect((await probe.stage(name, 'Build')).latestExecution?.status).toBe('Failed');

      fix();
      const out = await retry(name, id, 'FAILED_ACTIONS');
      expect(out.pipelineExecutionId).toBe(id);
      expect(await probe.status(name, id)).toBe('InProgress');
      await probe.untilStatus(name, id, 'Succeeded');

      const after = await runsOf(name, id);
      expect(after.Good).toEqual(before.Good);
      expect(after.Flaky).toHaveLength(2);
      expect(after.Flaky[0]).toEqual(before.Flaky[0]);
      expect(after.Flaky[1].status).toBe('Succeeded');
      expect(after.Flaky[1].id).not.toBe(before.Flaky[0].id);
      expect(after.Later).toEqual([{ id: expect.any(String), status: 'Succeeded' }]);
      expect(after.Deploy).toEqual([{ id: expect.any(String), status: 'Succeeded' }]);

      const build = await probe.stage(name, 'Build');
      expect(build.latestExecution).toMatchObject({ pipelineExecutionId: id, status: 'Succeeded' });
      expect(build.retryStageMetadata).toMatchObject({ manualStageRetryAttempt: 1, latestRetryTrigger: 'ManualStageRetry' });
      const good = build.actionStates!.find((a) => a.actionName === 'Good')!;
      expect(good.latestExecution?.actionExecutionId).toBe(before.Good[0].id);
      const flaky = build.actionStates!.find((a) => a.actionName === 'Flaky')!;
      expect(flaky.latestExecution).toMatchObject({ actionExecutionId: after.Flaky[1].id, status: 'Succeeded' });
    });

    it('counts every manual retry in retryStageMetadata', async () => {
      const { name, id, fix } = await failedInBuild();
      await retry(name, id, 'FAILED_ACTIONS');
      await probe.untilStatus(name, id, 'Failed');
      expect((await probe.stage(name, 'Build')).retryStageMetadata?.manualStageRetryAttempt).toBe(1);
      fix();
      await retry(name, id, 'FAILED_ACTIONS');
      await probe.untilStatus(name, id, 'Succeeded');
      expect((await probe.stage(name, 'Build')).retryStageMetadata?.manualStageRetryAttempt).toBe(2);
      expect((await runsOf(name, id)).Flaky.map((r) => r.status)).toEqual(['Failed', 'Failed', 'Succeeded']);
    });
  });

  describe('when an action failed while a parallel action is still running', () => {
    it('accepts FAILED_ACTIONS before the stage completes and re-runs only the failed action', async () => {
      const name = uniqueName('rpar');
      const flag = join(flags, name);
      // Slow runs until the test makes this file: the retry surely comes while it is still in progress.
      const release = join(flags, `${name}-slow`);
      const stages: StageDeclaration[] = [{ name: 'Build', actions: [testAction('Flaky', 'Build', { FailUnlessFile: flag }), testAction('Slow', 'Build', { WaitForFile: release })] }];
      await emulator.client.send(new CreatePipelineCommand({ pipeline: localPipeline(name, stages) }));
      const id = await probe.firstExecution(name);
      await probe.untilAction(name, 'Build', 'Flaky', (a) => a.latestExecution?.status === 'Failed');
      expect((await probe.action(name, 'Build', 'Slow')).latestExecution?.status).toBe('InProgress');

      writeFileSync(flag, 'fixed');
      // AWS: failed actions can be retried "before the stage completes (while other actions are still in progress)".
      expect((await retry(name, id, 'FAILED_ACTIONS')).pipelineExecutionId).toBe(id);
      await probe.untilAction(name, 'Build', 'Flaky', (a) => a.latestExecution?.status === 'Succeeded');
      expect((await probe.action(name, 'Build', 'Slow')).latestExecution?.status).toBe('InProgress');
      writeFileSync(release, '');
      await probe.untilStatus(name, id, 'Succeeded');
      const runs = await runsOf(name, id);
      expect(runs.Flaky.map((r) => r.status)).toEqual(['Failed', 'Succeeded']);
      expect(runs.Slow.map((r) => r.status)).toEqual(['Succeeded']);
    });
  });

  describe('when a retry of the stage is already running', () => {
    it('refuses another retry with StageNotRetryableException', async () => {
      const { name, id, fix } = await failedInBuild();
      fix();
      await retry(name, id, 'FAILED_ACTIONS');
      const error = await errorOf(retry(name, id, 'FAILED_ACTIONS'));
      expect(error.name).toBe('StageNotRetryableException');
      await probe.untilStatus(name, id, 'Succeeded');
      expect((await runsOf(name, id)).Flaky).toHaveLength(2);
    });
  });

  describe('when the failed stage is retried with ALL_ACTIONS', () => {
    it('runs every action of the stage again, then goes on to succeed', async () => {
      const { name, id, fix } = await failedInBuild();
      const before = await runsOf(name, id);
      fix();
      expect((await retry(name, id, 'ALL_ACTIONS')).pipelineExecutionId).toBe(id);
      await probe.untilStatus(name, id, 'Succeeded');
      const after = await runsOf(name, id);
      expect(after.Good.map((r) => r.status)).toEqual(['Succeeded', 'Succeeded']);
      expect(after.Good[1].id).not.toBe(before.Good[0].id);
      expect(after.Flaky.map((r) => r.status)).toEqual(['Failed', 'Succeeded']);
      expect(after.Later).toHaveLength(1);
      expect(after.Source).toHaveLength(1);
      expect((await probe.stage(name, 'Build')).retryStageMetadata?.manualStageRetryAttempt).toBe(1);
    });
  });

  describe('when the stage is not retryable', () => {
    it('answers StageNotRetryableException for a stage that succeeded', async () => {
      const { name, id } = await failedInBuild();
      const error = await errorOf(retry(name, id, 'FAILED_ACTIONS', 'Source'));
      expect(error).toMatchObject({ name: 'StageNotRetryableException', status: 400 });
      expect(await probe.status(name, id)).toBe('Failed');
    });

    it('answers StageNotRetryableException for a stage of an execution that succeeded', async () => {
      const { name, id, fix } = await failedInBuild();
      fix();
      await retry(name, id, 'FAILED_ACTIONS');
      await probe.untilStatus(name, id, 'Succeeded');
      expect((await errorOf(retry(name, id, 'ALL_ACTIONS'))).name).toBe('StageNotRetryableException');
    });

    it('answers StageNotFoundException for a stage the pipeline does not have', async () => {
      const { name, id } = await failedInBuild();
      expect((await errorOf(retry(name, id, 'FAILED_ACTIONS', 'Nowhere'))).name).toBe('StageNotFoundException');
    });
  });

  describe('when a newer execution has since entered the stage', () => {
    it('answers NotLatestPipelineExecutionException for the older execution', async () => {
      const { name, id } = await failedInBuild();
      const newer = await probe.start(name);
      await probe.untilStatus(name, newer, 'Failed');
      expect((await probe.stage(name, 'Build')).latestExecution?.pipelineExecutionId).toBe(newer);
      const error = await errorOf(retry(name, id, 'FAILED_ACTIONS'));
      expect(error).toMatchObject({ name: 'NotLatestPipelineExecutionException', status: 400 });
      expect(await probe.status(name, id)).toBe('Failed');
    });
  });

  describe('when the stage was stopped', () => {
    /** Source -> Build (Slow, then After) -> Deploy, with Slow running. */
    async function runningSlow(sleepMs: string) {
      const name = uniqueName('rstop');
      const stages: StageDeclaration[] = [
        { name: 'Build', actions: [testAction('Slow', 'Build', { Sleep: sleepMs }), testAction('After', 'Build', {}, { runOrder: 2 })] },
        { name: 'Deploy', actions: [testAction('Deploy', 'Deploy')] },
      ];
      await emulator.client.send(new CreatePipelineCommand({ pipeline: localPipeline(name, stages) }));
      const id = await probe.firstExecution(name);
      await probe.untilAction(name, 'Build', 'Slow', (a) => a.latestExecution?.status === 'InProgress');
      return { name, id };
    }

    it('re-runs the abandoned action with FAILED_ACTIONS and completes the execution', async () => {
      const { name, id } = await runningSlow('600');
      await emulator.client.send(new StopPipelineExecutionCommand({ pipelineName: name, pipelineExecutionId: id, abandon: true }));
      await probe.untilStatus(name, id, 'Stopped');
      expect((await probe.stage(name, 'Build')).latestExecution?.status).toBe('Stopped');

      expect((await retry(name, id, 'FAILED_ACTIONS')).pipelineExecutionId).toBe(id);
      await probe.untilStatus(name, id, 'Succeeded');
      const runs = await runsOf(name, id);
      expect(runs.Slow.map((r) => r.status)).toEqual(['Abandoned', 'Succeeded']);
      expect(runs.After.map((r) => r.status)).toEqual(['Succeeded']);
      expect(runs.Deploy.map((r) => r.status)).toEqual(['Succeeded']);
    });

    it('re-runs the whole stage with ALL_ACTIONS after a stop that waited', async () => {
      const { name, id } = await runningSlow('300');
      await emulator.client.send(new StopPipelineExecutionCommand({ pipelineName: name, pipelineExecutionId: id }));
      await probe.untilStatus(name, id, 'Stopped');
      await retry(name, id, 'ALL_ACTIONS');
      await probe.untilStatus(name, id, 'Succeeded');
      const runs = await runsOf(name, id);
      expect(runs.Slow.map((r) => r.status)).toEqual(['Succeeded', 'Succeeded']);
      expect(runs.After.map((r) => r.status)).toEqual(['Succeeded']);
    });
  });
});
