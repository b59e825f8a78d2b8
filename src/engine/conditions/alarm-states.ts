/** A CloudWatch alarm's state, as DescribeAlarms spells it. */
export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

/**
 * Where the CloudWatchAlarm rule reads alarm states: the emulator's CloudWatch service implements it and
 * hands it to the engine (optional: without it the rule fails, saying CloudWatch is not there).
 */
export interface AlarmStates {
  /** The current state of an alarm of an account and region, or undefined when there is no such alarm. */
  stateOf(accountId: string, region: string, alarmName: string): AlarmState | undefined;
}
