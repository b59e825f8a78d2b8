import { cloudWatchService } from '../api/index.js';
import { alarmStatesOf, type AlarmStates } from '../engine/index.js';
import { CloudWatchAlarmStore, TagStore } from '../store/index.js';
import type { FeatureContext, FeatureModule } from './feature-module.js';

/** The CloudWatch feature: a metric-alarm subset of the CloudWatch API, and the alarm states the CloudWatchAlarm rule reads. */
export function cloudWatchFeature(ctx: FeatureContext): FeatureModule & { alarmStates: AlarmStates } {
  const alarms = new CloudWatchAlarmStore(ctx.db);
  return {
    services: [cloudWatchService({ alarms, tags: new TagStore(ctx.db), clock: ctx.clock })],
    alarmStates: alarmStatesOf(alarms),
  };
}
