import {
  CreatePipelineCommand,
  GetPipelineExecutionCommand,
  GetPipelineStateCommand,
  ListActionExecutionsCommand,
  ListPipelineExecutionsCommand,
  StartPipelineExecutionCommand,
  type PipelineExecutionSummary,
} from '@aws-sdk/client-codepipeline';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PipelineDeclaration } from '../../../../src/model/index.js';
import { freshDataDir, TEST_ACCOUNT, useTestEmulator } from '../../../helpers/emulator.js';
import { errorOf } from '../../../helpers/errors.js';
import { executionProbes } from '../../../helpers/execution-probes.js';
import { localPipeline, testAction } from '../../../helpers/local-pipelines.js';
import { uniqueName } from '../../../helpers/pipelines.js';
import { localTestProviders } from '../../../helpers/test-provider.js';
import { waitFor, waitForExecutionEnd } from '../../../helpers/wait.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const CALLER = new RegExp(`^arn:aws:(iam|sts)::${TEST_ACCOUNT}:`);

describe('pipeline executions: starting and reading them', () => {
  const emulator = useTestEmulator({}, { overrides: { providers: localTestProviders() } });
  const probe = executionProbes(() => emulator.client);

  const simple = (name: string, extra: Partial<PipelineDeclaration> = {}) =>
    localPipeline(name, [{ name: 'Build', actions: [testAction('Build', 'Build', { Summary: 'built it' }, { inputArtifacts: [{ name: 'SourceArtifact' }] })] }], extra, {
      RevisionId: 'default-rev',
      Summary: 'latest commit',
    });

  /** Creates the pipeline and waits for the execution CreatePipeline started to end; returns its id. */
  async function createAndSettle(pipeline: PipelineDeclaration): Promise<string> {
    const id = await probe.create(pipeline);
    await waitForExecutionEnd(emulator.client, pipeline.name, id);
    return id;
  }

  /** Starts an execution and waits for it to end; returns its id. */
  async function startAndSettle(name: string, input: Partial<ConstructorParameters<typeof StartPipelineExecutionCommand>[0]> = {}): Promise<string> {
    const { pipelineExecutionId } = await emulator.client.send(new StartPipelineExecutionCommand({ name, ...input }));
    await waitForExecutionEnd(emulator.client, name, pipelineExecutionId!);
    return pipelineExecutionId!;
  }

  const summaries = async (pipelineName: string): Promise<PipelineExecutionSummary[]> =>
    (await emulator.client.send(new ListPipelineExecutionsCommand({ pipelineName }))).pipelineExecutionSummaries ?? [];

  describe('CreatePipeline', () => {
    it('starts the first execution at once, triggered by CreatePipeline', async () => {
      const name = uniqueName('start');
      await emulator.client.send(new CreatePipelineCommand({ pipeline: simple(name) }));
      const [first, ...others] = await summaries(name);
      expect(others).toEqual([]);
      expect(first.pipelineExecutionId).toMatch(UUID_V4);
      expect(first.trigger?.triggerType).toBe('CreatePipeline');
      expect(first.trigger?.triggerDetail).toMatch(CALLER);
      const execution = await waitForExecutionEnd(emulator.client, name, first.pipelineExecutionId!);
      expect(execution).toMatchObject({
        pipelineName: name,
        pipelineVersion: 1,
        pipelineExecutionId: first.pipelineExecutionId,
        status: 'Succeeded',
        trigger: { triggerType: 'CreatePipeline' },
        executionMode: 'SUPERSEDED',
        executionType: 'STANDARD',
      });
    });
  });

  describe('StartPipelineExecution', () => {
    it('returns the id of a new execution triggered by StartPipelineExecution', async () => {
      const name = uniqueName('start');
      const first = await createAndSettle(simple(name));
      const id = await startAndSettle(name);
      expect(id).toMatch(UUID_V4);
      expect(id).not.toBe(first);
      const { pipelineExecution } = await emulator.client.send(new GetPipelineExecutionCommand({ pipelineName: name, pipelineExecutionId: id }));
      expect(pipelineExecution?.status).toBe('Succeeded');
      expect(pipelineExecution?.trigger?.triggerType).toBe('StartPipelineExecution');
      expect(pipelineExecution?.trigger?.triggerDetail).toMatch(CALLER);
    });

    it('returns the same execution for a repeated clientRequestToken and starts only one', async () => {
      const name = uniqueName('start');
      await createAndSettle(simple(name));
      const clientRequestToken = randomUUID();
      const once = await emulator.client.send(new StartPipelineExecutionCommand({ name, clientRequestToken }));
      const twice = await emulator.client.send(new StartPipelineExecutionCommand({ name, clientRequestToken }));
      expect(twice.pipelineExecutionId).toBe(once.pipelineExecutionId);
      await waitForExecutionEnd(emulator.client, name, once.pipelineExecutionId!);
      const listed = await summaries(name);
      expect(listed).toHaveLength(2);
      expect(listed.filter((s) => s.trigger?.triggerType === 'StartPipelineExecution').map((s) => s.pipelineExecutionId)).toEqual([once.pipelineExecutionId]);
    });

    it('starts one execution when the same clientRequestToken arrives twice at once', async () => {
      const name = uniqueName('start');
      await createAndSettle(simple(name));
      const clientRequestToken = randomUUID();
      const [a, b] = await Promise.all([1, 2].map(() => emulator.client.send(new StartPipelineExecutionCommand({ name, clientRequestToken }))));
      expect(a.pipelineExecutionId).toBe(b.pipelineExecutionId);
      await waitForExecutionEnd(emulator.client, name, a.pipelineExecutionId!);
      expect(await summaries(name)).toHaveLength(2);
    });

    it('hands a sourceRevisions override to the source and reports it as the execution revision', async () => {
      const name = uniqueName('start');
      const first = await createAndSettle(simple(name));
      const revision = '0123456789abcdef0123456789abcdef01234567';
      const id = await startAndSettle(name, { sourceRevisions: [{ actionName: 'Source', revisionType: 'COMMIT_ID', revisionValue: revision }] });
      const get = async (pipelineExecutionId: string) =>
        (await emulator.client.send(new GetPipelineExecutionCommand({ pipelineName: name, pipelineExecutionId }))).pipelineExecution!;
      expect((await get(id)).artifactRevisions).toEqual([
        expect.objectContaining({ name: 'SourceArtifact', revisionId: revision, revisionSummary: 'latest commit', created: expect.any(Date) }),
      ]);
      expect((await get(first)).artifactRevisions).toEqual([expect.objectContaining({ name: 'SourceArtifact', revisionId: 'default-rev' })]);
      const [latest, older] = await summaries(name);
      expect(latest.sourceRevisions).toEqual([{ actionName: 'Source', revisionId: revision, revisionSummary: 'latest commit' }]);
      expect(older.sourceRevisions).toEqual([{ actionName: 'Source', revisionId: 'default-rev', revisionSummary: 'latest commit' }]);
    });

    it('refuses a sourceRevisions override naming an action that is not a source action', async () => {
      const name = uniqueName('start');
      await createAndSettle(simple(name));
      const error = await errorOf(
        emulator.client.send(new StartPipelineExecutionCommand({ name, sourceRevisions: [{ actionName: 'Build', revisionType: 'COMMIT_ID', revisionValue: 'abc' }] })),
      );
      expect(error).toMatchObject({ name: 'ValidationException', status: 400 });
      expect(await summaries(name)).toHaveLength(1);
    });

    it('fails with PipelineNotFoundException for a pipeline that does not exist', async () => {
      const error = await errorOf(emulator.client.send(new StartPipelineExecutionCommand({ name: uniqueName('missing') })));
      expect(error).toMatchObject({ name: 'PipelineNotFoundException', status: 400 });
    });
  });

  describe('ListPipelineExecutions', () => {
    it('lists executions newest first', async () => {
      const name = uniqueName('list');
      const ids = [await createAndSettle(simple(name))];
      for (let i = 0; i < 3; i++) ids.push(await startAndSettle(name));
      const listed = await summaries(name);
      expect(listed.map((s) => s.pipelineExecutionId)).toEqual([...ids].reverse());
      for (const s of listed) {
        expect(s).toMatchObject({ status: 'Succeeded', executionMode: 'SUPERSEDED', executionType: 'STANDARD' });
        expect(s.startTime!.getTime()).toBeLessThanOrEqual(s.lastUpdateTime!.getTime());
      }
      expect(listed[0].startTime!.getTime()).toBeGreaterThanOrEqual(listed[1].lastUpdateTime!.getTime());
    });

    it('pages through executions with maxResults and nextToken', async () => {
      const name = uniqueName('list');
      const ids = [await createAndSettle(simple(name))];
      for (let i = 0; i < 4; i++) ids.push(await startAndSettle(name));
      const pages: string[][] = [];
      let nextToken: string | undefined;
      do {
        const out = await emulator.client.send(new ListPipelineExecutionsCommand({ pipelineName: name, maxResults: 2, nextToken }));
        pages.push((out.pipelineExecutionSummaries ?? []).map((s) => s.pipelineExecutionId!));
        nextToken = out.nextToken;
      } while (nextToken && pages.length < 10);
      expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
      expect(pages.flat()).toEqual([...ids].reverse());
    });

    it('refuses a nextToken it did not hand out with InvalidNextTokenException', async () => {
      const name = uniqueName('list');
      await createAndSettle(simple(name));
      const error = await errorOf(emulator.client.send(new ListPipelineExecutionsCommand({ pipelineName: name, nextToken: 'not-a-token' })));
      expect(error).toMatchObject({ name: 'InvalidNextTokenException', status: 400 });
    });

    it('keeps only the executions that succeeded in a stage with filter.succeededInStage', async () => {
      const name = uniqueName('list');
      const marker = join(emulator.env.dataDir, `${name}.ready`);
      const pipeline = localPipeline(name, [{ name: 'Build', actions: [testAction('Build', 'Build', { FailUnlessFile: marker })] }]);
      const failed = await createAndSettle(pipeline);
      writeFileSync(marker, 'ready');
      const succeeded = await startAndSettle(name);
      const inStage = async (stageName: string) =>
        ((await emulator.client.send(new ListPipelineExecutionsCommand({ pipelineName: name, filter: { succeededInStage: { stageName } } }))).pipelineExecutionSummaries ?? []).map(
          (s) => s.pipelineExecutionId,
        );
      expect(await inStage('Build')).toEqual([succeeded]);
      expect(await inStage('Source')).toEqual([succeeded, failed]);
      expect((await summaries(name)).map((s) => s.status)).toEqual(['Succeeded', 'Failed']);
    });
  });

  describe('GetPipelineState', () => {
    it('describes a finished run stage by stage and action by action', async () => {
      const name = uniqueName('state');
      const id = await createAndSettle(simple(name));
      const state = await emulator.client.send(new GetPipelineStateCommand({ name }));
      const actions = (await emulator.client.send(new ListActionExecutionsCommand({ pipelineName: name, filter: { pipelineExecutionId: id } }))).actionExecutionDetails!;
      const actionId = (actionName: string) => actions.find((a) => a.actionName === actionName)!.actionExecutionId;
      expect(state).toMatchObject({ pipelineName: name, pipelineVersion: 1, created: expect.any(Date), updated: expect.any(Date) });
      const [source, build] = state.stageStates!;
      for (const stage of [source, build]) {
        expect(stage.inboundTransitionState).toEqual({ enabled: true });
        expect(stage.latestExecution).toEqual({ pipelineExecutionId: id, status: 'Succeeded', type: 'STANDARD' });
        expect(stage.inboundExecution).toBeUndefined();
      }
      expect(source.actionStates).toEqual([
        {
          actionName: 'Source',
          currentRevision: { revisionId: 'default-rev', revisionChangeId: expect.any(String), created: expect.any(Date) },
          latestExecution: {
            actionExecutionId: actionId('Source'),
            status: 'Succeeded',
            summary: 'latest commit',
            lastStatusChange: expect.any(Date),
            externalExecutionId: expect.stringMatching(/^local-test-/),
            percentComplete: 100,
          },
        },
      ]);
      expect(build.actionStates).toEqual([
        {
          actionName: 'Build',
          latestExecution: {
            actionExecutionId: actionId('Build'),
            status: 'Succeeded',
            summary: 'built it',
            lastStatusChange: expect.any(Date),
            externalExecutionId: expect.stringMatching(/^local-test-/),
            percentComplete: 100,
          },
        },
      ]);
    });

    it('shows the progress of an action that is still running', async () => {
      // The action runs until the test makes the file: its state is read while it surely runs.
      const release = join(freshDataDir(), 'release-build');
      const name = uniqueName('state');
      const id = await probe.create(localPipeline(name, [{ name: 'Build', actions: [testAction('Build', 'Build', { WaitForFile: release })] }]));
      const running = await waitFor(async () => {
        const state = await emulator.client.send(new GetPipelineStateCommand({ name }));
        return state.stageStates![1].actionStates![0].latestExecution;
      });
      expect(running).toMatchObject({ status: 'InProgress', externalExecutionId: expect.stringMatching(/^local-test-/), percentComplete: 0 });
      expect(running?.summary).toBeUndefined();
      // Let it end, so closing the emulator does not cut it short.
      writeFileSync(release, '');
      await waitForExecutionEnd(emulator.client, name, id);
    });
  });

  describe('when the pipeline or the execution does not exist', () => {
    it('fails GetPipelineState, GetPipelineExecution and ListPipelineExecutions with PipelineNotFoundException', async () => {
      const name = uniqueName('missing');
      const calls = [
        emulator.client.send(new GetPipelineStateCommand({ name })),
        emulator.client.send(new GetPipelineExecutionCommand({ pipelineName: name, pipelineExecutionId: randomUUID() })),
        emulator.client.send(new ListPipelineExecutionsCommand({ pipelineName: name })),
        emulator.client.send(new ListActionExecutionsCommand({ pipelineName: name })),
      ];
      for (const call of calls) expect(await errorOf(call)).toMatchObject({ name: 'PipelineNotFoundException', status: 400 });
    });

    it('fails with PipelineExecutionNotFoundException for an unknown execution id or one of another pipeline', async () => {
      const name = uniqueName('missing');
      const other = uniqueName('other');
      await createAndSettle(simple(name));
      const foreign = await createAndSettle(simple(other));
      for (const pipelineExecutionId of [randomUUID(), foreign]) {
        const get = await errorOf(emulator.client.send(new GetPipelineExecutionCommand({ pipelineName: name, pipelineExecutionId })));
        expect(get).toMatchObject({ name: 'PipelineExecutionNotFoundException', status: 400 });
        const list = await errorOf(emulator.client.send(new ListActionExecutionsCommand({ pipelineName: name, filter: { pipelineExecutionId } })));
        expect(list).toMatchObject({ name: 'PipelineExecutionNotFoundException', status: 400 });
      }
    });
  });
});
