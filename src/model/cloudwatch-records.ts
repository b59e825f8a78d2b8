import type { Scope } from './scope.js';

/** The states of a CloudWatch alarm, as CloudWatch spells them. */
export const AlarmStateValue = { OK: 'OK', ALARM: 'ALARM', INSUFFICIENT_DATA: 'INSUFFICIENT_DATA' } as const;
/** One state of a CloudWatch alarm. */
export type AlarmStateValue = (typeof AlarmStateValue)[keyof typeof AlarmStateValue];

/** The kinds of alarm history item CloudWatch records (the contributor kinds never occur here). */
export type AlarmHistoryItemType = 'ConfigurationUpdate' | 'StateUpdate' | 'Action';

/** A metric dimension, with CloudWatch's member names. */
export interface CloudWatchDimension {
  Name: string;
  Value: string;
}

/** One entry of a metric alarm's `Metrics` (a metric or a math expression), with CloudWatch's member names. */
export interface CloudWatchMetricDataQuery {
  Id: string;
  MetricStat?: {
    Metric: { Namespace?: string; MetricName?: string; Dimensions?: CloudWatchDimension[] };
    Period: number;
    Stat: string;
    Unit?: string;
  };
  Expression?: string;
  Label?: string;
  ReturnData?: boolean;
  Period?: number;
  AccountId?: string;
}

/** What PutMetricAlarm configures, kept with CloudWatch's member names; an update replaces all of it. */
export interface MetricAlarmConfiguration {
  AlarmDescription?: string;
  ActionsEnabled: boolean;
  OKActions: string[];
  AlarmActions: string[];
  InsufficientDataActions: string[];
  MetricName?: string;
  Namespace?: string;
  Statistic?: string;
  ExtendedStatistic?: string;
  Dimensions?: CloudWatchDimension[];
  Period?: number;
  Unit?: string;
  EvaluationPeriods?: number;
  DatapointsToAlarm?: number;
  Threshold?: number;
  ComparisonOperator?: string;
  TreatMissingData?: string;
  EvaluateLowSampleCountPercentile?: string;
  Metrics?: CloudWatchMetricDataQuery[];
  ThresholdMetricId?: string;
  EvaluationCriteria?: { PromQLCriteria: { Query: string; PendingPeriod?: number; RecoveryPeriod?: number } };
  EvaluationInterval?: number;
}

/** An alarm's current state: its value, why, and when it was last set and last changed. */
export interface MetricAlarmState {
  value: AlarmStateValue;
  reason: string;
  /** The machine-readable reason (JSON text), when one was given. */
  reasonData?: string;
  /** Epoch ms of the last state update (StateUpdatedTimestamp). */
  updatedMs: number;
  /** Epoch ms of the last change of the state value (StateTransitionedTimestamp). */
  transitionedMs: number;
}

/** A stored metric alarm of an account and region: its configuration and its state. */
export interface MetricAlarmRecord extends Scope {
  name: string;
  arn: string;
  configuration: MetricAlarmConfiguration;
  /** Epoch ms of the last PutMetricAlarm (AlarmConfigurationUpdatedTimestamp). */
  configurationUpdatedMs: number;
  state: MetricAlarmState;
}

/** One item of an alarm's history, kept after the alarm is deleted, as CloudWatch keeps it. */
export interface AlarmHistoryRecord extends Scope {
  alarmName: string;
  alarmType: 'MetricAlarm';
  itemType: AlarmHistoryItemType;
  timestampMs: number;
  summary: string;
  /** The machine-readable details, JSON text. */
  data: string;
}
