import {
  CloudWatchClient,
  DeleteAlarmsCommand,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  DisableAlarmActionsCommand,
  EnableAlarmActionsCommand,
  ListMetricsCommand,
  ListTagsForResourceCommand,
  PutMetricAlarmCommand,
  SetAlarmStateCommand,
  TagResourceCommand,
  UntagResourceCommand,
  type PutMetricAlarmCommandInput,
} from '@aws-sdk/client-cloudwatch';
import { AwsQueryProtocol, AwsSmithyRpcV2CborProtocol } from '@aws-sdk/core/protocols';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, TEST_ACCOUNT, type TestEmulator } from '../../helpers/emulator.js';
import { errorOf } from '../../helpers/errors.js';

/** Each protocol CloudWatch's model offers, as the JS SDK is told to speak it (json is its default), and how its calls look on the wire. */
const PROTOCOLS = [
  { name: 'smithy-rpc-v2-cbor', protocol: AwsSmithyRpcV2CborProtocol, wire: { path: '/service/GraniteServiceVersion20100801/operation/DescribeAlarms', type: 'application/cbor' } },
  { name: 'json', protocol: undefined, wire: { path: '/', type: 'application/x-amz-json-1.0' } },
  { name: 'query', protocol: AwsQueryProtocol, wire: { path: '/', type: 'application/x-www-form-urlencoded' } },
] as const;

/** A single-metric alarm over CPU above 70% for one five-minute period. */
function cpuAlarm(AlarmName: string, extra: Partial<PutMetricAlarmCommandInput> = {}): PutMetricAlarmCommandInput {
  return {
    AlarmName,
    MetricName: 'CPUUtilization',
    Namespace: 'AWS/EC2',
    Statistic: 'Average',
    Dimensions: [{ Name: 'InstanceId', Value: 'i-0123456789abcdef0' }],
    Period: 300,
    EvaluationPeriods: 1,
    Threshold: 70,
    ComparisonOperator: 'GreaterThanThreshold',
    ...extra,
  };
}

