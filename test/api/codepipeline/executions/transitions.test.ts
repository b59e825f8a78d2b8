import {
  DisableStageTransitionCommand,
  EnableStageTransitionCommand,
  ListActionExecutionsCommand,
  ListPipelineExecutionsCommand,
  StopPipelineExecutionCommand,
  UpdatePipelineCommand,
  type StageState,
} from '@aws-sdk/client-codepipeline';
import type { PipelineDeclaration } from '../../../../src/model/index.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDataDir, TEST_ACCOUNT, useTestEmulator } from '../../../helpers/emulator.js';
import { errorOf } from '../../../helpers/errors.js';
import { executionProbes } from '../../../helpers/execution-probes.js';
import { localPipeline, testAction } from '../../../helpers/local-pipelines.js';
import { uniqueName } from '../../../helpers/pipelines.js';
import { localTestProviders } from '../../../helpers/test-provider.js';
import { waitFor } from '../../../helpers/wait.js';

const CALLER = `arn:aws:iam::${TEST_ACCOUNT}:root`;
const REASON = 'Freeze until Monday (release 1.2) - ask @ops!';

describe('DisableStageTransition and EnableStageTransition', () => {
  const emulator = useTestEmulator({}, { overrides: { providers: localTestProviders() } });
  const probe = executionProbes(() => emulator.client);

  /** Creates Source -> Build -> Deploy; returns the id of the execution CreatePipeline started. */
  async function createPipeline(build: Record<string, string> = {}, extra: Partial<PipelineDeclaration> = {}): Promise<{ name: string; first: string }> {
    const name = uniqueName('tr');
    const stages = [
      { name: 'Build', actions: [testAction('Build', 'Build', build, { inputArtifacts: [{ name: 'SourceArtifact' }] })] },
      { name: 'Deploy', actions: [testAction('Deploy', 'Deploy')] },
    ];
    const first = await probe.create(localPipeline(name, stages, extra));
    return { name, first };
  }

  /** Creates Source -> Build -> Deploy and waits for the execution CreatePipeline started to succeed. */
  async function settledPipeline(extra: Partial<PipelineDeclaration> = {}): Promise<string> {
    const { name, first } = await createPipeline({}, extra);
    await probe.untilStatus(name, first, 'Succeeded');
    return name;
  }

  /** Waits until the given execution is the one waiting in front of a stage. */
  async function untilWaitingAt(name: string, stageName: string, id: string): Promise<StageState> {
    return waitFor(() => probe.stage(name, stageName), { description: `${id} waiting at ${stageName}` }, (s) => s.inboundExecution?.pipelineExecutionId === id);
  }

  async function stagesRun(pipelineName: string, pipelineExecutionId: string): Promise<string[]> {
    const out = await emulator.client.send(new ListActionExecutionsCommand({ pipelineName, filter: { pipelineExecutionId } }));
    return out.actionExecutionDetails!.map((d) => d.stageName!).sort();
  }

  describe('when an inbound transition is disabled with a reason', () => {
    it('holds the next execution in front of the stage and reports the transition and the waiting execution', async () => {
      const name = await settledPipeline();
      const before = Date.now();
      await emulator.client.send(new DisableStageTransitionCommand({ pipelineName: name, stageName: 'Build', transitionType: 'Inbound', reason: REASON }));
      const after = Date.now();
      const id = await probe.start(name);

      const build = await untilWaitingAt(name, 'Build', id);
      expect(build.inboundTransitionState).toEqual({ enabled: false, disabledReason: REASON, lastChangedBy: CALLER, lastChangedAt: expect.any(Date) });
      const changedAt = build.inboundTransitionState!.lastChangedAt!.getTime();
      expect(changedAt).toBeGreaterThanOrEqual(before - 1000);
      expect(changedAt).toBeLessThanOrEqual(after + 1000);
      expect(build.inboundExecution).toMatchObject({ pipelineExecutionId: id, status: 'InProgress' });
      expect(build.latestExecution?.pipelineExecutionId).not.toBe(id);
      expect((await probe.stage(name, 'Source')).inboundTransitionState).toEqual({ enabled: true });

      // Waiting at the transition is the engine's last move until it is enabled: nothing else can have run.
      expect(await probe.status(name, id)).toBe('InProgress');
      expect(await stagesRun(name, id)).toEqual(['Source']);
    });

    it('lets the held execution into the stage when the transition is enabled, and it completes', async () => {
      const name = await settledPipeline();
      await emulator.client.send(new DisableStageTransitionCommand({ pipelineName: name, stageName: 'Build', transitionType: 'Inbound', reason: REASON }));
      const id = await probe.start(name);
      await untilWaitingAt(name, 'Build', id);

      await emulator.client.send(new EnableStageTransitionCommand({ pipelineName: name, stageName: 'Build', transitionType: 'Inbound' }));
      await probe.untilStatus(name, id, 'Succeeded');

      const build = await probe.stage(name, 'Build');
      expect(build.inboundTransitionState?.enabled).toBe(true);
      expect(build.inboundTransitionState?.disabledReason).toBeUndefined();
      expect(build.inboundExecution).toBeUndefined();
      expect(build.latestExecution).toMatchObject({ pipelineExecutionId: id, status: 'Succeeded' });
      expect(await stagesRun(name, id)).toEqual(['Build', 'Deploy', 'Source']);
    });
  });

  describe('when two executions reach a disabled transition in SUPERSEDED mode', () => {
    it('supersedes the older one and releases only the newest when the transition is enabled', async () => {
      const name = await settledPipeline();
      await emulator.client.send(new DisableStageTransitionCommand({ pipelineName: name, stageName: 'Build', transitionType: 'Inbound', reason: REASON }));
      const older = await probe.start(name);
      await untilWaitingAt(name, 'Build', older);
      const newer = await probe.start(name);

      const build = await untilWaitingAt(name, 'Build', newer);
      expect(build.inboundExecution).toMatchObject({ pipelineExecutionId: newer, status: 'InProgress' });
      await probe.untilStatus(name, older, 'Superseded');
      const summaries = (await emulator.client.send(new ListPipelineExecutionsCommand({ pipelineName: name }))).pipelineExecutionSummaries!;
      expect(summaries.find((s) => s.pipelineExecutionId === older)?.status).toBe('Superseded');
      expect(summaries.find((s) => s.pipelineExecutionId === newer)?.status).toBe('InProgress');

      await emulator.client.send(new EnableStageTransitionCommand({ pipelineName: name, stageName: 'Build', transitionType: 'Inbound' }));
      await probe.untilStatus(name, newer, 'Succeeded');
      expect(await probe.status(name, older)).toBe('Superseded');
      expect(await stagesRun(name, older)).toEqual(['Source']);
      expect(await stagesRun(name, newer)).toEqual(['Build', 'Deploy', 'Source']);
    });
  });

  describe('when two executions reach a disabled transition in QUEUED mode', () => {
    it('keeps both waiting and lets them in one after the other, oldest first, when the transition is enabled', async () => {
      const created = await createPipeline({ Sleep: '150' }, { executionMode: 'QUEUED' });
      await probe.untilStatus(created.name, created.first, 'Succeeded');
      const name = created.name;
      await emulator.client.send(new DisableStageTransitionCommand({ pipelineName: name, stageName: 'Build', transitionType: 'Inbound', reason: REASON }));
      const older = await probe.start(name);
      await untilWaitingAt(name, 'Build', older);
      const newer = await probe.start(name);
      const waitingIds = (s: StageState) => [s.inboundExecution, ...(s.inboundExecutions ?? [])].map((e) => e?.pipelineExecutionId).filter(Boolean);
      const build = await waitFor(() => probe.stage(name, 'Build'), { description: 'both waiting at Build' }, (s) => waitingIds(s).includes(newer));
      expect(new Set(waitingIds(build))).toEqual(new Set([older, newer]));
      expect(await probe.status(name, older)).toBe('InProgress');

      await emulator.client.send(new EnableStageTransitionCommand({ pipelineName: name, stageName: 'Build', transitionType: 'Inbound' }));
      await probe.untilStatus(name, older, 'Succeeded');
      await probe.untilStatus(name, newer, 'Succeeded');
      const builds = (await emulator.client.send(new ListActionExecutionsCommand({ pipelineName: name }))).actionExecutionDetails!.filter((d) => d.stageName === 'Build');
      const runOf = (id: string) => builds.find((d) => d.pipelineExecutionId === id)!;
      // One at a time, oldest first: the newer one starts only after the older one's Build ended.
      expect(runOf(newer).startTime!.getTime()).toBeGreaterThanOrEqual(runOf(older).lastUpdateTime!.getTime());
    });
  });

  describe('when a transition is disabled while an execution is inside that stage', () => {
    it('lets the execution finish the stage and go on', async () => {
      // Build runs until the test makes the file: the transition is surely disabled while the execution is inside.
      const release = join(freshDataDir(), 'release-build');
      const { name, first } = await createPipeline({ WaitForFile: release });
      await waitFor(() => probe.stage(name, 'Build'), { description: 'first execution in Build' }, (s) => s.latestExecution?.pipelineExecutionId === first);
      await emulator.client.send(new DisableStageTransitionCommand({ pipelineName: name, stageName: 'Build', transitionType: 'Inbound', reason: REASON }));
      expect((await probe.action(name, 'Build', 'Build')).latestExecution?.status).toBe('InProgress');
      writeFileSync(release, '');
      await probe.untilStatus(name, first, 'Succeeded');
      expect(await stagesRun(name, first)).toEqual(['Build', 'Deploy', 'Source']);
    });
  });

  describe('when an execution held at a disabled transition is stopped', () => {
    it('ends it Stopped and never lets it into the stage once the transition is enabled', async () => {
      const name = await settledPipeline();
      await emulator.client.send(new DisableStageTransitionCommand({ pipelineName: name, stageName: 'Build', transitionType: 'Inbound', reason: REASON }));
      const id = await probe.start(name);
      await untilWaitingAt(name, 'Build', id);
      await emulator.client.send(new StopPipelineExecutionCommand({ pipelineName: name, pipelineExecutionId: id, reason: 'Not this one' }));
      await probe.untilStatus(name, id, 'Stopped');
      expect((await probe.stage(name, 'Build')).inboundExecution).toBeUndefined();

      await emulator.client.send(new EnableStageTransitionCommand({ pipelineName: name, stageName: 'Build', transitionType: 'Inbound' }));
      // A later execution passing through Build proves the enabled transition has let everything waiting through.
      await probe.untilStatus(name, await probe.start(name), 'Succeeded');
      expect(await probe.status(name, id)).toBe('Stopped');
      expect(await stagesRun(name, id)).toEqual(['Source']);
    });
  });

  describe('when the pipeline is updated while an execution is held at a disabled transition', () => {
    it('keeps the transition disabled and cancels the held execution instead of running the old definition', async () => {
      const name = await settledPipeline();
      await emulator.client.send(new DisableStageTransitionCommand({ pipelineName: name, stageName: 'Build', transitionType: 'Inbound', reason: REASON }));
      const id = await probe.start(name);
      await untilWaitingAt(name, 'Build', id);
      const stages = [
        { name: 'Build', actions: [testAction('Build', 'Build', { Content: 'v2' }, { inputArtifacts: [{ name: 'SourceArtifact' }] })] },
        { name: 'Deploy', actions: [testAction('Deploy', 'Deploy')] },
      ];
      await emulator.client.send(new UpdatePipelineCommand({ pipeline: localPipeline(name, stages) }));
      expect((await probe.stage(name, 'Build')).inboundTransitionState).toMatchObject({ enabled: false, disabledReason: REASON });

      await emulator.client.send(new EnableStageTransitionCommand({ pipelineName: name, stageName: 'Build', transitionType: 'Inbound' }));
      await probe.untilStatus(name, id, 'Cancelled');
      // Executions are bound to the version they started with: version 1's Build must not run on version 2.
      expect(await stagesRun(name, id)).toEqual(['Source']);
    });
  });

  describe('when the outbound transition of a stage is disabled', () => {
    it('behaves as the inbound transition of the next stage', async () => {
      const name = await settledPipeline();
      await emulator.client.send(new DisableStageTransitionCommand({ pipelineName: name, stageName: 'Source', transitionType: 'Outbound', reason: REASON }));
      expect((await probe.stage(name, 'Source')).inboundTransitionState).toEqual({ enabled: true });
      expect((await probe.stage(name, 'Build')).inboundTransitionState).toMatchObject({ enabled: false, disabledReason: REASON, lastChangedBy: CALLER });

      const id = await probe.start(name);
      await untilWaitingAt(name, 'Build', id);
      expect(await probe.status(name, id)).toBe('InProgress');
      expect(await stagesRun(name, id)).toEqual(['Source']);

      await emulator.client.send(new EnableStageTransitionCommand({ pipelineName: name, stageName: 'Source', transitionType: 'Outbound' }));
      await probe.untilStatus(name, id, 'Succeeded');
      expect((await probe.stage(name, 'Build')).inboundTransitionState?.enabled).toBe(true);
    });
  });

  describe('when the request names something that does not exist or is malformed', () => {
    it('refuses an unknown stage with StageNotFoundException', async () => {
      const name = await settledPipeline();
      const disable = await errorOf(emulator.client.send(new DisableStageTransitionCommand({ pipelineName: name, stageName: 'Nope', transitionType: 'Inbound', reason: REASON })));
      expect(disable).toMatchObject({ name: 'StageNotFoundException', status: 400 });
      const enable = await errorOf(emulator.client.send(new EnableStageTransitionCommand({ pipelineName: name, stageName: 'Nope', transitionType: 'Inbound' })));
      expect(enable).toMatchObject({ name: 'StageNotFoundException', status: 400 });
    });

    it('refuses a reason with characters outside the model pattern with ValidationException', async () => {
      const name = await settledPipeline();
      const error = await errorOf(emulator.client.send(new DisableStageTransitionCommand({ pipelineName: name, stageName: 'Build', transitionType: 'Inbound', reason: 'Freeze; see ticket #42' })));
      expect(error).toMatchObject({ name: 'ValidationException', status: 400 });
      expect(error.message).toContain('reason');
      expect(error.message).toContain('Member must satisfy regular expression pattern');
      expect((await probe.stage(name, 'Build')).inboundTransitionState).toEqual({ enabled: true });
    });

    it('refuses an unknown pipeline with PipelineNotFoundException', async () => {
      const pipelineName = uniqueName('missing');
      const disable = await errorOf(emulator.client.send(new DisableStageTransitionCommand({ pipelineName, stageName: 'Build', transitionType: 'Inbound', reason: REASON })));
      expect(disable).toMatchObject({ name: 'PipelineNotFoundException', status: 400 });
      const enable = await errorOf(emulator.client.send(new EnableStageTransitionCommand({ pipelineName, stageName: 'Build', transitionType: 'Inbound' })));
      expect(enable).toMatchObject({ name: 'PipelineNotFoundException', status: 400 });
    });
  });
});
