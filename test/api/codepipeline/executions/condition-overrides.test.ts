import { GetPipelineExecutionCommand, ListPipelineExecutionsCommand, OverrideStageConditionCommand, StartPipelineExecutionCommand, StopPipelineExecutionCommand } from '@aws-sdk/client-codepipeline';
import { describe, expect, it } from 'vitest';
import type { AlarmState } from '../../../../src/engine/index.js';
import { ManualClock } from '../../../../src/shared/index.js';
import { entry, gatedPipeline, rule, variableCheck } from '../../../helpers/condition-pipelines.js';
import { useTestEmulator } from '../../../helpers/emulator.js';
import { errorOf } from '../../../helpers/errors.js';
import { executionProbes } from '../../../helpers/execution-probes.js';
import { uniqueName } from '../../../helpers/pipelines.js';
import { localTestProviders } from '../../../helpers/test-provider.js';
import { waitFor } from '../../../helpers/wait.js';
import { aws } from '../../protocol/tiny/aws-cli.js';

// Monday 7 December 2026, 08:00 UTC; the window below never opens on a Monday.
const MONDAY_8AM = Date.parse('2026-12-07T08:00:00Z');
const SUNDAYS = '* * * ? * SUN *';

describe('OverrideStageCondition, onFailure conditions and the CloudWatchAlarm and LambdaInvoke rules', () => {
  const clock = new ManualClock(MONDAY_8AM);
  const alarms = new Map<string, AlarmState>();
  const emulator = useTestEmulator({}, { overrides: { providers: localTestProviders(), clock, timers: clock, alarms: { stateOf: (_account, _region, name) => alarms.get(name) } } });
  const probe = executionProbes(() => emulator.client);

  function override(pipelineName: string, pipelineExecutionId: string, conditionType: 'BEFORE_ENTRY' | 'ON_SUCCESS', stageName = 'Deploy') {
    return emulator.client.send(new OverrideStageConditionCommand({ pipelineName, stageName, pipelineExecutionId, conditionType }));
  }

  async function ruleStatus(name: string, kind: 'beforeEntryConditionState' | 'onSuccessConditionState' | 'onFailureConditionState') {
    return (await probe.stage(name, 'Deploy'))[kind]?.conditionStates?.[0]?.ruleStates?.[0]?.latestExecution;
  }

  describe('when an entry condition is still being evaluated', () => {
    it('overrides it through the aws CLI: the condition shows Overridden, its rule Abandoned, and the stage runs', async () => {
      const name = uniqueName('override-wait');
      const id = await probe.create(gatedPipeline(name, entry({ result: 'FAIL', rules: [rule('Sundays', 'DeploymentWindow', { Cron: SUNDAYS })] })));
      await waitFor(() => ruleStatus(name, 'beforeEntryConditionState'), { description: 'the window rule waiting' }, (r) => r?.status === 'InProgress');
      const out = await aws(emulator.env.url, ['codepipeline', 'override-stage-condition', '--pipeline-name', name, '--stage-name', 'Deploy', '--pipeline-execution-id', id, '--condition-type', 'BEFORE_ENTRY']);
      expect(out.code, out.stderr).toBe(0);
      await probe.untilStatus(name, id, 'Succeeded');
      const stage = await probe.stage(name, 'Deploy');
      expect(stage.beforeEntryConditionState?.latestExecution?.status).toBe('Overridden');
      expect(stage.beforeEntryConditionState?.latestExecution?.summary).toMatch(/^Overridden by arn:aws:/);
      expect(stage.beforeEntryConditionState!.conditionStates![0].ruleStates![0].latestExecution?.status).toBe('Abandoned');
      expect(stage.actionStates![0].latestExecution?.status).toBe('Succeeded');
    });
  });

  describe('when the execution is stopped while a condition waits', () => {
    it('stops it at once: the condition and its rule are abandoned and the stage is Stopped', async () => {
      const name = uniqueName('stop-wait');
      const id = await probe.create(gatedPipeline(name, entry({ result: 'FAIL', rules: [rule('Sundays', 'DeploymentWindow', { Cron: SUNDAYS })] })));
      await waitFor(() => ruleStatus(name, 'beforeEntryConditionState'), { description: 'the window rule waiting' }, (r) => r?.status === 'InProgress');
      await emulator.client.send(new StopPipelineExecutionCommand({ pipelineName: name, pipelineExecutionId: id, reason: 'not today' }));
      await probe.untilStatus(name, id, 'Stopped');
      const stage = await probe.stage(name, 'Deploy');
      expect(stage.latestExecution?.status).toBe('Stopped');
      expect(stage.beforeEntryConditionState?.latestExecution?.status).toBe('Abandoned');
      expect(stage.beforeEntryConditionState!.conditionStates![0].ruleStates![0].latestExecution?.status).toBe('Abandoned');
      expect((await errorOf(override(name, id, 'BEFORE_ENTRY'))).name).toBe('ConditionNotOverridableException');
    });
  });

  describe('when an entry condition with result FAIL failed the execution', () => {
    it('resumes the execution into the stage without evaluating the condition again', async () => {
      const name = uniqueName('override-failed');
      const id = await probe.create(gatedPipeline(name, entry({ result: 'FAIL', rules: [variableCheck('IsV2', '#{variables.Release}', 'EQ', 'v2')] })));
      await probe.untilStatus(name, id, 'Failed');
      await override(name, id, 'BEFORE_ENTRY');
      await probe.untilStatus(name, id, 'Succeeded');
      const stage = await probe.stage(name, 'Deploy');
      expect(stage.beforeEntryConditionState?.latestExecution?.status).toBe('Overridden');
      expect(stage.actionStates![0].latestExecution?.status).toBe('Succeeded');
      expect((await probe.stage(name, 'After')).latestExecution).toMatchObject({ pipelineExecutionId: id, status: 'Succeeded' });
    });

    it('resumes after a failed onSuccess condition: the stage counts as succeeded and the next one runs', async () => {
      const name = uniqueName('override-exit');
      const onSuccess = { conditions: [{ result: 'FAIL' as const, rules: [variableCheck('Healthy', '#{DeployVariables.health}', 'EQ', 'ok')] }] };
      const id = await probe.create(gatedPipeline(name, { onSuccess }, { variables: [{ name: 'Release', defaultValue: 'v1' }, { name: 'Health', defaultValue: 'bad' }] }));
      await probe.untilStatus(name, id, 'Failed');
      await override(name, id, 'ON_SUCCESS');
      await probe.untilStatus(name, id, 'Succeeded');
      expect((await probe.stage(name, 'Deploy')).latestExecution?.status).toBe('Succeeded');
      expect((await probe.stage(name, 'After')).latestExecution).toMatchObject({ pipelineExecutionId: id, status: 'Succeeded' });
    });
  });

  describe('when the condition cannot be overridden', () => {
    it('refuses a condition that succeeded, one never evaluated, an unknown stage, and an execution a later one replaced', async () => {
      const name = uniqueName('override-refused');
      const id = await probe.create(gatedPipeline(name, entry({ result: 'FAIL', rules: [variableCheck('IsV1', '#{variables.Release}', 'EQ', 'v1')] })));
      await probe.untilStatus(name, id, 'Succeeded');
      const succeeded = await errorOf(override(name, id, 'BEFORE_ENTRY'));
      expect(succeeded).toMatchObject({ name: 'ConditionNotOverridableException', status: 400 });
      expect(succeeded.message).toContain('is Succeeded');
      expect((await errorOf(override(name, id, 'ON_SUCCESS'))).name).toBe('ConditionNotOverridableException');
      expect(await errorOf(override(name, id, 'BEFORE_ENTRY', 'Nowhere'))).toMatchObject({ name: 'StageNotFoundException', status: 400 });
      expect((await errorOf(override('no-such-pipeline', id, 'BEFORE_ENTRY'))).name).toBe('PipelineNotFoundException');

      const failed = (await emulator.client.send(new StartPipelineExecutionCommand({ name, variables: [{ name: 'Release', value: 'v3' }] }))).pipelineExecutionId!;
      await probe.untilStatus(name, failed, 'Failed');
      const later = (await emulator.client.send(new StartPipelineExecutionCommand({ name, variables: [{ name: 'Release', value: 'v4' }] }))).pipelineExecutionId!;
      await probe.untilStatus(name, later, 'Failed');
      expect((await errorOf(override(name, failed, 'BEFORE_ENTRY'))).name).toBe('NotLatestPipelineExecutionException');

      const cli = await aws(emulator.env.url, ['codepipeline', 'override-stage-condition', '--pipeline-name', name, '--stage-name', 'Deploy', '--pipeline-execution-id', id, '--condition-type', 'ON_FAILURE']);
      expect(cli.code).not.toBe(0);
      expect(cli.stderr).toContain('ValidationException');
    });
  });

  describe('when a stage with onFailure conditions fails', () => {
    it('rolls the stage back when the conditions are met, and only fails when they are not', async () => {
      const name = uniqueName('on-failure');
      const deploy = {
        onFailure: { result: 'ROLLBACK' as const, conditions: [{ rules: [variableCheck('Release', '#{variables.Release}', 'NE', 'hotfix')] }] },
      };
      const pipeline = gatedPipeline(name, deploy);
      pipeline.stages[1].actions = [{ ...pipeline.stages[1].actions[0], configuration: { ...pipeline.stages[1].actions[0].configuration, Outcome: '#{variables.Outcome}' } }];
      pipeline.variables!.push({ name: 'Outcome', defaultValue: 'Succeed' });
      const first = await probe.create(pipeline);
      await probe.untilStatus(name, first, 'Succeeded');
      const start = async (release: string) =>
        (await emulator.client.send(new StartPipelineExecutionCommand({ name, variables: [{ name: 'Release', value: release }, { name: 'Outcome', value: 'Fail' }] }))).pipelineExecutionId!;

      const rolled = await start('v2');
      await probe.untilStatus(name, rolled, 'Failed');
      const rollback = await waitFor(async () => {
        const { pipelineExecutionSummaries } = await emulator.client.send(new ListPipelineExecutionsCommand({ pipelineName: name }));
        return pipelineExecutionSummaries!.find((s) => s.executionType === 'ROLLBACK');
      }).then((found) => found!);
      expect(rollback.trigger).toMatchObject({ triggerType: 'AutomatedRollback' });
      expect(rollback.rollbackMetadata?.rollbackTargetPipelineExecutionId).toBe(first);
      expect((await probe.stage(name, 'Deploy')).onFailureConditionState?.latestExecution?.status).toBe('Succeeded');

      await probe.untilStatus(name, rollback.pipelineExecutionId!, 'Succeeded');
      const plain = await start('hotfix');
      await probe.untilStatus(name, plain, 'Failed');
      const state = await probe.stage(name, 'Deploy');
      expect(state.onFailureConditionState?.latestExecution?.status).toBe('Failed');
      const { pipelineExecutionSummaries } = await emulator.client.send(new ListPipelineExecutionsCommand({ pipelineName: name }));
      expect(pipelineExecutionSummaries!.filter((s) => s.executionType === 'ROLLBACK')).toHaveLength(1);
    });
  });

  describe('when met onFailure conditions ask for RETRY', () => {
    it('retries the stage once by itself, counted in autoStageRetryAttempt, then fails', async () => {
      const name = uniqueName('on-failure-retry');
      const onFailure = { result: 'RETRY' as const, retryConfiguration: { retryMode: 'ALL_ACTIONS' as const }, conditions: [{ rules: [variableCheck('Release', '#{variables.Release}', 'EQ', 'v1')] }] };
      const pipeline = gatedPipeline(name, { onFailure });
      pipeline.stages[1].actions[0].configuration!.Outcome = 'Fail';
      const id = await probe.create(pipeline);
      await probe.untilStatus(name, id, 'Failed');
      const stage = await probe.stage(name, 'Deploy');
      expect(stage.retryStageMetadata).toMatchObject({ autoStageRetryAttempt: 1, latestRetryTrigger: 'AutomatedStageRetry' });
      expect(stage.onFailureConditionState?.latestExecution?.status).toBe('Succeeded');
      expect((await probe.actionExecutions(name, id)).filter((a) => a.actionName === 'Deploy')).toHaveLength(2);
    });
  });

  describe('when a CloudWatchAlarm rule watches an alarm', () => {
    it('passes while the alarm is OK for its WaitTime, and fails once the alarm goes into ALARM', async () => {
      const name = uniqueName('alarm');
      alarms.set(`${name}-5xx`, 'OK');
      const onSuccess = { conditions: [{ result: 'FAIL' as const, rules: [rule('NoErrors', 'CloudWatchAlarm', { AlarmName: `${name}-5xx`, WaitTime: '1' })] }] };
      const id = await probe.create(gatedPipeline(name, { onSuccess }));
      await waitFor(() => ruleStatus(name, 'onSuccessConditionState'), { description: 'the alarm rule watching' }, (r) => r?.status === 'InProgress');
      clock.advance(60_000);
      await probe.untilStatus(name, id, 'Succeeded');
      expect((await ruleStatus(name, 'onSuccessConditionState'))).toMatchObject({ status: 'Succeeded', summary: `The CloudWatch alarm ${name}-5xx is in state OK` });

      const second = await probe.start(name);
      await waitFor(() => ruleStatus(name, 'onSuccessConditionState'), { description: 'the alarm rule watching again' }, (r) => r?.status === 'InProgress');
      alarms.set(`${name}-5xx`, 'ALARM');
      clock.advance(15_000);
      await probe.untilStatus(name, second, 'Failed');
      expect(await ruleStatus(name, 'onSuccessConditionState')).toMatchObject({ status: 'Failed', summary: `The CloudWatch alarm ${name}-5xx is in state ALARM` });
      const { pipelineExecution } = await emulator.client.send(new GetPipelineExecutionCommand({ pipelineName: name, pipelineExecutionId: second }));
      expect(pipelineExecution?.statusSummary).toBe(`Rule NoErrors failed: The CloudWatch alarm ${name}-5xx is in state ALARM`);
    });
  });

  describe('when a LambdaInvoke rule names a function that does not exist', () => {
    it('fails the rule, saying the function could not be found', async () => {
      const name = uniqueName('lambda');
      const id = await probe.create(gatedPipeline(name, entry({ result: 'FAIL', rules: [rule('Check', 'LambdaInvoke', { FunctionName: 'gate' })] })));
      await probe.untilStatus(name, id, 'Failed');
      const state = await ruleStatus(name, 'beforeEntryConditionState');
      expect(state?.status).toBe('Failed');
      expect(state?.errorDetails?.code).toBe('JobFailed');
      expect(state?.errorDetails?.message).toMatch(/^The Lambda function gate could not be invoked: The AWS Lambda function gate could not be found: /);
    });
  });
});
