import {
  CreatePipelineCommand,
  GetPipelineExecutionCommand,
  GetPipelineCommand,
  ListPipelineExecutionsCommand,
  RollbackStageCommand,
  StartPipelineExecutionCommand,
  UpdatePipelineCommand,
} from '@aws-sdk/client-codepipeline';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PipelineDeclaration, StageDeclaration } from '../../../../src/model/index.js';
import { useTestEmulator } from '../../../helpers/emulator.js';
import { errorOf } from '../../../helpers/errors.js';
import { executionProbes } from '../../../helpers/execution-probes.js';
import { localPipeline, testAction } from '../../../helpers/local-pipelines.js';
import { uniqueName } from '../../../helpers/pipelines.js';
import { localTestProviders } from '../../../helpers/test-provider.js';
import { waitFor } from '../../../helpers/wait.js';
import { aws } from '../../protocol/tiny/aws-cli.js';

describe('RollbackStage and automatic rollback', () => {
  const flags = mkdtempSync(join(tmpdir(), 'cpl-rollback-'));
  // Registered before the emulator's: afterAll hooks run last first, so the flags go once the emulator has closed.
  afterAll(() => rmSync(flags, { recursive: true, force: true }));
  const emulator = useTestEmulator({}, { overrides: { providers: localTestProviders() } });
  const probe = executionProbes(() => emulator.client);

  /**
   * V2: Source -> Deploy. Deploy says which release it deploys (a pipeline variable), fails when Outcome is Fail and
   * waits for the file named by Gate (by default the flags folder, which exists).
   */
  function releasePipeline(name: string, deploy: Partial<StageDeclaration> = {}, extra: Partial<PipelineDeclaration> = {}): PipelineDeclaration {
    const configuration = { Summary: 'deploying #{variables.Release}', Outcome: '#{variables.Outcome}', WaitForFile: '#{variables.Gate}' };
    return localPipeline(name, [{ name: 'Deploy', actions: [testAction('Deploy', 'Deploy', configuration, { inputArtifacts: [{ name: 'SourceArtifact' }] })], ...deploy }], {
      pipelineType: 'V2',
      variables: [
        { name: 'Release', defaultValue: 'v1' },
        { name: 'Outcome', defaultValue: 'Succeed' },
        { name: 'Gate', defaultValue: flags },
      ],
      ...extra,
    });
  }

  async function release(name: string, variables: Record<string, string>, until = 'Succeeded'): Promise<string> {
    const out = await emulator.client.send(new StartPipelineExecutionCommand({ name, variables: Object.entries(variables).map(([n, value]) => ({ name: n, value })) }));
    await probe.untilStatus(name, out.pipelineExecutionId!, until);
    return out.pipelineExecutionId!;
  }

  /** A pipeline whose first execution deployed v1 and whose second deployed v2. */
  async function twoReleases(deploy: Partial<StageDeclaration> = {}, extra: Partial<PipelineDeclaration> = {}) {
    const name = uniqueName('rollback');
    const first = await probe.create(releasePipeline(name, deploy, extra));
    await probe.untilStatus(name, first, 'Succeeded');
    const second = await release(name, { Release: 'v2' });
    return { name, first, second };
  }

  async function rollbacksOf(pipelineName: string) {
    const { pipelineExecutionSummaries } = await emulator.client.send(new ListPipelineExecutionsCommand({ pipelineName }));
    return pipelineExecutionSummaries!.filter((s) => s.executionType === 'ROLLBACK');
  }

  function rollback(pipelineName: string, targetPipelineExecutionId: string, stageName = 'Deploy') {
    return emulator.client.send(new RollbackStageCommand({ pipelineName, stageName, targetPipelineExecutionId }));
  }

  describe('when a stage is rolled back to an execution that succeeded in it', () => {
    it('runs that stage alone again in a new ROLLBACK execution, with the target execution’s artifacts, variables and source revisions', async () => {
      const { name, first, second } = await twoReleases();
      const { pipelineExecutionId: id } = await rollback(name, first);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect([first, second]).not.toContain(id);
      await probe.untilStatus(name, id!, 'Succeeded');

      const { pipelineExecution } = await emulator.client.send(new GetPipelineExecutionCommand({ pipelineName: name, pipelineExecutionId: id }));
      expect(pipelineExecution).toMatchObject({
        executionType: 'ROLLBACK',
        rollbackMetadata: { rollbackTargetPipelineExecutionId: first },
        trigger: { triggerType: 'ManualRollback', triggerDetail: expect.stringMatching(/^arn:aws:(iam|sts)::/) },
        variables: expect.arrayContaining([{ name: 'Release', resolvedValue: 'v1' }]),
      });
      const target = (await emulator.client.send(new GetPipelineExecutionCommand({ pipelineName: name, pipelineExecutionId: first }))).pipelineExecution!;
      expect(pipelineExecution?.artifactRevisions).toEqual(target.artifactRevisions);

      // Only the Deploy stage ran, on the Source artifact the first execution made.
      const runs = await probe.actionExecutions(name, id!);
      expect(runs.map((r) => `${r.stageName}/${r.actionName}/${r.status}`)).toEqual(['Deploy/Deploy/Succeeded']);
      expect(runs[0].input?.resolvedConfiguration?.Summary).toBe('deploying v1');
      const firstRuns = await probe.actionsByName(name, first);
      expect(runs[0].input?.inputArtifacts).toEqual(firstRuns.Source.output?.outputArtifacts);

      const deploy = await probe.stage(name, 'Deploy');
      expect(deploy.latestExecution).toEqual({ pipelineExecutionId: id, status: 'Succeeded', type: 'ROLLBACK' });
      expect((await probe.stage(name, 'Source')).latestExecution).toMatchObject({ pipelineExecutionId: second, type: 'STANDARD' });

      const { pipelineExecutionSummaries } = await emulator.client.send(new ListPipelineExecutionsCommand({ pipelineName: name }));
      expect(pipelineExecutionSummaries?.map((s) => s.pipelineExecutionId)).toEqual([id, second, first]);
      const [newest, standard] = pipelineExecutionSummaries!;
      expect(newest).toMatchObject({ executionType: 'ROLLBACK', rollbackMetadata: { rollbackTargetPipelineExecutionId: first }, trigger: { triggerType: 'ManualRollback' } });
      expect(newest.sourceRevisions).toEqual(pipelineExecutionSummaries![2].sourceRevisions);
      expect(standard.executionType).toBe('STANDARD');
      expect(standard.rollbackMetadata).toBeUndefined();
    });

    it('is what the aws CLI’s rollback-stage and list-pipeline-executions show', async () => {
      const { name, first } = await twoReleases();
      const started = await aws(emulator.env.url, ['codepipeline', 'rollback-stage', '--pipeline-name', name, '--stage-name', 'Deploy', '--target-pipeline-execution-id', first]);
      expect(started.code).toBe(0);
      const id = started.json.pipelineExecutionId as string;
      await probe.untilStatus(name, id, 'Succeeded');
      const listed = await aws(emulator.env.url, ['codepipeline', 'list-pipeline-executions', '--pipeline-name', name, '--max-items', '1']);
      expect(listed.json.pipelineExecutionSummaries[0]).toMatchObject({
        pipelineExecutionId: id,
        status: 'Succeeded',
        executionType: 'ROLLBACK',
        rollbackMetadata: { rollbackTargetPipelineExecutionId: first },
        trigger: { triggerType: 'ManualRollback' },
      });
      const refused = await aws(emulator.env.url, ['codepipeline', 'rollback-stage', '--pipeline-name', name, '--stage-name', 'Source', '--target-pipeline-execution-id', first]);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain('(UnableToRollbackStageException)');
    });
  });

  describe('when RollbackStage cannot roll the stage back', () => {
    it('refuses an unknown pipeline, stage or execution with AWS’s exceptions', async () => {
      const { name, first } = await twoReleases();
      expect(await errorOf(rollback(uniqueName('none'), first))).toMatchObject({ name: 'PipelineNotFoundException', status: 400 });
      expect(await errorOf(rollback(name, first, 'Nowhere'))).toMatchObject({ name: 'StageNotFoundException', message: expect.stringContaining('Nowhere') });
      const unknown = '0f0f0f0f-0000-4000-8000-000000000000';
      expect(await errorOf(rollback(name, unknown))).toMatchObject({ name: 'PipelineExecutionNotFoundException', message: expect.stringContaining(unknown) });
      expect(await errorOf(rollback(name, 'not-an-id'))).toMatchObject({ name: 'ValidationException', message: expect.stringContaining('targetPipelineExecutionId') });
    });

    it('refuses the source stage, a rollback execution as target and a target that failed in the stage', async () => {
      const { name, first } = await twoReleases();
      expect(await errorOf(rollback(name, first, 'Source'))).toMatchObject({ name: 'UnableToRollbackStageException', message: expect.stringContaining('source stage') });
      const failed = await release(name, { Release: 'v3', Outcome: 'Fail' }, 'Failed');
      expect(await errorOf(rollback(name, failed))).toMatchObject({ name: 'UnableToRollbackStageException', message: expect.stringContaining(failed) });
      const { pipelineExecutionId: back } = await rollback(name, first);
      await probe.untilStatus(name, back!, 'Succeeded');
      expect(await errorOf(rollback(name, back!))).toMatchObject({ name: 'UnableToRollbackStageException', message: expect.stringContaining('rollback execution') });
    });

    it('refuses a target that ran on an older pipeline version (PipelineExecutionOutdatedException)', async () => {
      const { name, first } = await twoReleases();
      const { pipeline } = await emulator.client.send(new GetPipelineCommand({ name }));
      await emulator.client.send(new UpdatePipelineCommand({ pipeline: { ...pipeline!, stages: pipeline!.stages!.map((s) => ({ ...s })) } }));
      const error = await errorOf(rollback(name, first));
      expect(error).toMatchObject({ name: 'PipelineExecutionOutdatedException', status: 400 });
      expect(error.message).toContain(first);
    });

    it('refuses a stage that is running, and a second rollback while one runs (ConflictException)', async () => {
      const { name, first } = await twoReleases();
      const gate = join(flags, uniqueName('gate'));
      // An execution holds the Deploy stage until its gate file appears.
      const { pipelineExecutionId: held } = await emulator.client.send(new StartPipelineExecutionCommand({ name, variables: [{ name: 'Gate', value: gate }] }));
      await waitFor(() => probe.stage(name, 'Deploy'), { timeoutMs: 60_000 }, (s) => s.latestExecution?.pipelineExecutionId === held);
      expect(await errorOf(rollback(name, first))).toMatchObject({ name: 'UnableToRollbackStageException', message: expect.stringContaining(held!) });
      writeFileSync(gate, 'open');
      await probe.untilStatus(name, held!, 'Succeeded');

      // That execution succeeded with a gate that then closes: a rollback to it waits in the stage.
      unlinkSync(gate);
      const { pipelineExecutionId: back } = await rollback(name, held!);
      await waitFor(() => probe.stage(name, 'Deploy'), { timeoutMs: 60_000 }, (s) => s.latestExecution?.pipelineExecutionId === back);
      expect(await errorOf(rollback(name, first))).toMatchObject({ name: 'ConflictException', message: 'The pipeline is busy handling ongoing activities. Try again later.' });
      writeFileSync(gate, 'open');
      await probe.untilStatus(name, back!, 'Succeeded');
    });

    it('refuses a pipeline in PARALLEL mode', async () => {
      const { name, first } = await twoReleases({}, { executionMode: 'PARALLEL' });
      expect(await errorOf(rollback(name, first))).toMatchObject({ name: 'UnableToRollbackStageException', message: expect.stringContaining('PARALLEL') });
    });
  });

  describe('when a stage with onFailure ROLLBACK fails', () => {
    it('fails the execution and rolls the stage back by itself to the last execution that succeeded in it', async () => {
      const { name, second } = await twoReleases({ onFailure: { result: 'ROLLBACK' } });
      const failed = await release(name, { Release: 'v3', Outcome: 'Fail' }, 'Failed');
      const summaries = await waitFor(
        async () => (await emulator.client.send(new ListPipelineExecutionsCommand({ pipelineName: name }))).pipelineExecutionSummaries!,
        { timeoutMs: 60_000 },
        (s) => s[0].executionType === 'ROLLBACK' && s[0].status === 'Succeeded',
      );
      expect(summaries[0]).toMatchObject({
        executionType: 'ROLLBACK',
        rollbackMetadata: { rollbackTargetPipelineExecutionId: second },
        trigger: { triggerType: 'AutomatedRollback', triggerDetail: failed },
      });
      expect(summaries[1]).toMatchObject({ pipelineExecutionId: failed, status: 'Failed', executionType: 'STANDARD' });
      const { Deploy } = await probe.actionsByName(name, summaries[0].pipelineExecutionId!);
      expect(Deploy.input?.resolvedConfiguration?.Summary).toBe('deploying v2');
      expect((await probe.stage(name, 'Deploy')).latestExecution).toMatchObject({ pipelineExecutionId: summaries[0].pipelineExecutionId, status: 'Succeeded', type: 'ROLLBACK' });
    });

    it('rolls back to the newest standard execution that succeeded in the stage, never to a rollback execution', async () => {
      const name = uniqueName('rollback-auto');
      const first = await probe.create(releasePipeline(name, { onFailure: { result: 'ROLLBACK' } }));
      await probe.untilStatus(name, first, 'Succeeded');
      const failed = await release(name, { Outcome: 'Fail' }, 'Failed');
      await waitFor(() => rollbacksOf(name), { timeoutMs: 60_000 }, (r) => r.length === 1 && r[0].status === 'Succeeded');
      const failedAgain = await release(name, { Outcome: 'Fail' }, 'Failed');
      const rollbacks = await waitFor(() => rollbacksOf(name), { timeoutMs: 60_000 }, (r) => r.length === 2 && r.every((e) => e.status === 'Succeeded'));
      expect(rollbacks.map((r) => r.rollbackMetadata?.rollbackTargetPipelineExecutionId)).toEqual([first, first]);
      expect(rollbacks.map((r) => r.trigger?.triggerDetail)).toEqual([failedAgain, failed]);
    });

    it('only fails the execution when no execution succeeded in the stage before', async () => {
      const name = uniqueName('rollback-first');
      await emulator.client.send(new CreatePipelineCommand({ pipeline: releasePipeline(name, { onFailure: { result: 'ROLLBACK' } }, { variables: [{ name: 'Release', defaultValue: 'v1' }, { name: 'Outcome', defaultValue: 'Fail' }, { name: 'Gate', defaultValue: flags }] }) }));
      const first = await probe.firstExecution(name);
      await probe.untilStatus(name, first, 'Failed');
      // A later execution that succeeds shows nothing was started in between.
      const next = await release(name, { Outcome: 'Succeed' });
      const { pipelineExecutionSummaries } = await emulator.client.send(new ListPipelineExecutionsCommand({ pipelineName: name }));
      expect(pipelineExecutionSummaries?.map((s) => [s.pipelineExecutionId, s.executionType])).toEqual([
        [next, 'STANDARD'],
        [first, 'STANDARD'],
      ]);
    });
  });
});
