import { CloudWatchClient, PutMetricAlarmCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import { entry, gatedPipeline, rule } from '../../../helpers/condition-pipelines.js';
import { useTestEmulator } from '../../../helpers/emulator.js';
import { executionProbes } from '../../../helpers/execution-probes.js';
import { uniqueName } from '../../../helpers/pipelines.js';
import { localTestProviders } from '../../../helpers/test-provider.js';

describe('a CloudWatchAlarm entry condition on an alarm made through the CloudWatch API', () => {
  const emulator = useTestEmulator({}, { overrides: { providers: localTestProviders() } });
  const probe = executionProbes(() => emulator.client);

  it('fails the stage while the alarm is in ALARM, and lets the next execution in once SetAlarmState says OK', async () => {
    const cloudwatch = emulator.env.client(CloudWatchClient);
    const alarmName = uniqueName('errors');
    await cloudwatch.send(
      new PutMetricAlarmCommand({ AlarmName: alarmName, Namespace: 'App', MetricName: 'Errors', Statistic: 'Sum', Period: 60, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' }),
    );
    await cloudwatch.send(new SetAlarmStateCommand({ AlarmName: alarmName, StateValue: 'ALARM', StateReason: 'simulated outage' }));

    const name = uniqueName('alarm-gate');
    const first = await probe.create(gatedPipeline(name, entry({ result: 'FAIL', rules: [rule('NoErrors', 'CloudWatchAlarm', { AlarmName: alarmName })] })));
    await probe.untilStatus(name, first, 'Failed');
    const failed = await probe.stage(name, 'Deploy');
    expect(failed.beforeEntryConditionState?.latestExecution?.status).toBe('Failed');
    expect(failed.beforeEntryConditionState!.conditionStates![0].ruleStates![0].latestExecution).toMatchObject({ status: 'Failed', summary: `The CloudWatch alarm ${alarmName} is in state ALARM` });
    expect(failed.actionStates![0].latestExecution).toBeUndefined();

    await cloudwatch.send(new SetAlarmStateCommand({ AlarmName: alarmName, StateValue: 'OK', StateReason: 'recovered' }));
    const second = await probe.start(name);
    await probe.untilStatus(name, second, 'Succeeded');
    const passed = await probe.stage(name, 'Deploy');
    expect(passed.beforeEntryConditionState!.conditionStates![0].ruleStates![0].latestExecution).toMatchObject({ status: 'Succeeded', summary: `The CloudWatch alarm ${alarmName} is in state OK` });
    expect(passed.actionStates![0].latestExecution?.status).toBe('Succeeded');
  });
});
