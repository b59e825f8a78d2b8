import type { DescribeAlarmHistoryInput, DescribeAlarmHistoryOutput } from '@aws-sdk/client-cloudwatch';
import type { AlarmHistoryItemType, AlarmHistoryRecord, MetricAlarmRecord, MetricAlarmState } from '../../model/index.js';
import { ALARM_HISTORY_RETENTION_MS } from '../../store/index.js';
import { decodeNextToken, encodeNextToken, type HandlerInput, type HandlerOutput, type RequestContext } from '../protocol/index.js';
import { alarmHistoryJson, historyItemView } from './alarm-views.js';
import { limits, type CloudWatchDeps } from './deps.js';
import { InvalidNextToken } from './errors.js';

/** What a PutMetricAlarm, an EnableAlarmActions or a DeleteAlarms did to an alarm's configuration. */
export type ConfigurationChange = { type: 'Create'; alarm: MetricAlarmRecord } | { type: 'Update'; before: MetricAlarmRecord; alarm: MetricAlarmRecord } | { type: 'Delete'; alarm: MetricAlarmRecord };

function item(alarm: MetricAlarmRecord, itemType: AlarmHistoryItemType, timestampMs: number, summary: string, data: unknown): AlarmHistoryRecord {
  return { account: alarm.account, region: alarm.region, alarmName: alarm.name, alarmType: 'MetricAlarm', itemType, timestampMs, summary, data: JSON.stringify(data) };
}

// Summaries and data follow what CloudWatch records (`Alarm "x" created`, `{"type":"Create","version":"1.0","createdAlarm":{...}}`);
// the exact members of the alarm JSON are inferred.
/** The ConfigurationUpdate item of a change to an alarm's configuration. */
export function configurationItem(change: ConfigurationChange, timestampMs: number): AlarmHistoryRecord {
  const { alarm } = change;
  if (change.type === 'Create') {
    return item(alarm, 'ConfigurationUpdate', timestampMs, `Alarm "${alarm.name}" created`, { type: 'Create', version: '1.0', createdAlarm: alarmHistoryJson(alarm) });
  }
  if (change.type === 'Update') {
    const data = { type: 'Update', version: '1.0', originalAlarm: alarmHistoryJson(change.before), updatedAlarm: alarmHistoryJson(alarm) };
    return item(alarm, 'ConfigurationUpdate', timestampMs, `Alarm "${alarm.name}" updated`, data);
  }
  return item(alarm, 'ConfigurationUpdate', timestampMs, `Alarm "${alarm.name}" deleted`, { type: 'Delete', version: '1.0', deletedAlarm: alarmHistoryJson(alarm) });
}

function stateJson(state: MetricAlarmState): Record<string, unknown> {
  // StateReasonData was checked to be JSON when it was set, and is embedded as JSON, not as text.
  return { stateValue: state.value, stateReason: state.reason, ...(state.reasonData ? { stateReasonData: JSON.parse(state.reasonData) as unknown } : {}) };
}

/** The StateUpdate item of an alarm's move from one state to another (`Alarm updated from OK to ALARM`). */
export function stateItem(alarm: MetricAlarmRecord, before: MetricAlarmState): AlarmHistoryRecord {
  const summary = `Alarm updated from ${before.value} to ${alarm.state.value}`;
  return item(alarm, 'StateUpdate', alarm.state.updatedMs, summary, { version: '1.0', oldState: stateJson(before), newState: stateJson(alarm.state) });
}

const HISTORY_ITEM_TYPES: readonly string[] = ['ConfigurationUpdate', 'StateUpdate', 'Action'] satisfies AlarmHistoryItemType[];

/** Whether a HistoryItemType is one this emulator records (the contributor kinds belong to alarms it does not have). */
function isRecordedType(type: string): type is AlarmHistoryItemType {
  return HISTORY_ITEM_TYPES.includes(type);
}

function readToken(token: string | undefined, ascending: boolean): number | undefined {
  if (token === undefined) return undefined;
  const position = decodeNextToken(token);
  // A token of the other scan order would skip or repeat items: refused like a foreign one.
  if (typeof position?.seq !== 'number' || position.ascending !== ascending) throw new InvalidNextToken('The NextToken is not valid.'); // wording inferred
  return position.seq;
}

/** DescribeAlarmHistory: the metric alarms' history of the last 30 days, newest first unless ScanBy asks otherwise. */
export function describeAlarmHistory(deps: CloudWatchDeps, input: HandlerInput<DescribeAlarmHistoryInput>, ctx: RequestContext): HandlerOutput<DescribeAlarmHistoryOutput> {
  const ascending = input.ScanBy === 'TimestampAscending';
  const afterSeq = readToken(input.NextToken, ascending);
  const metricAlarms = (input.AlarmTypes ?? ['MetricAlarm']).includes('MetricAlarm');
  // Contributor items belong to multi-time-series alarms, which this emulator does not have.
  const itemType = input.HistoryItemType;
  const possible = metricAlarms && input.AlarmContributorId === undefined && (itemType === undefined || isRecordedType(itemType));
  if (!possible) return { AlarmHistoryItems: [] };
  const oldest = deps.clock.now() - ALARM_HISTORY_RETENTION_MS;
  const limit = input.MaxRecords ?? limits.historyPage;
  const found = deps.alarms.history(ctx, {
    alarmName: input.AlarmName,
    itemType: itemType !== undefined && isRecordedType(itemType) ? itemType : undefined,
    startMs: Math.max(oldest, input.StartDate === undefined ? oldest : input.StartDate * 1000),
    endMs: input.EndDate === undefined ? undefined : input.EndDate * 1000,
    ascending,
    afterSeq,
    limit: limit + 1,
  });
  const page = found.slice(0, limit);
  const more = found.length > limit;
  return {
    AlarmHistoryItems: page.map((p) => historyItemView(p.item)),
    ...(more ? { NextToken: encodeNextToken({ seq: page[page.length - 1].seq, ascending }) } : {}),
  };
}
