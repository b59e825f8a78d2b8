import type { PutMetricAlarmInput } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchMetricDataQuery, MetricAlarmConfiguration } from '../../model/index.js';
import type { HandlerInput } from '../protocol/index.js';
import { InvalidParameterValueException, ValidationException } from './errors.js';

type PutInput = HandlerInput<PutMetricAlarmInput>;

/** The members that describe a single metric, which an alarm over `Metrics` or `EvaluationCriteria` may not have. */
const SINGLE_METRIC_MEMBERS = ['Namespace', 'MetricName', 'Dimensions', 'Period', 'Unit', 'Statistic', 'ExtendedStatistic'] as const;
/** Further members a PromQL alarm (`EvaluationCriteria`) may not have. */
const THRESHOLD_MEMBERS = ['Metrics', 'Threshold', 'ComparisonOperator', 'ThresholdMetricId', 'EvaluationPeriods', 'DatapointsToAlarm'] as const;
const TREAT_MISSING_DATA = ['missing', 'ignore', 'breaching', 'notBreaching'];
const LOW_SAMPLE_COUNT = ['evaluate', 'ignore'];
/** The percentile-like statistics AWS documents: p90, tm90, IQM, PR(n:m), TM(10%:90%), ... */
const EXTENDED_STATISTIC = /^(?:(?:p|tm|tc|ts|wm)\d{1,2}(?:\.\d+)?|IQM|(?:PR|TC|TM|TS|WM)\([^:()]*:[^:()]*\))$/;

function mustNotBeNull(input: PutInput, members: readonly (keyof PutInput)[]): void {
  for (const member of members) {
    if (input[member] === undefined) throw new ValidationException(`${member} must not be null`); // AWS's wording for MetricName, as users report it
  }
}

function mustNotBeSet(input: PutInput, members: readonly (keyof PutInput)[], reason: string): void {
  for (const member of members) {
    if (input[member] !== undefined) throw new ValidationException(`${member} should not be set if ${reason}.`); // AWS's wording for Statistic with Metrics
  }
}

function checkPeriod(period: number | undefined): void {
  // Periods of 10, 20 and 30 seconds make a high-resolution alarm; anything else is whole minutes.
  if (period !== undefined && ![10, 20, 30].includes(period) && period % 60 !== 0) {
    throw new ValidationException(`The parameter Period must be 10, 20, 30 or a multiple of 60, not ${period}.`); // wording inferred
  }
}

function checkSingleMetric(input: PutInput): void {
  mustNotBeNull(input, ['MetricName', 'Namespace', 'Period']);
  checkPeriod(input.Period);
  if ((input.Statistic === undefined) === (input.ExtendedStatistic === undefined)) {
    throw new ValidationException('Exactly one of Statistic or ExtendedStatistic must be specified.'); // wording inferred
  }
  if (input.ExtendedStatistic !== undefined && !EXTENDED_STATISTIC.test(input.ExtendedStatistic)) {
    throw new InvalidParameterValueException(`The value ${input.ExtendedStatistic} for parameter ExtendedStatistic is not supported.`); // wording inferred
  }
}

function checkMetrics(input: PutInput, metrics: NonNullable<PutInput['Metrics']>): void {
  mustNotBeSet(input, SINGLE_METRIC_MEMBERS, 'list of Metrics is set');
  // ReturnData defaults to true: exactly one entry is the series the alarm watches.
  if (metrics.filter((m) => m.ReturnData !== false).length !== 1) throw new ValidationException('Exactly one element of the metrics list should return data.'); // AWS's wording, as users report it
  metrics.forEach((m, i) => {
    if ((m.MetricStat === undefined) === (m.Expression === undefined)) {
      throw new ValidationException(`Exactly one of MetricStat or Expression must be specified in Metrics.member.${i + 1}.`); // wording inferred
    }
    checkPeriod(m.MetricStat?.Period);
  });
}

