import {
  GetPipelineExecutionCommand,
  ListActionExecutionsCommand,
  ListPipelineExecutionsCommand,
  UpdatePipelineCommand,
  type ActionExecutionDetail,
  type StageState,
} from '@aws-sdk/client-codepipeline';
import { describe, expect, it } from 'vitest';
import type { ExecutionMode } from '../../../../src/model/index.js';
import { useTestEmulator } from '../../../helpers/emulator.js';
import { executionProbes } from '../../../helpers/execution-probes.js';
import { localPipeline, testAction } from '../../../helpers/local-pipelines.js';
import { uniqueName } from '../../../helpers/pipelines.js';
import { localTestProviders } from '../../../helpers/test-provider.js';
import { waitFor } from '../../../helpers/wait.js';

describe('execution modes', () => {
  const emulator = useTestEmulator({}, { overrides: { providers: localTestProviders() } });
  const probe = executionProbes(() => emulator.client);
  // Queued executions wait for the ones ahead of them, so these waits allow more than the probes' default 5 s.
  const untilStatus = (name: string, id: string, status: string) => probe.untilStatus(name, id, status, 8000);

  /** Creates Source -> Build (slow) -> Deploy; returns its name and the id of the execution CreatePipeline started. */
  function declaration(name: string, mode: ExecutionMode | undefined, buildMs: number, deployMs = 0) {
    const stages = [
      { name: 'Build', actions: [testAction('Build', 'Build', { Sleep: String(buildMs) }, { inputArtifacts: [{ name: 'SourceArtifact' }] })] },
      { name: 'Deploy', actions: [testAction('Deploy', 'Deploy', deployMs ? { Sleep: String(deployMs) } : {})] },
    ];
    return localPipeline(name, stages, mode ? { executionMode: mode } : {});
  }

  async function createPipeline(mode: ExecutionMode | undefined, buildMs: number, deployMs = 0): Promise<{ name: string; first: string }> {
    const name = uniqueName(`mode-${(mode ?? 'default').toLowerCase()}`);
    const first = await probe.create(declaration(name, mode, buildMs, deployMs));
    return { name, first };
  }

  /** Waits until an execution runs a stage (it is the stage's latest execution, InProgress). */
  async function untilInStage(name: string, stageName: string, id: string): Promise<void> {
    await waitFor(
      () => probe.stage(name, stageName),
      { description: `${id} in ${stageName}` },
      (s) => s.latestExecution?.pipelineExecutionId === id && s.latestExecution.status === 'InProgress',
    );
  }

  /** The ids of the executions GetPipelineState shows waiting in front of a stage. */
  function waitingIds(stage: StageState): string[] {
    const ids = [stage.inboundExecution, ...(stage.inboundExecutions ?? [])].map((e) => e?.pipelineExecutionId);
    return [...new Set(ids.filter((id): id is string => Boolean(id)))];
  }

  /** The action executions of a stage, oldest start first. */
  async function actionRuns(pipelineName: string, stageName: string): Promise<ActionExecutionDetail[]> {
    const out = await emulator.client.send(new ListActionExecutionsCommand({ pipelineName }));
    // The list is newest first; reversed, runs that started in the same millisecond keep their order.
    const oldestFirst = out.actionExecutionDetails!.filter((d) => d.stageName === stageName).reverse();
    return oldestFirst.sort((a, b) => a.startTime!.getTime() - b.startTime!.getTime());
  }

  /** Asserts that no two runs overlap in time: each ends before the next starts. */
  function expectSerial(runs: ActionExecutionDetail[]): void {
    for (let i = 1; i < runs.length; i++) expect(runs[i].startTime!.getTime()).toBeGreaterThanOrEqual(runs[i - 1].lastUpdateTime!.getTime());
  }

  /** Asserts that all runs were in progress at one same moment. */
  function expectOverlapping(runs: ActionExecutionDetail[]): void {
    const latestStart = Math.max(...runs.map((r) => r.startTime!.getTime()));
    const earliestEnd = Math.min(...runs.map((r) => r.lastUpdateTime!.getTime()));
    expect(latestStart).toBeLessThan(earliestEnd);
  }

  async function statuses(pipelineName: string): Promise<Record<string, string>> {
    const out = await emulator.client.send(new ListPipelineExecutionsCommand({ pipelineName }));
    return Object.fromEntries(out.pipelineExecutionSummaries!.map((s) => [s.pipelineExecutionId!, s.status!]));
  }

  describe('SUPERSEDED (the default)', () => {
    describe('when a second execution reaches a stage the first is running', () => {
      it('waits in front of the stage without superseding the running one, and both succeed', async () => {
        const { name, first } = await createPipeline(undefined, 800);
        await untilInStage(name, 'Build', first);
        const second = await probe.start(name);

        const build = await waitFor(() => probe.stage(name, 'Build'), { description: 'second waiting' }, (s) => waitingIds(s).includes(second));
        expect(build.inboundExecution).toMatchObject({ pipelineExecutionId: second, status: 'InProgress' });
        expect(build.latestExecution).toMatchObject({ pipelineExecutionId: first, status: 'InProgress' });
        expect(await probe.status(name, first)).toBe('InProgress');
        expect(await probe.status(name, second)).toBe('InProgress');

        await untilStatus(name, first, 'Succeeded');
        await untilStatus(name, second, 'Succeeded');
        const builds = await actionRuns(name, 'Build');
        expect(builds.map((r) => r.pipelineExecutionId)).toEqual([first, second]);
        expectSerial(builds);
        expect((await emulator.client.send(new GetPipelineExecutionCommand({ pipelineName: name, pipelineExecutionId: first }))).pipelineExecution?.executionMode).toBe('SUPERSEDED');
      });
    });

    describe('when two more executions start in quick succession while the first runs a stage', () => {
      it('supersedes the older waiting one at the stage boundary, never the one mid-stage', async () => {
        const { name, first } = await createPipeline(undefined, 1000);
        await untilInStage(name, 'Build', first);
        const second = await probe.start(name);
        const third = await probe.start(name);

        await untilStatus(name, second, 'Superseded');
        const build = await waitFor(() => probe.stage(name, 'Build'), { description: 'third waiting' }, (s) => waitingIds(s).includes(third));
        expect(build.inboundExecution).toMatchObject({ pipelineExecutionId: third, status: 'InProgress' });
        expect(waitingIds(build)).toEqual([third]);
        expect(build.latestExecution).toMatchObject({ pipelineExecutionId: first, status: 'InProgress' });
        expect(await probe.status(name, first)).toBe('InProgress');

        await untilStatus(name, first, 'Succeeded');
        await untilStatus(name, third, 'Succeeded');
        expect(await statuses(name)).toEqual({ [first]: 'Succeeded', [second]: 'Superseded', [third]: 'Succeeded' });
        const listed = (await emulator.client.send(new ListPipelineExecutionsCommand({ pipelineName: name }))).pipelineExecutionSummaries!;
        expect(listed.map((s) => s.pipelineExecutionId)).toEqual([third, second, first]);
        const builds = await actionRuns(name, 'Build');
        expect(builds.map((r) => r.pipelineExecutionId)).toEqual([first, third]);
        expectSerial(builds);
        const secondRuns = (await emulator.client.send(new ListActionExecutionsCommand({ pipelineName: name, filter: { pipelineExecutionId: second } }))).actionExecutionDetails!;
        expect(secondRuns.map((r) => r.stageName)).toEqual(['Source']);
      });
    });
  });

  describe('QUEUED (V2)', () => {
    describe('when two executions run concurrently', () => {
      it('runs them one at a time through each stage, in start order, and both succeed', async () => {
        const { name, first } = await createPipeline('QUEUED', 400, 200);
        const second = await probe.start(name);

        const build = await waitFor(() => probe.stage(name, 'Build'), { description: 'second queued' }, (s) => waitingIds(s).includes(second));
        expect(waitingIds(build)).toEqual([second]);
        expect(build.latestExecution?.pipelineExecutionId).toBe(first);
        expect(await probe.status(name, second)).toBe('InProgress');

        await untilStatus(name, first, 'Succeeded');
        await untilStatus(name, second, 'Succeeded');
        for (const stage of ['Source', 'Build', 'Deploy']) {
          const runs = await actionRuns(name, stage);
          expect(runs.map((r) => r.pipelineExecutionId)).toEqual([first, second]);
          expectSerial(runs);
        }
        expect((await emulator.client.send(new GetPipelineExecutionCommand({ pipelineName: name, pipelineExecutionId: second }))).pipelineExecution?.executionMode).toBe('QUEUED');
      });
    });

    describe('when three executions run concurrently', () => {
      it('queues the waiting ones without superseding any, and all three succeed in start order', async () => {
        const { name, first } = await createPipeline('QUEUED', 500, 200);
        const second = await probe.start(name);
        const third = await probe.start(name);

        const build = await waitFor(() => probe.stage(name, 'Build'), { description: 'two queued' }, (s) => waitingIds(s).length === 2);
        expect(new Set(waitingIds(build))).toEqual(new Set([second, third]));
        for (const e of [build.inboundExecution, ...(build.inboundExecutions ?? [])]) expect(e?.status).toBe('InProgress');
        expect(build.latestExecution?.pipelineExecutionId).toBe(first);

        for (const id of [first, second, third]) await untilStatus(name, id, 'Succeeded');
        expect(Object.values(await statuses(name))).toEqual(['Succeeded', 'Succeeded', 'Succeeded']);
        for (const stage of ['Source', 'Build', 'Deploy']) {
          const runs = await actionRuns(name, stage);
          expect(runs.map((r) => r.pipelineExecutionId)).toEqual([first, second, third]);
          expectSerial(runs);
        }
      });
    });

    describe('when the pipeline is updated while an execution waits in the queue', () => {
      it('cancels the waiting execution instead of running a stage of the old definition', async () => {
        const { name, first } = await createPipeline('QUEUED', 500);
        await untilInStage(name, 'Build', first);
        const second = await probe.start(name);
        await waitFor(() => probe.stage(name, 'Build'), { description: 'second queued' }, (s) => waitingIds(s).includes(second));

        await emulator.client.send(new UpdatePipelineCommand({ pipeline: declaration(name, 'QUEUED', 50) }));
        await untilStatus(name, first, 'Cancelled');
        await untilStatus(name, second, 'Cancelled');
        // The running one may finish its stage; the waiting one, bound to version 1, must not start version 1's Build.
        const builds = await actionRuns(name, 'Build');
        expect(builds.map((r) => r.pipelineExecutionId)).toEqual([first]);
      });
    });
  });

  describe('PARALLEL (V2)', () => {
    describe('when two executions run concurrently', () => {
      it('runs the same stage for both at the same time, and both succeed', async () => {
        // Builds long enough that a poll on a loaded machine still sees both running; either may enter Build first.
        const { name, first } = await createPipeline('PARALLEL', 2000);
        const second = await probe.start(name);

        await waitFor(
          () => actionRuns(name, 'Build'),
          { description: 'both executions in Build at once' },
          (runs) => [first, second].every((id) => runs.some((r) => r.pipelineExecutionId === id && r.status === 'InProgress')),
        );
        expect(waitingIds(await probe.stage(name, 'Build'))).toEqual([]);
        for (const id of [first, second]) await untilStatus(name, id, 'Succeeded');
        const builds = await actionRuns(name, 'Build');
        expect(new Set(builds.map((r) => r.pipelineExecutionId))).toEqual(new Set([first, second]));
        expectOverlapping(builds);
        expect((await emulator.client.send(new GetPipelineExecutionCommand({ pipelineName: name, pipelineExecutionId: second }))).pipelineExecution?.executionMode).toBe('PARALLEL');
      });
    });

    describe('when three executions run concurrently', () => {
      it('runs the same stage for all three at the same time, and all succeed', async () => {
        const { name, first } = await createPipeline('PARALLEL', 600);
        const second = await probe.start(name);
        const third = await probe.start(name);

        for (const id of [first, second, third]) await untilStatus(name, id, 'Succeeded');
        expect(Object.values(await statuses(name))).toEqual(['Succeeded', 'Succeeded', 'Succeeded']);
        const builds = await actionRuns(name, 'Build');
        expect(new Set(builds.map((r) => r.pipelineExecutionId))).toEqual(new Set([first, second, third]));
        expect(builds).toHaveLength(3);
        expectOverlapping(builds);
      });
    });
  });
});
