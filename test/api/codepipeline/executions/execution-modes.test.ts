import {
  GetPipelineExecutionCommand,
  ListActionExecutionsCommand,
  ListPipelineExecutionsCommand,
  UpdatePipelineCommand,
  type ActionExecutionDetail,
  type StageState,
} from '@aws-sdk/client-codepipeline';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExecutionMode } from '../../../../src/model/index.js';
import { useTestEmulator } from '../../../helpers/emulator.js';
import { executionProbes } from '../../../helpers/execution-probes.js';
import { tempDir } from '../../../helpers/git.js';
import { localPipeline, testAction } from '../../../helpers/local-pipelines.js';
import { uniqueName } from '../../../helpers/pipelines.js';
import { localTestProviders } from '../../../helpers/test-provider.js';
import { waitFor } from '../../../helpers/wait.js';

describe('execution modes', () => {
  const emulator = useTestEmulator({}, { overrides: { providers: localTestProviders() } });
  const probe = executionProbes(() => emulator.client);
  const untilStatus = (name: string, id: string, status: string) => probe.untilStatus(name, id, status);
  const holds = tempDir('cpl-modes-');

  /** Every execution's Build waits until release(): the test, not a sleep, decides how long the first one runs. */
  function holdBuild(): { build: { WaitForFile: string }; release: () => void } {
    const path = join(holds, uniqueName('hold'));
    return { build: { WaitForFile: path }, release: () => writeFileSync(path, '') };
  }

  /** Creates Source -> Build (slow) -> Deploy; returns its name and the id of the execution CreatePipeline started. */
  function declaration(name: string, mode: ExecutionMode | undefined, build: number | { WaitForFile: string }, deployMs = 0) {
    const buildConfiguration = typeof build === 'number' ? { Sleep: String(build) } : build;
    const stages = [
      { name: 'Build', actions: [testAction('Build', 'Build', buildConfiguration, { inputArtifacts: [{ name: 'SourceArtifact' }] })] },
      { name: 'Deploy', actions: [testAction('Deploy', 'Deploy', deployMs ? { Sleep: String(deployMs) } : {})] },
    ];
    return localPipeline(name, stages, mode ? { executionMode: mode } : {});
  }

  async function createPipeline(mode: ExecutionMode | undefined, build: number | { WaitForFile: string }, deployMs = 0): Promise<{ name: string; first: string }> {
    const name = uniqueName(`mode-${(mode ?? 'default').toLowerCase()}`);
    const first = await probe.create(declaration(name, mode, build, deployMs));
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

  /** Waits until every one of these executions runs its Build at the same time. */
  async function untilAllInBuild(name: string, ids: string[]): Promise<void> {
    await waitFor(() => actionRuns(name, 'Build'), { description: `${ids.length} executions in Build at once` }, (runs) => ids.every((id) => runs.some((r) => r.pipelineExecutionId === id && r.status === 'InProgress')));
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
        const hold = holdBuild();
        const { name, first } = await createPipeline(undefined, hold.build);
        await untilInStage(name, 'Build', first);
        const second = await probe.start(name);

        const build = await waitFor(() => probe.stage(name, 'Build'), { description: 'second waiting' }, (s) => waitingIds(s).includes(second));
        expect(build.inboundExecution).toMatchObject({ pipelineExecutionId: second, status: 'InProgress' });
        expect(build.latestExecution).toMatchObject({ pipelineExecutionId: first, status: 'InProgress' });
        expect(await probe.status(name, first)).toBe('InProgress');
        expect(await probe.status(name, second)).toBe('InProgress');
        hold.release();

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
        const hold = holdBuild();
        const { name, first } = await createPipeline(undefined, hold.build);
        await untilInStage(name, 'Build', first);
        const second = await probe.start(name);
        const third = await probe.start(name);

        await untilStatus(name, second, 'Superseded');
        const build = await waitFor(() => probe.stage(name, 'Build'), { description: 'third waiting' }, (s) => waitingIds(s).includes(third));
        expect(build.inboundExecution).toMatchObject({ pipelineExecutionId: third, status: 'InProgress' });
        expect(waitingIds(build)).toEqual([third]);
        expect(build.latestExecution).toMatchObject({ pipelineExecutionId: first, status: 'InProgress' });
        expect(await probe.status(name, first)).toBe('InProgress');
        hold.release();

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
        const hold = holdBuild();
        const { name, first } = await createPipeline('QUEUED', hold.build, 200);
        const second = await probe.start(name);

        const build = await waitFor(() => probe.stage(name, 'Build'), { description: 'second queued' }, (s) => waitingIds(s).includes(second));
        expect(waitingIds(build)).toEqual([second]);
        expect(build.latestExecution?.pipelineExecutionId).toBe(first);
        expect(await probe.status(name, second)).toBe('InProgress');
        hold.release();

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
        const hold = holdBuild();
        const { name, first } = await createPipeline('QUEUED', hold.build, 200);
        const second = await probe.start(name);
        const third = await probe.start(name);

        const build = await waitFor(() => probe.stage(name, 'Build'), { description: 'two queued' }, (s) => waitingIds(s).length === 2);
        expect(new Set(waitingIds(build))).toEqual(new Set([second, third]));
        for (const e of [build.inboundExecution, ...(build.inboundExecutions ?? [])]) expect(e?.status).toBe('InProgress');
        expect(build.latestExecution?.pipelineExecutionId).toBe(first);
        hold.release();

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
        // The first holds its Build until the update is made, so the second is sure to be waiting for it.
        const hold = holdBuild();
        const { name, first } = await createPipeline('QUEUED', hold.build);
        await untilInStage(name, 'Build', first);
        const second = await probe.start(name);
        await waitFor(() => probe.stage(name, 'Build'), { description: 'second queued' }, (s) => waitingIds(s).includes(second));

        await emulator.client.send(new UpdatePipelineCommand({ pipeline: declaration(name, 'QUEUED', 50) }));
        hold.release();
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
        // Either may enter Build first; both are held there until the test has seen them running at once.
        const hold = holdBuild();
        const { name, first } = await createPipeline('PARALLEL', hold.build);
        const second = await probe.start(name);

        await untilAllInBuild(name, [first, second]);
        expect(waitingIds(await probe.stage(name, 'Build'))).toEqual([]);
        hold.release();
        for (const id of [first, second]) await untilStatus(name, id, 'Succeeded');
        const builds = await actionRuns(name, 'Build');
        expect(new Set(builds.map((r) => r.pipelineExecutionId))).toEqual(new Set([first, second]));
        expectOverlapping(builds);
        expect((await emulator.client.send(new GetPipelineExecutionCommand({ pipelineName: name, pipelineExecutionId: second }))).pipelineExecution?.executionMode).toBe('PARALLEL');
      });
    });

    describe('when three executions run concurrently', () => {
      it('runs the same stage for all three at the same time, and all succeed', async () => {
        const hold = holdBuild();
        const { name, first } = await createPipeline('PARALLEL', hold.build);
        const second = await probe.start(name);
        const third = await probe.start(name);
        await untilAllInBuild(name, [first, second, third]);
        hold.release();

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
