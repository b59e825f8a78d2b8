import {
  CreatePipelineCommand,
  DisableStageTransitionCommand,
  EnableStageTransitionCommand,
  GetPipelineExecutionCommand,
  RetryStageExecutionCommand,
  StopPipelineExecutionCommand,
} from '@aws-sdk/client-codepipeline';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StageDeclaration } from '../../../../src/model/index.js';
import { freshDataDir, useTestEmulator } from '../../../helpers/emulator.js';
import { errorOf } from '../../../helpers/errors.js';
import { executionProbes } from '../../../helpers/execution-probes.js';
import { localPipeline, testAction } from '../../../helpers/local-pipelines.js';
import { uniqueName } from '../../../helpers/pipelines.js';
import { localTestProviders } from '../../../helpers/test-provider.js';
import { waitFor } from '../../../helpers/wait.js';

describe('StopPipelineExecution', () => {
  const emulator = useTestEmulator({}, { overrides: { providers: localTestProviders() } });
  const probe = executionProbes(() => emulator.client);

  /** Source -> Build (First, configured as given, then Second) -> Deploy, with First already running. */
  async function runningBuild(first: Record<string, string>) {
    const { name, id } = await createdPipeline(first);
    await probe.untilAction(name, 'Build', 'First', (a) => a.latestExecution?.status === 'InProgress');
    return { name, id };
  }

  /** The same pipeline, once the execution CreatePipeline started has succeeded. */
  async function settledPipeline() {
    const { name, id } = await createdPipeline({});
    await probe.untilStatus(name, id, 'Succeeded');
    return { name, id };
  }

  async function createdPipeline(first: Record<string, string>) {
    const name = uniqueName('stop');
    const stages: StageDeclaration[] = [
      { name: 'Build', actions: [testAction('First', 'Build', first), testAction('Second', 'Build', {}, { runOrder: 2 })] },
      { name: 'Deploy', actions: [testAction('Deploy', 'Deploy')] },
    ];
    await emulator.client.send(new CreatePipelineCommand({ pipeline: localPipeline(name, stages) }));
    return { name, id: await probe.firstExecution(name) };
  }

  function stop(name: string, id: string, options: { abandon?: boolean; reason?: string } = {}) {
    return emulator.client.send(new StopPipelineExecutionCommand({ pipelineName: name, pipelineExecutionId: id, ...options }));
  }

  describe('when an action is in flight and the stop waits for it', () => {
    it('shows Stopping, lets the action finish, starts nothing more, then shows Stopped with the reason', async () => {
      // First runs until the test makes the file: everything below is seen while it is surely still running.
      const release = join(freshDataDir(), 'release-first');
      const { name, id } = await runningBuild({ WaitForFile: release });
      const out = await stop(name, id, { reason: 'Stopping for a bug fix' });
      expect(out.pipelineExecutionId).toBe(id);
      expect(await probe.status(name, id)).toBe('Stopping');
      expect((await probe.stage(name, 'Build')).latestExecution).toMatchObject({ pipelineExecutionId: id, status: 'Stopping' });
      expect((await probe.action(name, 'Build', 'First')).latestExecution?.status).toBe('InProgress');
      writeFileSync(release, '');

      await probe.untilStatus(name, id, 'Stopped');
      expect((await probe.action(name, 'Build', 'First')).latestExecution?.status).toBe('Succeeded');
      expect((await probe.action(name, 'Build', 'Second')).latestExecution).toBeUndefined();
      expect((await probe.stage(name, 'Build')).latestExecution).toMatchObject({ pipelineExecutionId: id, status: 'Stopped' });
      expect((await probe.stage(name, 'Deploy')).latestExecution).toBeUndefined();
      expect((await probe.actionExecutions(name, id)).map((d) => `${d.actionName}:${d.status}`)).toEqual(['Source:Succeeded', 'First:Succeeded']);
      expect((await probe.summary(name, id))?.stopTrigger).toEqual({ reason: 'Stopping for a bug fix' });
    });

    it('refuses a second stop-and-wait with DuplicatedStopRequestException but accepts an abandon', async () => {
      // First would run for 30 s: the execution can only end Stopped in time because the abandon cut it short.
      const { name, id } = await runningBuild({ Sleep: '30000' });
      await stop(name, id);
      expect(await probe.status(name, id)).toBe('Stopping');
      expect(await errorOf(stop(name, id))).toMatchObject({ name: 'DuplicatedStopRequestException', status: 400 });

      await stop(name, id, { abandon: true });
      expect((await probe.action(name, 'Build', 'First')).latestExecution?.status).toBe('Abandoned');
      await probe.untilStatus(name, id, 'Stopped');
      expect((await probe.action(name, 'Build', 'Second')).latestExecution).toBeUndefined();
    });
  });

  describe('when the stop abandons the in-flight action', () => {
    it('shows the action Abandoned at once and the execution Stopped well before the action would end', async () => {
      // First would run for 30 s: Stopped within the wait below means the stop did not wait for it.
      const { name, id } = await runningBuild({ Sleep: '30000' });
      await stop(name, id, { abandon: true, reason: 'Abandon it' });
      expect((await probe.action(name, 'Build', 'First')).latestExecution?.status).toBe('Abandoned');
      const status = await probe.status(name, id);
      expect(['Stopping', 'Stopped']).toContain(status);
      await probe.untilStatus(name, id, 'Stopped');
      expect((await probe.stage(name, 'Build')).latestExecution?.status).toBe('Stopped');
      expect((await probe.action(name, 'Build', 'Second')).latestExecution).toBeUndefined();
      expect((await probe.stage(name, 'Deploy')).latestExecution).toBeUndefined();
      expect((await probe.summary(name, id))?.stopTrigger).toEqual({ reason: 'Abandon it' });
      const abandoned = (await probe.actionExecutions(name, id)).find((d) => d.actionName === 'First');

      // The stop released the stage: a new execution enters it at once.
      const next = await probe.start(name);
      await waitFor(() => probe.stage(name, 'Build'), { description: 'next in Build' }, (s) => s.latestExecution?.pipelineExecutionId === next);
      const first = await probe.untilAction(name, 'Build', 'First', (a) => a.latestExecution?.status === 'InProgress');
      expect(first.latestExecution?.actionExecutionId).not.toBe(abandoned?.actionExecutionId);
      // By now the abandoned run's provider has long seen its abort (it rejects as the signal fires): its action stays Abandoned.
      expect((await probe.actionExecutions(name, id)).find((d) => d.actionName === 'First')).toMatchObject({ actionExecutionId: abandoned?.actionExecutionId, status: 'Abandoned' });
      await stop(name, next, { abandon: true });
    });
  });

  describe('when the execution has finished', () => {
    it('answers PipelineExecutionNotStoppableException for a succeeded execution', async () => {
      const { name, id } = await settledPipeline();
      expect(await errorOf(stop(name, id))).toMatchObject({ name: 'PipelineExecutionNotStoppableException', status: 400 });
      expect(await errorOf(stop(name, id, { abandon: true }))).toMatchObject({ name: 'PipelineExecutionNotStoppableException' });
    });

    it('answers PipelineExecutionNotStoppableException for an execution already stopped', async () => {
      const { name, id } = await runningBuild({ Sleep: '30000' });
      await stop(name, id, { abandon: true });
      await probe.untilStatus(name, id, 'Stopped');
      expect(await errorOf(stop(name, id, { abandon: true }))).toMatchObject({ name: 'PipelineExecutionNotStoppableException' });
    });
  });

  describe('when the execution does not exist', () => {
    it('answers PipelineExecutionNotFoundException', async () => {
      const { name, id } = await settledPipeline();
      const error = await errorOf(stop(name, '11111111-2222-4333-8444-555555555555'));
      expect(error.name).toBe('PipelineExecutionNotFoundException');
    });
  });

  describe('when the execution waits at a disabled transition', () => {
    it('stops it in front of the stage, which it never enters even once the transition is enabled', async () => {
      const { name, id: first } = await settledPipeline();
      await emulator.client.send(new DisableStageTransitionCommand({ pipelineName: name, stageName: 'Deploy', transitionType: 'Inbound', reason: 'hold' }));
      const id = await probe.start(name);
      await waitFor(() => probe.stage(name, 'Deploy'), { description: 'waiting at Deploy' }, (s) => s.inboundExecution?.pipelineExecutionId === id);

      await stop(name, id, { reason: 'Not this one' });
      await probe.untilStatus(name, id, 'Stopped');
      expect((await probe.stage(name, 'Deploy')).inboundExecution).toBeUndefined();
      expect((await probe.summary(name, id))?.stopTrigger).toEqual({ reason: 'Not this one' });

      await emulator.client.send(new EnableStageTransitionCommand({ pipelineName: name, stageName: 'Deploy', transitionType: 'Inbound' }));
      // A later execution passing through Deploy proves the enabled transition has let everything waiting through.
      expect((await probe.stage(name, 'Deploy')).latestExecution?.pipelineExecutionId).toBe(first);
      const later = await probe.start(name);
      await probe.untilStatus(name, later, 'Succeeded');
      expect((await probe.stage(name, 'Deploy')).latestExecution?.pipelineExecutionId).toBe(later);
      expect((await probe.actionExecutions(name, id)).some((d) => d.stageName === 'Deploy')).toBe(false);
      const execution = (await emulator.client.send(new GetPipelineExecutionCommand({ pipelineName: name, pipelineExecutionId: id }))).pipelineExecution;
      expect(execution?.status).toBe('Stopped');
      // AWS: a stopped inbound execution never enters the stage and cannot be retried.
      const retry = emulator.client.send(new RetryStageExecutionCommand({ pipelineName: name, stageName: 'Deploy', pipelineExecutionId: id, retryMode: 'ALL_ACTIONS' }));
      expect((await errorOf(retry)).name).toBe('StageNotRetryableException');
    });
  });
});
