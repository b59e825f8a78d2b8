import type { CloudWatchAlarmStore } from '../../store/index.js';
import type { AlarmStates } from './alarm-states.js';

/** The alarm states the CloudWatchAlarm rule reads, backed by the alarms the CloudWatch API stores (no metric is evaluated). */
export function alarmStatesOf(alarms: Pick<CloudWatchAlarmStore, 'stateOf'>): AlarmStates {
  return { stateOf: (accountId, region, alarmName) => alarms.stateOf({ account: accountId, region }, alarmName) };
}