describe('CloudWatch alarms', () => {
  let env: TestEmulator;
  beforeAll(async () => {
    env = await startTestEmulator();
  });
  afterAll(async () => env?.close());

  describe.each(PROTOCOLS)('when the SDK speaks $name', ({ name, protocol, wire }) => {
    let cw: CloudWatchClient;
    const seen: { path: string; type?: string }[] = [];
    // Each protocol has its own names, so the three share one emulator without seeing each other's alarms.
    const alarm = (suffix: string) => `${name}-${suffix}`;
    const arn = (alarmName: string) => `arn:aws:cloudwatch:us-east-1:${TEST_ACCOUNT}:alarm:${alarmName}`;
    const describeOne = async (alarmName: string) => (await cw.send(new DescribeAlarmsCommand({ AlarmNames: [alarmName] }))).MetricAlarms?.[0];

    beforeAll(() => {
      cw = new CloudWatchClient({ endpoint: env.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1, ...(protocol ? { protocol } : {}) });
      cw.middlewareStack.add(
        (next) => async (args) => {
          const request = args.request as { path: string; headers: Record<string, string> };
          seen.push({ path: request.path, type: request.headers['content-type'] });
          return next(args);
        },
        { step: 'finalizeRequest' },
      );
    });
    afterAll(() => cw?.destroy());

    it('creates an alarm in INSUFFICIENT_DATA with its configuration, ARN and tags', async () => {
      await cw.send(new PutMetricAlarmCommand(cpuAlarm(alarm('cpu'), { AlarmDescription: 'CPU above 70%', AlarmActions: ['arn:aws:sns:us-east-1:000000000000:ops'], Tags: [{ Key: 'team', Value: 'web' }] })));
      const described = await describeOne(alarm('cpu'));
      expect(seen.at(-1)).toEqual({ path: wire.path, type: expect.stringContaining(wire.type) });
      expect(described).toEqual({
        AlarmName: alarm('cpu'),
        AlarmArn: arn(alarm('cpu')),
        AlarmDescription: 'CPU above 70%',
        AlarmConfigurationUpdatedTimestamp: expect.any(Date),
        ActionsEnabled: true,
        OKActions: [],
        AlarmActions: ['arn:aws:sns:us-east-1:000000000000:ops'],
        InsufficientDataActions: [],
        StateValue: 'INSUFFICIENT_DATA',
        StateReason: 'Unchecked: Initial alarm creation',
        StateUpdatedTimestamp: expect.any(Date),
        MetricName: 'CPUUtilization',
        Namespace: 'AWS/EC2',
        Statistic: 'Average',
        Dimensions: [{ Name: 'InstanceId', Value: 'i-0123456789abcdef0' }],
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: 70,
        ComparisonOperator: 'GreaterThanThreshold',
        StateTransitionedTimestamp: expect.any(Date),
      });
      expect((await cw.send(new ListTagsForResourceCommand({ ResourceARN: arn(alarm('cpu')) }))).Tags).toEqual([{ Key: 'team', Value: 'web' }]);
    });

    it('creates an alarm over a metric math expression with its Metrics', async () => {
      const Metrics = [
        { Id: 'errors', MetricStat: { Metric: { Namespace: 'App', MetricName: 'Errors', Dimensions: [{ Name: 'Stage', Value: 'prod' }] }, Period: 60, Stat: 'Sum' }, ReturnData: false },
        { Id: 'rate', Expression: 'errors / 60', Label: 'Errors per second', ReturnData: true },
      ];
      await cw.send(new PutMetricAlarmCommand({ AlarmName: alarm('math'), Metrics, EvaluationPeriods: 3, DatapointsToAlarm: 2, Threshold: 0.5, ComparisonOperator: 'GreaterThanOrEqualToThreshold', TreatMissingData: 'notBreaching' }));
      expect(await describeOne(alarm('math'))).toMatchObject({ Metrics, EvaluationPeriods: 3, DatapointsToAlarm: 2, Threshold: 0.5, TreatMissingData: 'notBreaching', Dimensions: [], StateValue: 'INSUFFICIENT_DATA' });
    });

    it('sets the state with its reason and reason data, and records the move in the history', async () => {
      await cw.send(new PutMetricAlarmCommand(cpuAlarm(alarm('flip'))));
      const created = await describeOne(alarm('flip'));
      await cw.send(new SetAlarmStateCommand({ AlarmName: alarm('flip'), StateValue: 'ALARM', StateReason: 'load test', StateReasonData: '{"source":"test"}' }));
      const flipped = await describeOne(alarm('flip'));
      expect(flipped).toMatchObject({ StateValue: 'ALARM', StateReason: 'load test', StateReasonData: '{"source":"test"}' });
      expect(flipped!.StateTransitionedTimestamp!.getTime()).toBeGreaterThanOrEqual(created!.StateTransitionedTimestamp!.getTime());
      const alarming = await cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: alarm(''), StateValue: 'ALARM' }));
      expect(alarming.MetricAlarms?.map((a) => a.AlarmName)).toEqual([alarm('flip')]);
      const updates = await cw.send(new DescribeAlarmHistoryCommand({ AlarmName: alarm('flip'), HistoryItemType: 'StateUpdate' }));
      expect(updates.AlarmHistoryItems).toEqual([
        {
          AlarmName: alarm('flip'),
          AlarmType: 'MetricAlarm',
          Timestamp: flipped!.StateUpdatedTimestamp,
          HistoryItemType: 'StateUpdate',
          HistorySummary: 'Alarm updated from INSUFFICIENT_DATA to ALARM',
          HistoryData: expect.any(String),
        },
      ]);
      expect(JSON.parse(updates.AlarmHistoryItems![0].HistoryData!)).toEqual({
        version: '1.0',
        oldState: { stateValue: 'INSUFFICIENT_DATA', stateReason: 'Unchecked: Initial alarm creation' },
        newState: { stateValue: 'ALARM', stateReason: 'load test', stateReasonData: { source: 'test' } },
      });
      const oldestFirst = await cw.send(new DescribeAlarmHistoryCommand({ AlarmName: alarm('flip'), ScanBy: 'TimestampAscending' }));
      expect(oldestFirst.AlarmHistoryItems?.map((i) => i.HistorySummary)).toEqual([`Alarm "${alarm('flip')}" created`, 'Alarm updated from INSUFFICIENT_DATA to ALARM']);
      const firstPage = await cw.send(new DescribeAlarmHistoryCommand({ AlarmName: alarm('flip'), MaxRecords: 1 }));
      expect(firstPage.AlarmHistoryItems?.map((i) => i.HistoryItemType)).toEqual(['StateUpdate']);
      const secondPage = await cw.send(new DescribeAlarmHistoryCommand({ AlarmName: alarm('flip'), MaxRecords: 1, NextToken: firstPage.NextToken }));
      expect(secondPage).toMatchObject({ AlarmHistoryItems: [{ HistoryItemType: 'ConfigurationUpdate' }] });
      expect(secondPage.NextToken).toBeUndefined();
    });

    it('keeps the state and tags when PutMetricAlarm replaces the configuration', async () => {
      await cw.send(new PutMetricAlarmCommand(cpuAlarm(alarm('update'), { Tags: [{ Key: 'v', Value: '1' }] })));
      await cw.send(new SetAlarmStateCommand({ AlarmName: alarm('update'), StateValue: 'OK', StateReason: 'fine' }));
      await cw.send(new PutMetricAlarmCommand(cpuAlarm(alarm('update'), { Threshold: 90, Tags: [{ Key: 'v', Value: '2' }] })));
      expect(await describeOne(alarm('update'))).toMatchObject({ Threshold: 90, StateValue: 'OK', StateReason: 'fine' });
      expect((await cw.send(new ListTagsForResourceCommand({ ResourceARN: arn(alarm('update')) }))).Tags).toEqual([{ Key: 'v', Value: '1' }]);
      const history = await cw.send(new DescribeAlarmHistoryCommand({ AlarmName: alarm('update'), HistoryItemType: 'ConfigurationUpdate' }));
      expect(history.AlarmHistoryItems?.map((i) => i.HistorySummary)).toEqual([`Alarm "${alarm('update')}" updated`, `Alarm "${alarm('update')}" created`]);
      expect(JSON.parse(history.AlarmHistoryItems![0].HistoryData!)).toMatchObject({ type: 'Update', originalAlarm: { threshold: 70 }, updatedAlarm: { threshold: 90 } });
    });

    it('lists alarms by name a page at a time, filtered by prefix and action prefix', async () => {
      for (const n of ['page-c', 'page-a', 'page-b']) await cw.send(new PutMetricAlarmCommand(cpuAlarm(alarm(n), n === 'page-b' ? { OKActions: [`arn:aws:sns:us-east-1:000000000000:calm-${name}`] } : {})));
      const first = await cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: alarm('page-'), MaxRecords: 2 }));
      expect(first.MetricAlarms?.map((a) => a.AlarmName)).toEqual([alarm('page-a'), alarm('page-b')]);
      expect(first.CompositeAlarms).toEqual([]);
      const second = await cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: alarm('page-'), MaxRecords: 2, NextToken: first.NextToken }));
      expect(second.MetricAlarms?.map((a) => a.AlarmName)).toEqual([alarm('page-c')]);
      expect(second.NextToken).toBeUndefined();
      const calm = await cw.send(new DescribeAlarmsCommand({ ActionPrefix: `arn:aws:sns:us-east-1:000000000000:calm-${name}` }));
      expect(calm.MetricAlarms?.map((a) => a.AlarmName)).toEqual([alarm('page-b')]);
      const composites = await cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: alarm('page-'), AlarmTypes: ['CompositeAlarm'] }));
      expect(composites).toMatchObject({ MetricAlarms: [], CompositeAlarms: [] });
      expect(await errorOf(cw.send(new DescribeAlarmsCommand({ NextToken: 'not-a-token' })))).toMatchObject({ name: 'InvalidNextToken', status: 400 });
    });

    it('records that actions are disabled and enabled again', async () => {
      await cw.send(new PutMetricAlarmCommand(cpuAlarm(alarm('actions'))));
      await cw.send(new DisableAlarmActionsCommand({ AlarmNames: [alarm('actions'), alarm('no-such-alarm')] }));
      expect((await describeOne(alarm('actions')))?.ActionsEnabled).toBe(false);
      await cw.send(new EnableAlarmActionsCommand({ AlarmNames: [alarm('actions')] }));
      expect((await describeOne(alarm('actions')))?.ActionsEnabled).toBe(true);
    });

    it('tags and untags an alarm, and refuses an alarm that does not exist', async () => {
      await cw.send(new PutMetricAlarmCommand(cpuAlarm(alarm('tags'))));
      await cw.send(new TagResourceCommand({ ResourceARN: arn(alarm('tags')), Tags: [{ Key: 'b', Value: '2' }, { Key: 'a', Value: '1' }] }));
      await cw.send(new UntagResourceCommand({ ResourceARN: arn(alarm('tags')), TagKeys: ['b', 'never-set'] }));
      expect((await cw.send(new ListTagsForResourceCommand({ ResourceARN: arn(alarm('tags')) }))).Tags).toEqual([{ Key: 'a', Value: '1' }]);
      const missing = await errorOf(cw.send(new TagResourceCommand({ ResourceARN: arn(alarm('none')), Tags: [{ Key: 'a', Value: '1' }] })));
      expect(missing).toMatchObject({ name: 'ResourceNotFoundException', status: 404 });
      expect(await errorOf(cw.send(new ListTagsForResourceCommand({ ResourceARN: 'not-an-arn' })))).toMatchObject({ name: 'InvalidParameterValueException', status: 400 });
    });

    it('deletes alarms, keeps their history, and answers ResourceNotFound naming the ones not found', async () => {
      await cw.send(new PutMetricAlarmCommand(cpuAlarm(alarm('gone'), { Tags: [{ Key: 'a', Value: '1' }] })));
      const error = await errorOf(cw.send(new DeleteAlarmsCommand({ AlarmNames: [alarm('gone'), alarm('never')] })));
      expect(error).toEqual({ name: 'ResourceNotFound', message: `1/2 alarms not found: [${alarm('never')}]`, status: 404 });
      expect(await describeOne(alarm('gone'))).toBeUndefined();
      const history = await cw.send(new DescribeAlarmHistoryCommand({ AlarmName: alarm('gone') }));
      expect(history.AlarmHistoryItems?.map((i) => i.HistorySummary)).toEqual([`Alarm "${alarm('gone')}" deleted`, `Alarm "${alarm('gone')}" created`]);
      // A new alarm of the same name starts without the deleted one's tags.
      await cw.send(new PutMetricAlarmCommand(cpuAlarm(alarm('gone'))));
      expect((await cw.send(new ListTagsForResourceCommand({ ResourceARN: arn(alarm('gone')) }))).Tags).toEqual([]);
    });

    it("answers CloudWatch's errors with their codes and statuses", async () => {
      expect(await errorOf(cw.send(new SetAlarmStateCommand({ AlarmName: alarm('missing'), StateValue: 'OK', StateReason: 'x' })))).toEqual({
        name: 'ResourceNotFound',
        message: `Alarm ${alarm('missing')} not found`,
        status: 404,
      });
      await cw.send(new PutMetricAlarmCommand(cpuAlarm(alarm('errors'))));
      const notJson = await errorOf(cw.send(new SetAlarmStateCommand({ AlarmName: alarm('errors'), StateValue: 'OK', StateReason: 'x', StateReasonData: '{oops' })));
      expect(notJson).toMatchObject({ name: 'InvalidFormatFault', status: 400 });
      const tooMany = await errorOf(cw.send(new PutMetricAlarmCommand(cpuAlarm(alarm('errors'), { DatapointsToAlarm: 3 }))));
      expect(tooMany).toEqual({ name: 'ValidationException', message: 'DatapointsToAlarm must be less than or equal to EvaluationPeriods', status: 400 });
      const both = await errorOf(cw.send(new PutMetricAlarmCommand(cpuAlarm(alarm('errors'), { Metrics: [{ Id: 'm1', Expression: 'SUM(METRICS())' }] }))));
      expect(both).toMatchObject({ name: 'ValidationException', message: 'Namespace should not be set if list of Metrics is set.' });
      const combined = await errorOf(cw.send(new DescribeAlarmsCommand({ AlarmNames: ['a'], AlarmNamePrefix: 'a' })));
      expect(combined).toMatchObject({ name: 'InvalidParameterCombinationException', status: 400 });
      const badState = await errorOf(cw.send(new SetAlarmStateCommand({ AlarmName: alarm('errors'), StateValue: 'MAYBE' as 'OK', StateReason: 'x' })));
      expect(badState).toMatchObject({ name: 'ValidationException', message: expect.stringContaining("Value at 'StateValue' failed to satisfy constraint") });
      expect(await errorOf(cw.send(new ListMetricsCommand({})))).toMatchObject({ name: 'NotImplementedException', status: 501 });
    });
  });

  it('keeps alarms apart by account and region', async () => {
    const west = new CloudWatchClient({ endpoint: env.url, region: 'us-west-2', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
    try {
      await west.send(new PutMetricAlarmCommand(cpuAlarm('regional')));
      const east = env.client(CloudWatchClient);
      expect((await east.send(new DescribeAlarmsCommand({ AlarmNames: ['regional'] }))).MetricAlarms).toEqual([]);
      expect((await west.send(new DescribeAlarmsCommand({ AlarmNames: ['regional'] }))).MetricAlarms?.[0]?.AlarmArn).toBe(`arn:aws:cloudwatch:us-west-2:${TEST_ACCOUNT}:alarm:regional`);
    } finally {
      west.destroy();
    }
  });
});
