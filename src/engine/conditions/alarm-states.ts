/** Reads the current state of a CloudWatch alarm for the CloudWatchAlarm rule; undefined when the alarm does not exist. */
export interface AlarmStates { stateOf(accountId: string, region: string, alarmName: string): 'OK' | 'ALARM' | 'INSUFFICIENT_DATA' | undefined }
