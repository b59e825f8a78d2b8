/*
 * LIMITATIONS (CloudWatch, a small subset that gives the CloudWatchAlarm rule alarms to watch):
 * - Metric alarms only: PutMetricAlarm, DescribeAlarms, DeleteAlarms, SetAlarmState, DescribeAlarmHistory,
 *   Enable/DisableAlarmActions and alarm tags. Every other operation (metrics, dashboards, composite alarms, anomaly
 *   detectors, Contributor Insights, metric streams) answers NotImplementedException.
 * - No metric is ever evaluated: an alarm starts INSUFFICIENT_DATA (a PromQL alarm OK) and stays in whatever state
 *   SetAlarmState gives it, where AWS would soon put it back in the state its data says.
 * - Alarm actions (SNS, Auto Scaling, EC2, Lambda, Systems Manager) are recorded, never run: no Action history items.
 * - No quota on the number of alarms (LimitExceeded is never answered); history is kept 30 days, as on AWS.
 * - Wordings of CloudWatch's messages are AWS's where known from users' reports, otherwise inferred (marked in code).
 */
import { lazyAwsModel } from '../../model/index.js';
import { defineService, type LazyModel, type ServiceDefinition } from '../protocol/index.js';
import { describeAlarmHistory } from './alarm-history.js';
import { setAlarmState } from './alarm-state.js';
import { deleteAlarms, describeAlarms, disableAlarmActions, enableAlarmActions, putMetricAlarm } from './alarms.js';
import type { CloudWatchDeps } from './deps.js';
import type { CloudWatchOperations } from './operations.js';
import { listTagsForResource, tagResource, untagResource } from './tags.js';

export type { CloudWatchDeps } from './deps.js';
export type { CloudWatchOperations } from './operations.js';
export { INITIAL_STATE_REASON } from './alarms.js';

/** The CloudWatch service (rpc-v2-cbor, json and query, as its model offers): metric alarms and their states. */
export function cloudWatchService(deps: CloudWatchDeps): ServiceDefinition {
  return defineService<CloudWatchOperations>(lazyAwsModel('cloudwatch') as LazyModel, {
    PutMetricAlarm: (input, ctx) => putMetricAlarm(deps, input, ctx),
    DescribeAlarms: (input, ctx) => describeAlarms(deps, input, ctx),
    DeleteAlarms: (input, ctx) => deleteAlarms(deps, input, ctx),
    SetAlarmState: (input, ctx) => setAlarmState(deps, input, ctx),
    DescribeAlarmHistory: (input, ctx) => describeAlarmHistory(deps, input, ctx),
    EnableAlarmActions: (input, ctx) => enableAlarmActions(deps, input, ctx),
    DisableAlarmActions: (input, ctx) => disableAlarmActions(deps, input, ctx),
    TagResource: (input, ctx) => tagResource(deps, input, ctx),
    UntagResource: (input, ctx) => untagResource(deps, input, ctx),
    ListTagsForResource: (input, ctx) => listTagsForResource(deps, input, ctx),
  });
}