function checkThreshold(input: PutInput): void {
  mustNotBeNull(input, ['EvaluationPeriods', 'ComparisonOperator']);
  if (input.Threshold === undefined && input.ThresholdMetricId === undefined) throw new ValidationException('Threshold must not be null'); // wording inferred
  if (input.DatapointsToAlarm !== undefined && input.DatapointsToAlarm > input.EvaluationPeriods!) {
    throw new ValidationException('DatapointsToAlarm must be less than or equal to EvaluationPeriods'); // AWS's wording, as users report it
  }
}

function checkOptions(input: PutInput): void {
  if (input.TreatMissingData !== undefined && !TREAT_MISSING_DATA.includes(input.TreatMissingData)) {
    // wording inferred
    throw new ValidationException(`Option ${input.TreatMissingData} is not supported. Supported options for parameter TreatMissingData are missing, ignore, breaching and notBreaching.`);
  }
  if (input.EvaluateLowSampleCountPercentile !== undefined && !LOW_SAMPLE_COUNT.includes(input.EvaluateLowSampleCountPercentile)) {
    // wording inferred
    throw new ValidationException(`Option ${input.EvaluateLowSampleCountPercentile} is not supported. Supported options for parameter EvaluateLowSampleCountPercentile are evaluate and ignore.`);
  }
}

function metricsRecord(metrics: PutInput['Metrics']): CloudWatchMetricDataQuery[] | undefined {
  return metrics?.map((m) => ({
    Id: m.Id,
    MetricStat: m.MetricStat,
    Expression: m.Expression,
    Label: m.Label,
    ReturnData: m.ReturnData,
    Period: m.Period,
    AccountId: m.AccountId,
  }));
}

function promQlCriteria(input: PutInput): MetricAlarmConfiguration['EvaluationCriteria'] {
  const criteria = input.EvaluationCriteria?.PromQLCriteria;
  if (!criteria) throw new ValidationException('EvaluationCriteria must name PromQLCriteria.'); // wording inferred
  return { PromQLCriteria: { Query: criteria.Query, PendingPeriod: criteria.PendingPeriod, RecoveryPeriod: criteria.RecoveryPeriod } };
}

/**
 * Checks a PutMetricAlarm's members against each other as CloudWatch does (one of MetricName, Metrics or
 * EvaluationCriteria; what each of them excludes and requires) and returns the configuration to store.
 */
export function alarmConfiguration(input: PutInput): MetricAlarmConfiguration {
  let criteria: MetricAlarmConfiguration['EvaluationCriteria'];
  if (input.EvaluationCriteria !== undefined) {
    mustNotBeSet(input, [...SINGLE_METRIC_MEMBERS, ...THRESHOLD_MEMBERS], 'EvaluationCriteria is set');
    mustNotBeNull(input, ['EvaluationInterval']);
    checkPeriod(input.EvaluationInterval);
    criteria = promQlCriteria(input);
  } else {
    mustNotBeSet(input, ['EvaluationInterval'], 'EvaluationCriteria is not set');
    if (input.Metrics !== undefined) checkMetrics(input, input.Metrics);
    else checkSingleMetric(input);
    checkThreshold(input);
  }
  checkOptions(input);
  return {
    AlarmDescription: input.AlarmDescription,
    ActionsEnabled: input.ActionsEnabled ?? true,
    OKActions: input.OKActions ?? [],
    AlarmActions: input.AlarmActions ?? [],
    InsufficientDataActions: input.InsufficientDataActions ?? [],
    MetricName: input.MetricName,
    Namespace: input.Namespace,
    Statistic: input.Statistic,
    ExtendedStatistic: input.ExtendedStatistic,
    Dimensions: input.Dimensions,
    Period: input.Period,
    Unit: input.Unit,
    EvaluationPeriods: input.EvaluationPeriods,
    DatapointsToAlarm: input.DatapointsToAlarm,
    Threshold: input.Threshold,
    ComparisonOperator: input.ComparisonOperator,
    TreatMissingData: input.TreatMissingData,
    EvaluateLowSampleCountPercentile: input.EvaluateLowSampleCountPercentile,
    Metrics: metricsRecord(input.Metrics),
    ThresholdMetricId: input.ThresholdMetricId,
    EvaluationCriteria: criteria,
    EvaluationInterval: input.EvaluationInterval,
  };
}
