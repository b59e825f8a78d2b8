import type { AlarmHistoryItem, MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { AlarmHistoryRecord, MetricAlarmRecord, Scope } from '../../model/index.js';
import { formatArn } from '../../shared/index.js';
import type { HandlerOutput } from '../protocol/index.js';

/** The ARN of a metric alarm: `arn:aws:cloudwatch:<region>:<account>:alarm:<name>`. */
export function alarmArn(scope: Scope, name: string): string {
  return formatArn({ service: 'cloudwatch', region: scope.region, account: scope.account, resource: `alarm:${name}` });
}

/** A stored alarm as DescribeAlarms answers it. */
export function metricAlarmView(record: MetricAlarmRecord): HandlerOutput<MetricAlarm> {
  const { configuration: c, state } = record;
  return {
    AlarmName: record.name,
    AlarmArn: record.arn,
    AlarmDescription: c.AlarmDescription,
    AlarmConfigurationUpdatedTimestamp: new Date(record.configurationUpdatedMs),
    ActionsEnabled: c.ActionsEnabled,
    OKActions: c.OKActions,
    AlarmActions: c.AlarmActions,
    InsufficientDataActions: c.InsufficientDataActions,
    StateValue: state.value,
    StateReason: state.reason,
    StateReasonData: state.reasonData,
    StateUpdatedTimestamp: new Date(state.updatedMs),
    MetricName: c.MetricName,
    Namespace: c.Namespace,
    Statistic: c.Statistic,
    ExtendedStatistic: c.ExtendedStatistic,
    // AWS lists an alarm's dimensions, none being an empty list.
    Dimensions: c.Dimensions ?? [],
    Period: c.Period,
    Unit: c.Unit,
    EvaluationPeriods: c.EvaluationPeriods,
    DatapointsToAlarm: c.DatapointsToAlarm,
    Threshold: c.Threshold,
    ComparisonOperator: c.ComparisonOperator,
    TreatMissingData: c.TreatMissingData,
    EvaluateLowSampleCountPercentile: c.EvaluateLowSampleCountPercentile,
    Metrics: c.Metrics,
    ThresholdMetricId: c.ThresholdMetricId,
    StateTransitionedTimestamp: new Date(state.transitionedMs),
    EvaluationCriteria: c.EvaluationCriteria,
    EvaluationInterval: c.EvaluationInterval,
  };
}

/** A stored history item as DescribeAlarmHistory answers it. */
export function historyItemView(item: AlarmHistoryRecord): HandlerOutput<AlarmHistoryItem> {
  return {
    AlarmName: item.alarmName,
    AlarmType: item.alarmType,
    Timestamp: new Date(item.timestampMs),
    HistoryItemType: item.itemType,
    HistorySummary: item.summary,
    HistoryData: item.data,
  };
}

/**
 * A member name as CloudWatch's history JSON spells it: the leading run of capitals lowered, as the Java bean naming
 * behind it does (`AlarmName` -> `alarmName`, `OKActions` -> `okactions`).
 */
function historyKey(name: string): string {
  const run = /^[A-Z]+/.exec(name)?.[0] ?? '';
  return run.toLowerCase() + name.slice(run.length);
}

/** A value with every member renamed for history JSON, undefined members left out. */
function historyJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(historyJson);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [historyKey(k), historyJson(v)]),
  );
}

/** An alarm's configuration as the `createdAlarm`/`updatedAlarm`/`deletedAlarm` of a ConfigurationUpdate item. */
export function alarmHistoryJson(record: MetricAlarmRecord): unknown {
  return historyJson({ AlarmName: record.name, ...record.configuration, Dimensions: record.configuration.Dimensions ?? [] });
}
