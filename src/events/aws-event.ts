/** An event as EventBridge delivers it: AWS's envelope around a service's `detail`. */
export interface AwsEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  /** Twelve digits, as a string. */
  account: string;
  /** Second precision, `2020-01-24T22:03:07Z`. */
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

/** Where an event happened and when, with its id: what every builder needs besides the record. */
export interface EventOrigin {
  id: string;
  account: string;
  region: string;
  nowMs: number;
}

/** An epoch-ms time as EventBridge writes an event's `time`: ISO 8601 to the second. */
export function eventTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Builds the envelope of one event. */
export function awsEvent(origin: EventOrigin, source: string, detailType: string, resources: string[], detail: Record<string, unknown>): AwsEvent {
  return { version: '0', id: origin.id, 'detail-type': detailType, source, account: origin.account, time: eventTime(origin.nowMs), region: origin.region, resources, detail };
}
