import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, TEST_ACCOUNT, type TestEmulator } from '../../helpers/emulator.js';
import { aws } from '../protocol/tiny/aws-cli.js';
import { modelSpeaking } from '../protocol/tiny/cli-models.js';

/** put-metric-alarm's arguments for a CPU alarm. */
const CPU_ALARM = ['--metric-name', 'CPUUtilization', '--namespace', 'AWS/EC2', '--statistic', 'Average', '--period', '300', '--evaluation-periods', '1', '--threshold', '70', '--comparison-operator', 'GreaterThanThreshold'];

describe('CloudWatch alarms through the aws CLI', () => {
  let env: TestEmulator;
  const modelsDir = mkdtempSync(join(tmpdir(), 'cpl-cw-cli-'));
  beforeAll(async () => {
    env = await startTestEmulator();
  });
  afterAll(async () => {
    await env?.close();
    rmSync(modelsDir, { recursive: true, force: true });
  });

  // The CLI (botocore) speaks the first protocol of its own priority list that the model offers: json for CloudWatch.
  describe('when it speaks its default protocol', () => {
    const cw = (...args: string[]) => aws(env.url, ['cloudwatch', ...args]);

    it('creates an alarm, flips it to ALARM and back, shows the history, and deletes it', async () => {
      const put = await cw('put-metric-alarm', '--alarm-name', 'cli-cpu', ...CPU_ALARM, '--tags', 'Key=team,Value=web');
      expect(put).toMatchObject({ code: 0, stdout: '' });
      const described = await cw('describe-alarms', '--alarm-names', 'cli-cpu');
      expect(described.json).toEqual({
        MetricAlarms: [
          expect.objectContaining({
            AlarmName: 'cli-cpu',
            AlarmArn: `arn:aws:cloudwatch:us-east-1:${TEST_ACCOUNT}:alarm:cli-cpu`,
            StateValue: 'INSUFFICIENT_DATA',
            StateReason: 'Unchecked: Initial alarm creation',
            Threshold: 70,
            Period: 300,
            Dimensions: [],
          }),
        ],
        CompositeAlarms: [],
      });
      expect((await cw('set-alarm-state', '--alarm-name', 'cli-cpu', '--state-value', 'ALARM', '--state-reason', 'by hand', '--state-reason-data', '{"by":"cli"}')).code).toBe(0);
      const alarming = await cw('describe-alarms', '--state-value', 'ALARM', '--query', 'MetricAlarms[].[AlarmName,StateReason,StateReasonData]');
      expect(alarming.json).toEqual([['cli-cpu', 'by hand', '{"by":"cli"}']]);
      expect((await cw('set-alarm-state', '--alarm-name', 'cli-cpu', '--state-value', 'OK', '--state-reason', 'recovered')).code).toBe(0);
      const history = await cw('describe-alarm-history', '--alarm-name', 'cli-cpu', '--history-item-type', 'StateUpdate', '--query', 'AlarmHistoryItems[].HistorySummary');
      expect(history.json).toEqual(['Alarm updated from ALARM to OK', 'Alarm updated from INSUFFICIENT_DATA to ALARM']);
      const tags = await cw('list-tags-for-resource', '--resource-arn', `arn:aws:cloudwatch:us-east-1:${TEST_ACCOUNT}:alarm:cli-cpu`);
      expect(tags.json).toEqual({ Tags: [{ Key: 'team', Value: 'web' }] });
      expect(await cw('delete-alarms', '--alarm-names', 'cli-cpu')).toMatchObject({ code: 0 });
      expect((await cw('describe-alarms', '--alarm-names', 'cli-cpu')).json).toEqual({ MetricAlarms: [], CompositeAlarms: [] });
    });

    it('prints the error codes and messages CloudWatch answers with', async () => {
      const missing = await cw('set-alarm-state', '--alarm-name', 'cli-missing', '--state-value', 'ALARM', '--state-reason', 'x');
      expect(missing.code).not.toBe(0);
      expect(missing.stderr).toContain('An error occurred (ResourceNotFound) when calling the SetAlarmState operation: Alarm cli-missing not found');
      const deleted = await cw('delete-alarms', '--alarm-names', 'cli-missing');
      expect(deleted.stderr).toContain('An error occurred (ResourceNotFound) when calling the DeleteAlarms operation: 1/1 alarms not found: [cli-missing]');
      const invalid = await cw('put-metric-alarm', '--alarm-name', 'cli-bad', ...CPU_ALARM, '--datapoints-to-alarm', '3');
      expect(invalid.stderr).toContain('An error occurred (ValidationError) when calling the PutMetricAlarm operation: DatapointsToAlarm must be less than or equal to EvaluationPeriods');
      const state = await cw('set-alarm-state', '--alarm-name', 'cli-missing', '--state-value', 'MAYBE', '--state-reason', 'x');
      expect(state.stderr).toMatch(/An error occurred \(ValidationError\) when calling the SetAlarmState operation: 1 validation error detected: Value at 'StateValue' failed to satisfy constraint: Member must satisfy enum value set/);
      await cw('put-metric-alarm', '--alarm-name', 'cli-format', ...CPU_ALARM);
      const format = await cw('set-alarm-state', '--alarm-name', 'cli-format', '--state-value', 'OK', '--state-reason', 'x', '--state-reason-data', 'not json');
      expect(format.stderr).toContain('An error occurred (InvalidFormat) when calling the SetAlarmState operation');
      const combined = await cw('describe-alarms', '--alarm-names', 'a', '--alarm-name-prefix', 'a');
      expect(combined.stderr).toContain('An error occurred (InvalidParameterCombination) when calling the DescribeAlarms operation');
    });
  });

  // Older clients speak query; Smithy's newer ones rpc-v2-cbor: a copy of the model offering only one makes the CLI speak it.
  describe.each(['query', 'smithy-rpc-v2-cbor'] as const)('when it speaks %s', (protocol) => {
    const cw = (...args: string[]) => aws(env.url, ['cloudwatch', ...args], { AWS_DATA_PATH: modelSpeaking(modelsDir, 'cloudwatch', '2010-08-01', protocol) });
    const name = `cli-${protocol}`;

    it('creates an alarm, sets its state, reads it back, and deletes it', async () => {
      expect(await cw('put-metric-alarm', '--alarm-name', name, ...CPU_ALARM, '--alarm-actions', 'arn:aws:sns:us-east-1:000000000000:ops')).toMatchObject({ code: 0 });
      expect((await cw('set-alarm-state', '--alarm-name', name, '--state-value', 'ALARM', '--state-reason', 'flipped')).code).toBe(0);
      const described = await cw('describe-alarms', '--alarm-name-prefix', name);
      expect(described.json?.MetricAlarms).toEqual([
        expect.objectContaining({ AlarmName: name, StateValue: 'ALARM', StateReason: 'flipped', AlarmActions: ['arn:aws:sns:us-east-1:000000000000:ops'], ActionsEnabled: true, Threshold: 70 }),
      ]);
      expect(await cw('delete-alarms', '--alarm-names', name)).toMatchObject({ code: 0 });
    });

    it('prints ResourceNotFound for an alarm that does not exist', async () => {
      const missing = await cw('set-alarm-state', '--alarm-name', `${name}-missing`, '--state-value', 'OK', '--state-reason', 'x');
      expect(missing.stderr).toContain(`An error occurred (ResourceNotFound) when calling the SetAlarmState operation: Alarm ${name}-missing not found`);
    });
  });
});
