import {
  CreatePipelineCommand,
  GetPipelineExecutionCommand,
  GetPipelineStateCommand,
  ListPipelineExecutionsCommand,
  StartPipelineExecutionCommand,
} from '@aws-sdk/client-codepipeline';
import { describe, expect, it } from 'vitest';
import { useTestEmulator } from '../../../helpers/emulator.js';
import { errorOf } from '../../../helpers/errors.js';
import { executionProbes } from '../../../helpers/execution-probes.js';
import { localPipeline, testAction } from '../../../helpers/local-pipelines.js';
import { uniqueName } from '../../../helpers/pipelines.js';
import { localTestProviders } from '../../../helpers/test-provider.js';
import { waitForExecutionEnd } from '../../../helpers/wait.js';

const UNRESOLVED = 'An action in this pipeline failed because one or more variables could not be resolved: Action name=';

describe('pipeline executions: variables', () => {
  const emulator = useTestEmulator({}, { overrides: { providers: localTestProviders() } });
  const probe = executionProbes(() => emulator.client);

  describe('when an action refers to #{codepipeline.PipelineExecutionId}', () => {
    it('resolves it to the id of the running execution, keeping the raw configuration', async () => {
      const name = uniqueName('vars');
      const raw = 'run #{codepipeline.PipelineExecutionId}';
      const id = await probe.create(localPipeline(name, [{ name: 'Build', actions: [testAction('Build', 'Build', { Summary: raw })] }]));
      expect((await waitForExecutionEnd(emulator.client, name, id)).status).toBe('Succeeded');
      const { Build } = await probe.actionsByName(name, id);
      expect(Build.input?.configuration).toEqual({ Summary: raw });
      expect(Build.input?.resolvedConfiguration).toEqual({ Summary: `run ${id}` });
      expect(Build.output?.executionResult?.externalExecutionSummary).toBe(`run ${id}`);
    });
  });

  describe('when an action refers to a pipeline-level variable', () => {
    const withVariable = (name: string) =>
      localPipeline(name, [{ name: 'Deploy', actions: [testAction('Deploy', 'Deploy', { Summary: 'to #{variables.Env}' })] }], {
        variables: [{ name: 'Env', defaultValue: 'dev', description: 'target environment' }],
      });

    it('uses the default value when the execution does not set it', async () => {
      const name = uniqueName('vars');
      const id = await probe.create(withVariable(name));
      expect((await waitForExecutionEnd(emulator.client, name, id)).status).toBe('Succeeded');
      const { Deploy } = await probe.actionsByName(name, id);
      expect(Deploy.input?.configuration).toEqual({ Summary: 'to #{variables.Env}' });
      expect(Deploy.input?.resolvedConfiguration).toEqual({ Summary: 'to dev' });
    });

    it('uses the value given to StartPipelineExecution', async () => {
      const name = uniqueName('vars');
      await waitForExecutionEnd(emulator.client, name, await probe.create(withVariable(name)));
      const { pipelineExecutionId } = await emulator.client.send(new StartPipelineExecutionCommand({ name, variables: [{ name: 'Env', value: 'prod' }] }));
      expect((await waitForExecutionEnd(emulator.client, name, pipelineExecutionId!)).status).toBe('Succeeded');
      const { Deploy } = await probe.actionsByName(name, pipelineExecutionId!);
      expect(Deploy.input?.resolvedConfiguration).toEqual({ Summary: 'to prod' });
    });

    it('shows the resolved values in GetPipelineExecution as name and resolvedValue', async () => {
      const name = uniqueName('vars');
      const first = await probe.create(withVariable(name));
      await waitForExecutionEnd(emulator.client, name, first);
      const { pipelineExecutionId } = await emulator.client.send(new StartPipelineExecutionCommand({ name, variables: [{ name: 'Env', value: 'prod' }] }));
      await waitForExecutionEnd(emulator.client, name, pipelineExecutionId!);
      const get = (id: string) => emulator.client.send(new GetPipelineExecutionCommand({ pipelineName: name, pipelineExecutionId: id }));
      expect((await get(first)).pipelineExecution?.variables).toEqual([{ name: 'Env', resolvedValue: 'dev' }]);
      expect((await get(pipelineExecutionId!)).pipelineExecution?.variables).toEqual([{ name: 'Env', resolvedValue: 'prod' }]);
    });

    it('refuses to start an execution with a variable the pipeline does not declare', async () => {
      const name = uniqueName('vars');
      await waitForExecutionEnd(emulator.client, name, await probe.create(withVariable(name)));
      const error = await errorOf(emulator.client.send(new StartPipelineExecutionCommand({ name, variables: [{ name: 'Region', value: 'eu-west-1' }] })));
      expect(error).toMatchObject({ name: 'ValidationException', status: 400 });
      const listed = await emulator.client.send(new ListPipelineExecutionsCommand({ pipelineName: name }));
      expect(listed.pipelineExecutionSummaries).toHaveLength(1);
    });
  });

  describe('when a pipeline variable has no default value', () => {
    const noDefault = (name: string) =>
      localPipeline(name, [{ name: 'Deploy', actions: [testAction('Deploy', 'Deploy', { Summary: 'to #{variables.Env}' })] }], { variables: [{ name: 'Env' }] });

    it('still creates the pipeline, as defaultValue is optional', async () => {
      const name = uniqueName('vars');
      const out = await emulator.client.send(new CreatePipelineCommand({ pipeline: noDefault(name) }));
      expect(out.pipeline?.variables).toEqual([{ name: 'Env' }]);
    });

    it('resolves the value given to StartPipelineExecution', async () => {
      const name = uniqueName('vars');
      await emulator.client.send(new CreatePipelineCommand({ pipeline: noDefault(name) }));
      const { pipelineExecutionId } = await emulator.client.send(new StartPipelineExecutionCommand({ name, variables: [{ name: 'Env', value: 'qa' }] }));
      expect((await waitForExecutionEnd(emulator.client, name, pipelineExecutionId!)).status).toBe('Succeeded');
      const { Deploy } = await probe.actionsByName(name, pipelineExecutionId!);
      expect(Deploy.input?.resolvedConfiguration).toEqual({ Summary: 'to qa' });
    });
  });

  describe('when an action refers to output variables of an earlier action', () => {
    const chain = (name: string) =>
      localPipeline(
        name,
        [
          {
            name: 'Build',
            actions: [
              testAction('Build', 'Build', { OutputVariables: JSON.stringify({ ImageTag: 'img-#{SourceVariables.CommitId}' }) }, { namespace: 'BuildVariables', runOrder: 1 }),
              testAction('Scan', 'Test', { Summary: 'scanned #{BuildVariables.ImageTag}' }, { runOrder: 2 }),
            ],
          },
          { name: 'Deploy', actions: [testAction('Deploy', 'Deploy', { Summary: 'deployed #{BuildVariables.ImageTag} of #{SourceVariables.CommitId}' })] },
        ],
        {},
        { OutputVariables: JSON.stringify({ CommitId: 'abc1234' }) },
      );

    it('reports each action output variables in ListActionExecutions', async () => {
      const name = uniqueName('vars');
      const id = await probe.create(chain(name));
      expect((await waitForExecutionEnd(emulator.client, name, id)).status).toBe('Succeeded');
      const { Source, Build, Scan } = await probe.actionsByName(name, id);
      expect(Source.output?.outputVariables).toEqual({ CommitId: 'abc1234' });
      expect(Source.input?.namespace).toBe('SourceVariables');
      expect(Build.output?.outputVariables).toEqual({ ImageTag: 'img-abc1234' });
      expect(Build.input?.namespace).toBe('BuildVariables');
      expect(Scan.output?.outputVariables ?? {}).toEqual({});
    });

    it('resolves references to an earlier stage and to a lower runOrder of the same stage', async () => {
      const name = uniqueName('vars');
      const id = await probe.create(chain(name));
      expect((await waitForExecutionEnd(emulator.client, name, id)).status).toBe('Succeeded');
      const { Build, Scan, Deploy } = await probe.actionsByName(name, id);
      expect(Build.input?.configuration).toEqual({ OutputVariables: '{"ImageTag":"img-#{SourceVariables.CommitId}"}' });
      expect(Build.input?.resolvedConfiguration).toEqual({ OutputVariables: '{"ImageTag":"img-abc1234"}' });
      expect(Scan.input?.resolvedConfiguration).toEqual({ Summary: 'scanned img-abc1234' });
      expect(Deploy.input?.configuration).toEqual({ Summary: 'deployed #{BuildVariables.ImageTag} of #{SourceVariables.CommitId}' });
      expect(Deploy.input?.resolvedConfiguration).toEqual({ Summary: 'deployed img-abc1234 of abc1234' });
    });
  });

  describe('when a reference cannot be resolved', () => {
    const broken = (name: string) =>
      localPipeline(name, [
        { name: 'Build', actions: [testAction('Build', 'Build', { Summary: 'commit #{SourceVariables.NoSuchKey}' })] },
        { name: 'Deploy', actions: [testAction('Deploy', 'Deploy')] },
      ]);

    it('fails the action with the message AWS gives', async () => {
      const name = uniqueName('vars');
      const id = await probe.create(broken(name));
      expect((await waitForExecutionEnd(emulator.client, name, id)).status).toBe('Failed');
      const { Build } = await probe.actionsByName(name, id);
      expect(Build.status).toBe('Failed');
      expect(Build.output?.executionResult?.errorDetails?.message).toBe(`${UNRESOLVED}Build`);
      const state = await emulator.client.send(new GetPipelineStateCommand({ name }));
      const build = state.stageStates!.find((s) => s.stageName === 'Build')!;
      expect(build.latestExecution?.status).toBe('Failed');
      expect(build.actionStates![0].latestExecution?.errorDetails?.message).toBe(`${UNRESOLVED}Build`);
    });

    it('treats namespaces and variable names as case sensitive', async () => {
      const name = uniqueName('vars');
      const pipeline = localPipeline(name, [{ name: 'Build', actions: [testAction('Build', 'Build', { Summary: '#{sourcevariables.CommitId}' })] }], {}, {
        OutputVariables: JSON.stringify({ CommitId: 'abc1234' }),
      });
      const id = await probe.create(pipeline);
      expect((await waitForExecutionEnd(emulator.client, name, id)).status).toBe('Failed');
      expect((await probe.actionsByName(name, id)).Build.output?.executionResult?.errorDetails?.message).toBe(`${UNRESOLVED}Build`);
    });

    it('does not run the action nor anything after it', async () => {
      const name = uniqueName('vars');
      const id = await probe.create(broken(name));
      await waitForExecutionEnd(emulator.client, name, id);
      const actions = await probe.actionsByName(name, id);
      expect(Object.keys(actions).sort()).toEqual(['Build', 'Source']);
      // The provider never got the job: it would have reported an external execution id at once.
      expect(actions.Build.output?.executionResult?.externalExecutionId).toBeUndefined();
      const state = await emulator.client.send(new GetPipelineStateCommand({ name }));
      expect(state.stageStates!.find((s) => s.stageName === 'Deploy')!.latestExecution).toBeUndefined();
    });
  });
});
