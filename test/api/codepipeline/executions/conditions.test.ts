import { GetPipelineExecutionCommand, ListPipelineExecutionsCommand, ListRuleExecutionsCommand, StartPipelineExecutionCommand, type StageState } from '@aws-sdk/client-codepipeline';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../src/shared/index.js';
import { useTestEmulator } from '../../../helpers/emulator.js';
import { executionProbes } from '../../../helpers/execution-probes.js';
import { entry, gatedPipeline, rule, variableCheck } from '../../../helpers/condition-pipelines.js';
import { uniqueName } from '../../../helpers/pipelines.js';
import { localTestProviders } from '../../../helpers/test-provider.js';
import { waitFor } from '../../../helpers/wait.js';
import { aws } from '../../protocol/tiny/aws-cli.js';

// Monday 7 December 2026, 08:00 UTC: outside a 09:00-17:59 weekday window.
const MONDAY_8AM = Date.parse('2026-12-07T08:00:00Z');
const WORKING_HOURS = '* * 9-17 ? * MON-FRI *';

describe('stage conditions', () => {
  const clock = new ManualClock(MONDAY_8AM);
  const emulator = useTestEmulator({}, { overrides: { providers: localTestProviders(), clock, timers: clock } });
  const probe = executionProbes(() => emulator.client);

  async function stageState(name: string, stageName = 'Deploy'): Promise<StageState> {
    return probe.stage(name, stageName);
  }

  async function start(name: string, variables: Record<string, string>): Promise<string> {
    const out = await emulator.client.send(new StartPipelineExecutionCommand({ name, variables: Object.entries(variables).map(([n, value]) => ({ name: n, value })) }));
    return out.pipelineExecutionId!;
  }

  describe('when a beforeEntry VariableCheck fails with result FAIL', () => {
    it('fails the stage without running its actions, and GetPipelineState shows the failed condition and rule', async () => {
      const name = uniqueName('entry-fail');
      const id = await probe.create(gatedPipeline(name, entry({ result: 'FAIL', rules: [variableCheck('IsV2', '#{variables.Release}', 'EQ', 'v2')] })));
      await probe.untilStatus(name, id, 'Failed');
      const stage = await stageState(name);
      expect(stage.latestExecution).toMatchObject({ pipelineExecutionId: id, status: 'Failed' });
      expect(stage.actionStates![0].latestExecution).toBeUndefined();
      expect(stage.beforeEntryConditionState?.latestExecution).toEqual({ status: 'Failed', summary: 'Rule IsV2 failed: VariableCheck failed: "v1" EQ "v2"' });
      const rules = stage.beforeEntryConditionState!.conditionStates![0].ruleStates!;
      expect(rules).toHaveLength(1);
      expect(rules[0]).toMatchObject({ ruleName: 'IsV2', latestExecution: { status: 'Failed', summary: 'VariableCheck failed: "v1" EQ "v2"' } });
      expect(rules[0].latestExecution!.lastStatusChange).toBeInstanceOf(Date);
      const { pipelineExecution } = await emulator.client.send(new GetPipelineExecutionCommand({ pipelineName: name, pipelineExecutionId: id }));
      expect(pipelineExecution?.statusSummary).toBe('Rule IsV2 failed: VariableCheck failed: "v1" EQ "v2"');
      expect((await stageState(name, 'After')).latestExecution).toBeUndefined();
    });
  });

  describe('when a beforeEntry VariableCheck passes', () => {
    it('enters the stage, and the condition and its rule show Succeeded with the resolved configuration in ListRuleExecutions', async () => {
      const name = uniqueName('entry-pass');
      const first = await probe.create(gatedPipeline(name, entry({ result: 'FAIL', rules: [variableCheck('IsV2', '#{variables.Release}', 'EQ', 'v2')] })));
      await probe.untilStatus(name, first, 'Failed');
      const id = await start(name, { Release: 'v2' });
      await probe.untilStatus(name, id, 'Succeeded');
      const stage = await stageState(name);
      expect(stage.beforeEntryConditionState?.latestExecution).toEqual({ status: 'Succeeded', summary: 'All rules of the condition succeeded' });
      expect(stage.beforeEntryConditionState!.conditionStates![0].ruleStates![0].latestExecution).toMatchObject({ status: 'Succeeded' });
      const { ruleExecutionDetails } = await emulator.client.send(new ListRuleExecutionsCommand({ pipelineName: name, filter: { pipelineExecutionId: id } }));
      expect(ruleExecutionDetails).toHaveLength(1);
      expect(ruleExecutionDetails![0]).toMatchObject({
        pipelineExecutionId: id,
        pipelineVersion: 1,
        stageName: 'Deploy',
        ruleName: 'IsV2',
        status: 'Succeeded',
        input: {
          ruleTypeId: { category: 'Rule', owner: 'AWS', provider: 'VariableCheck', version: '1' },
          configuration: { Variable: '#{variables.Release}', Operator: 'EQ', Value: 'v2' },
          resolvedConfiguration: { Variable: 'v2', Operator: 'EQ', Value: 'v2' },
          region: 'us-east-1',
          inputArtifacts: [],
        },
        output: { executionResult: { externalExecutionSummary: 'VariableCheck passed: "v2" EQ "v2"' } },
      });
      expect(ruleExecutionDetails![0].startTime).toBeInstanceOf(Date);
    });
  });

  describe('when a beforeEntry condition with result SKIP is not met', () => {
    it('skips the stage and goes on to the next one', async () => {
      const name = uniqueName('entry-skip');
      const id = await probe.create(gatedPipeline(name, entry({ result: 'SKIP', rules: [variableCheck('IsV2', '#{variables.Release}', 'EQ', 'v2')] })));
      await probe.untilStatus(name, id, 'Succeeded');
      const stage = await stageState(name);
      expect(stage.latestExecution).toMatchObject({ pipelineExecutionId: id, status: 'Skipped' });
      expect(stage.actionStates![0].latestExecution).toBeUndefined();
      expect(stage.beforeEntryConditionState?.latestExecution?.status).toBe('Failed');
      expect((await stageState(name, 'After')).latestExecution).toMatchObject({ pipelineExecutionId: id, status: 'Succeeded' });
      const cli = await aws(emulator.env.url, ['codepipeline', 'get-pipeline-state', '--name', name, '--query', 'stageStates[?stageName==`Deploy`] | [0]']);
      expect(cli.code, cli.stderr).toBe(0);
      expect(cli.json.latestExecution.status).toBe('Skipped');
      expect(cli.json.beforeEntryConditionState.conditionStates[0].ruleStates[0]).toMatchObject({ ruleName: 'IsV2', latestExecution: { status: 'Failed' } });
    });
  });

  describe('when an onSuccess condition with result FAIL is not met', () => {
    it('fails the stage after its actions succeeded, reading their output variables', async () => {
      const name = uniqueName('exit-fail');
      const onSuccess = { conditions: [{ result: 'FAIL' as const, rules: [variableCheck('Healthy', '#{DeployVariables.health}', 'EQ', 'ok')] }] };
      const first = await probe.create(gatedPipeline(name, { onSuccess }));
      await probe.untilStatus(name, first, 'Succeeded');
      const id = await start(name, { Health: 'degraded' });
      await probe.untilStatus(name, id, 'Failed');
      const stage = await stageState(name);
      expect(stage.latestExecution).toMatchObject({ pipelineExecutionId: id, status: 'Failed' });
      expect(stage.actionStates![0].latestExecution).toMatchObject({ status: 'Succeeded' });
      expect(stage.onSuccessConditionState?.latestExecution).toEqual({ status: 'Failed', summary: 'Rule Healthy failed: VariableCheck failed: "degraded" EQ "ok"' });
      expect((await stageState(name, 'After')).latestExecution?.pipelineExecutionId).toBe(first);
    });
  });

  describe('when an onSuccess condition with result ROLLBACK is not met', () => {
    it('fails the execution and rolls the stage back to the last execution that succeeded in it', async () => {
      const name = uniqueName('exit-rollback');
      const onSuccess = { conditions: [{ result: 'ROLLBACK' as const, rules: [variableCheck('Healthy', '#{DeployVariables.health}', 'EQ', 'ok')] }] };
      const first = await probe.create(gatedPipeline(name, { onSuccess }));
      await probe.untilStatus(name, first, 'Succeeded');
      const id = await start(name, { Health: 'degraded', Release: 'v2' });
      await probe.untilStatus(name, id, 'Failed');
      const rollback = await waitFor(async () => (await emulator.client.send(new ListPipelineExecutionsCommand({ pipelineName: name }))).pipelineExecutionSummaries!.find((s) => s.executionType === 'ROLLBACK'));
      expect(rollback).toMatchObject({ trigger: { triggerType: 'AutomatedRollback', triggerDetail: id }, rollbackMetadata: { rollbackTargetPipelineExecutionId: first } });
      await probe.untilStatus(name, rollback!.pipelineExecutionId!, 'Succeeded');
      expect((await stageState(name)).latestExecution).toMatchObject({ pipelineExecutionId: rollback!.pipelineExecutionId, status: 'Succeeded', type: 'ROLLBACK' });
    });
  });

  describe('when a DeploymentWindow rule is evaluated outside its window', () => {
    it('keeps the condition in progress until the window opens, then enters the stage', async () => {
      const name = uniqueName('window');
      const id = await probe.create(gatedPipeline(name, entry({ result: 'FAIL', rules: [rule('Hours', 'DeploymentWindow', { Cron: WORKING_HOURS })] })));
      const waiting = await waitFor(() => stageState(name), { description: 'the window rule waiting' }, (s) => s.beforeEntryConditionState?.conditionStates?.[0]?.ruleStates?.[0]?.latestExecution?.summary?.startsWith('Waiting') === true);
      expect(waiting.latestExecution).toMatchObject({ pipelineExecutionId: id, status: 'InProgress' });
      expect(waiting.beforeEntryConditionState?.latestExecution?.status).toBe('InProgress');
      expect(waiting.beforeEntryConditionState!.conditionStates![0].ruleStates![0].latestExecution).toMatchObject({
        status: 'InProgress',
        summary: `Waiting for the deployment window (${WORKING_HOURS}, UTC) to open at 2026-12-07T09:00:00.000Z`,
      });
      expect(waiting.actionStates![0].latestExecution).toBeUndefined();
      clock.advance(60 * 60 * 1000);
      await probe.untilStatus(name, id, 'Succeeded');
      const stage = await stageState(name);
      expect(stage.beforeEntryConditionState?.latestExecution?.status).toBe('Succeeded');
      expect(stage.beforeEntryConditionState!.conditionStates![0].ruleStates![0].latestExecution?.summary).toBe(`The current time is within the deployment window (${WORKING_HOURS}, UTC)`);
    });

    it('passes at once inside the window, in the window’s time zone', async () => {
      // Paris is an hour ahead of UTC in December: the window is the current hour there, an hour later in UTC.
      const parisHour = (new Date(clock.now()).getUTCHours() + 1) % 24;
      const name = uniqueName('window-in');
      const rules = [rule('Paris', 'DeploymentWindow', { Cron: `* * ${parisHour} ? * * *`, TimeZone: 'Europe/Paris' })];
      const id = await probe.create(gatedPipeline(name, entry({ result: 'FAIL', rules })));
      await probe.untilStatus(name, id, 'Succeeded');
    });
  });
});
