import { GetPipelineStateCommand, ListPipelineExecutionsCommand, type ActionExecutionDetail } from '@aws-sdk/client-codepipeline';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDataDir, useTestEmulator } from '../../../helpers/emulator.js';
import { executionProbes } from '../../../helpers/execution-probes.js';
import { localPipeline, testAction } from '../../../helpers/local-pipelines.js';
import { uniqueName } from '../../../helpers/pipelines.js';
import { localTestProviders, zipEntries } from '../../../helpers/test-provider.js';
import { waitFor, waitForExecutionEnd } from '../../../helpers/wait.js';

describe('pipeline executions: runOrder, failures and artifacts', () => {
  const emulator = useTestEmulator({}, { overrides: { providers: localTestProviders() } });
  const probe = executionProbes(() => emulator.client);

  const start = (d: ActionExecutionDetail) => d.startTime!.getTime();
  const end = (d: ActionExecutionDetail) => d.lastUpdateTime!.getTime();

  describe('when a stage has actions with the same and with different runOrders', () => {
    const stages = [
      {
        name: 'Build',
        actions: [
          testAction('A', 'Build', { Sleep: '300' }, { runOrder: 1 }),
          testAction('B', 'Build', { Sleep: '300' }, { runOrder: 1 }),
          testAction('C', 'Build', { Sleep: '100' }, { runOrder: 3 }),
          testAction('D', 'Build', { Sleep: '50' }, { runOrder: 10 }),
        ],
      },
    ];

    it('runs actions of the same runOrder in parallel, with overlapping times', async () => {
      const name = uniqueName('order');
      const id = await probe.create(localPipeline(name, stages));
      expect((await waitForExecutionEnd(emulator.client, name, id)).status).toBe('Succeeded');
      const { A, B } = await probe.actionsByName(name, id);
      expect([A.status, B.status]).toEqual(['Succeeded', 'Succeeded']);
      // Both were InProgress at the same time: each started before the other ended (one after the other, B would start at or after A's end).
      expect(start(A)).toBeLessThan(end(B));
      expect(start(B)).toBeLessThan(end(A));
    });

    it('runs the runOrder groups one after another in ascending order, gaps allowed', async () => {
      const name = uniqueName('order');
      const id = await probe.create(localPipeline(name, stages));
      expect((await waitForExecutionEnd(emulator.client, name, id)).status).toBe('Succeeded');
      const { Source, A, B, C, D } = await probe.actionsByName(name, id);
      expect(start(A)).toBeGreaterThanOrEqual(end(Source));
      expect(start(B)).toBeGreaterThanOrEqual(end(Source));
      expect(start(C)).toBeGreaterThanOrEqual(Math.max(end(A), end(B)));
      expect(start(D)).toBeGreaterThanOrEqual(end(C));
      expect([C.status, D.status]).toEqual(['Succeeded', 'Succeeded']);
    });
  });

  describe('when an action fails while a sibling of its runOrder group is still running', () => {
    const failing = (name: string, slow: Record<string, string> = { Sleep: '1000' }) =>
      localPipeline(name, [
        {
          name: 'Build',
          actions: [
            testAction('Breaks', 'Build', { Outcome: 'Fail', Summary: 'compilation failed' }, { runOrder: 1 }),
            testAction('Slow', 'Build', slow, { runOrder: 1 }),
            testAction('Later', 'Build', {}, { runOrder: 2 }),
          ],
        },
        { name: 'Deploy', actions: [testAction('Ship', 'Deploy')] },
      ]);

    it('keeps the execution in progress until the sibling finishes', async () => {
      // Slow runs until the test makes the file: the state below is seen while it surely still runs.
      const release = join(freshDataDir(), 'release-slow');
      const name = uniqueName('fail');
      const id = await probe.create(failing(name, { WaitForFile: release }));
      await waitFor(async () => (await probe.actionsByName(name, id)).Breaks?.status === 'Failed');
      const state = await emulator.client.send(new GetPipelineStateCommand({ name }));
      const build = state.stageStates!.find((s) => s.stageName === 'Build')!;
      expect(build.latestExecution).toMatchObject({ pipelineExecutionId: id, status: 'InProgress' });
      expect(build.actionStates!.find((a) => a.actionName === 'Slow')!.latestExecution?.status).toBe('InProgress');
      expect(await probe.status(name, id)).toBe('InProgress');
      writeFileSync(release, '');
      expect((await waitForExecutionEnd(emulator.client, name, id)).status).toBe('Failed');
    });

    it('fails the stage and the execution only after the sibling succeeded', async () => {
      const name = uniqueName('fail');
      const id = await probe.create(failing(name));
      const execution = await waitForExecutionEnd(emulator.client, name, id);
      expect(execution.status).toBe('Failed');
      const { Breaks, Slow } = await probe.actionsByName(name, id);
      expect(Breaks.status).toBe('Failed');
      expect(Breaks.output?.executionResult?.errorDetails).toEqual({ code: 'JobFailed', message: 'compilation failed' });
      expect(Slow.status).toBe('Succeeded');
      const listed = await emulator.client.send(new ListPipelineExecutionsCommand({ pipelineName: name }));
      expect(listed.pipelineExecutionSummaries![0].lastUpdateTime!.getTime()).toBeGreaterThanOrEqual(end(Slow));
      const state = await emulator.client.send(new GetPipelineStateCommand({ name }));
      const build = state.stageStates!.find((s) => s.stageName === 'Build')!;
      expect(build.latestExecution).toMatchObject({ pipelineExecutionId: id, status: 'Failed' });
      expect(build.actionStates!.find((a) => a.actionName === 'Breaks')!.latestExecution).toMatchObject({
        status: 'Failed',
        errorDetails: { code: 'JobFailed', message: 'compilation failed' },
      });
    });

    it('never starts the later runOrder groups nor the later stages', async () => {
      const name = uniqueName('fail');
      const id = await probe.create(failing(name));
      await waitForExecutionEnd(emulator.client, name, id);
      expect(Object.keys(await probe.actionsByName(name, id)).sort()).toEqual(['Breaks', 'Slow', 'Source']);
      const state = await emulator.client.send(new GetPipelineStateCommand({ name }));
      const [, build, deploy] = state.stageStates!;
      expect(build.actionStates!.find((a) => a.actionName === 'Later')).toEqual({ actionName: 'Later' });
      expect(deploy.stageName).toBe('Deploy');
      expect(deploy.latestExecution).toBeUndefined();
      expect(deploy.actionStates).toEqual([{ actionName: 'Ship' }]);
    });
  });

  describe('when stages pass artifacts to each other', () => {
    const bucket = 'team-artifacts-bucket';
    const artifactPipeline = (name: string) =>
      localPipeline(
        name,
        [
          {
            name: 'Build',
            actions: [testAction('Build', 'Build', { Content: 'built' }, { inputArtifacts: [{ name: 'SourceArtifact' }], outputArtifacts: [{ name: 'BuildArtifact' }] })],
          },
          {
            name: 'Deploy',
            actions: [testAction('Deploy', 'Deploy', { Content: 'deployed' }, { inputArtifacts: [{ name: 'BuildArtifact' }], outputArtifacts: [{ name: 'DeployedArtifact' }] })],
          },
        ],
        { artifactStore: { type: 'S3', location: bucket } },
        { Content: 'the source' },
      );

    async function run(): Promise<{ name: string; actions: Record<string, ActionExecutionDetail> }> {
      const name = uniqueName('artifacts');
      const id = await probe.create(artifactPipeline(name));
      expect((await waitForExecutionEnd(emulator.client, name, id)).status).toBe('Succeeded');
      return { name, actions: await probe.actionsByName(name, id) };
    }

    const open = (location: { bucket?: string; key?: string } | undefined) => zipEntries(join(emulator.env.dataDir, 's3', location!.bucket!, location!.key!));

    it('gives a Build action the zip its Source produced and stores what the Build produced', async () => {
      const { actions } = await run();
      const sourceOut = actions.Source.output!.outputArtifacts!;
      expect(sourceOut.map((a) => a.name)).toEqual(['SourceArtifact']);
      expect(open(sourceOut[0].s3location)).toEqual({ 'Source-Source.txt': 'the source' });
      expect(actions.Build.input!.inputArtifacts).toEqual(sourceOut);
      const buildOut = actions.Build.output!.outputArtifacts!;
      expect(buildOut.map((a) => a.name)).toEqual(['BuildArtifact']);
      expect(open(buildOut[0].s3location)).toEqual({ 'Source-Source.txt': 'the source', 'Build-Build.txt': 'built' });
    });

    it('gives a later stage the artifact of an earlier stage with every file in it', async () => {
      const { actions } = await run();
      expect(actions.Deploy.input!.inputArtifacts).toEqual(actions.Build.output!.outputArtifacts);
      expect(open(actions.Deploy.input!.inputArtifacts![0].s3location)).toEqual({ 'Source-Source.txt': 'the source', 'Build-Build.txt': 'built' });
      // What the Deploy action itself received: its own output holds every file of its input.
      expect(open(actions.Deploy.output!.outputArtifacts![0].s3location)).toEqual({
        'Source-Source.txt': 'the source',
        'Build-Build.txt': 'built',
        'Deploy-Deploy.txt': 'deployed',
      });
    });

    it('echoes the artifact store location as the bucket of every input and output artifact', async () => {
      const { name, actions } = await run();
      const artifacts = Object.values(actions).flatMap((d) => [...(d.input?.inputArtifacts ?? []), ...(d.output?.outputArtifacts ?? [])]);
      expect(artifacts).toHaveLength(5);
      for (const a of artifacts) {
        expect(a.s3location?.bucket).toBe(bucket);
        // AWS's observed key form: <pipeline[:20]>/<artifact[:10]>/<7 alphanumerics>.
        expect(a.s3location?.key).toMatch(new RegExp(`^${name.slice(0, 20)}/${a.name!.slice(0, 10)}/[A-Za-z0-9]{7}$`));
      }
    });
  });
});
