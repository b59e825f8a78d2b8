import type {
  DeleteAlarmsInput,
  DescribeAlarmsInput,
  DescribeAlarmsOutput,
  DisableAlarmActionsInput,
  EnableAlarmActionsInput,
  PutMetricAlarmInput,
} from '@aws-sdk/client-cloudwatch';
import type { MetricAlarmRecord, MetricAlarmState, Scope } from '../../model/index.js';
import { decodeNextToken, encodeNextToken, type HandlerInput, type HandlerOutput, type NoOutput, type RequestContext } from '../protocol/index.js';
import { alarmConfiguration } from './alarm-configuration.js';
import { configurationItem } from './alarm-history.js';
import { alarmArn, metricAlarmView } from './alarm-views.js';
import { limits, type CloudWatchDeps } from './deps.js';
import { InvalidNextToken, InvalidParameterCombinationException, ResourceNotFound, ValidationException } from './errors.js';
import { checkTags, putTags } from './tags.js';

/** The reason CloudWatch gives a new alarm's first state. */
export const INITIAL_STATE_REASON = 'Unchecked: Initial alarm creation';

function scopeOf(ctx: RequestContext): Scope {
  return { account: ctx.account, region: ctx.region };
}

function initialState(promQl: boolean, now: number): MetricAlarmState {
  // CloudWatch starts an alarm with no data yet; a PromQL alarm starts OK, as its documentation says.
  return { value: promQl ? 'OK' : 'INSUFFICIENT_DATA', reason: INITIAL_STATE_REASON, updatedMs: now, transitionedMs: now };
}

/** PutMetricAlarm: creates an alarm (INSUFFICIENT_DATA, with its tags) or replaces the configuration of one, keeping its state and tags. */
export function putMetricAlarm(deps: CloudWatchDeps, input: HandlerInput<PutMetricAlarmInput>, ctx: RequestContext): NoOutput {
  const configuration = alarmConfiguration(input);
  checkTags(input.Tags ?? []);
  const scope = scopeOf(ctx);
  const now = deps.clock.now();
  deps.alarms.atomically(() => {
    const before = deps.alarms.get(scope, input.AlarmName);
    const alarm: MetricAlarmRecord = before
      ? { ...before, configuration, configurationUpdatedMs: now }
      : { ...scope, name: input.AlarmName, arn: alarmArn(scope, input.AlarmName), configuration, configurationUpdatedMs: now, state: initialState(configuration.EvaluationCriteria !== undefined, now) };
    deps.alarms.put(alarm);
    deps.alarms.addHistory(configurationItem(before ? { type: 'Update', before, alarm } : { type: 'Create', alarm }, now));
    // Tags given to an update are ignored, as AWS documents: TagResource changes an existing alarm's tags.
    if (!before && input.Tags?.length) putTags(deps, alarm.arn, input.Tags);
  });
  return {};
}

function matches(alarm: MetricAlarmRecord, input: HandlerInput<DescribeAlarmsInput>): boolean {
  const { configuration: c } = alarm;
  if (input.AlarmNames?.length && !input.AlarmNames.includes(alarm.name)) return false;
  if (input.AlarmNamePrefix !== undefined && !alarm.name.startsWith(input.AlarmNamePrefix)) return false;
  if (input.StateValue !== undefined && alarm.state.value !== input.StateValue) return false;
  const prefix = input.ActionPrefix;
  return prefix === undefined || [...c.OKActions, ...c.AlarmActions, ...c.InsufficientDataActions].some((a) => a.startsWith(prefix));
}

function checkDescribeFilters(input: HandlerInput<DescribeAlarmsInput>): void {
  if (input.AlarmNames?.length && input.AlarmNamePrefix !== undefined) {
    throw new InvalidParameterCombinationException('AlarmNames and AlarmNamePrefix cannot be specified together.'); // wording inferred
  }
  const family = input.ChildrenOfAlarmName !== undefined || input.ParentsOfAlarmName !== undefined;
  const others = [input.AlarmNames?.length, input.AlarmNamePrefix, input.AlarmTypes, input.StateValue, input.ActionPrefix].some((v) => v !== undefined && v !== 0);
  if (family && (others || (input.ChildrenOfAlarmName !== undefined && input.ParentsOfAlarmName !== undefined))) {
    // AWS documents a validation error here; wording inferred.
    throw new ValidationException('ChildrenOfAlarmName and ParentsOfAlarmName cannot be combined with any parameter other than MaxRecords and NextToken.');
  }
}

function afterName(token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  const after = decodeNextToken(token)?.after;
  if (typeof after !== 'string') throw new InvalidNextToken('The NextToken is not valid.'); // wording inferred
  return after;
}

/** DescribeAlarms: the metric alarms by name, filtered by names, prefix, state and action prefix, 50 a page unless MaxRecords says. */
export function describeAlarms(deps: CloudWatchDeps, input: HandlerInput<DescribeAlarmsInput>, ctx: RequestContext): HandlerOutput<DescribeAlarmsOutput> {
  checkDescribeFilters(input);
  const after = afterName(input.NextToken);
  // There are no composite alarms here: a family query (children of a composite, parents of an alarm) finds none.
  const family = input.ChildrenOfAlarmName !== undefined || input.ParentsOfAlarmName !== undefined;
  const metricAlarms = !family && (input.AlarmTypes ?? ['MetricAlarm']).includes('MetricAlarm');
  const byName = (a: MetricAlarmRecord, b: MetricAlarmRecord) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const found = metricAlarms ? deps.alarms.list(scopeOf(ctx)).filter((a) => matches(a, input) && (after === undefined || a.name > after)).sort(byName) : [];
  const size = input.MaxRecords ?? limits.alarmsPage;
  const page = found.slice(0, size);
  return {
    CompositeAlarms: [],
    MetricAlarms: page.map(metricAlarmView),
    ...(found.length > size ? { NextToken: encodeNextToken({ after: page[page.length - 1].name }) } : {}),
  };
}

/** DeleteAlarms: deletes the alarms that exist (their history stays, their tags go); ResourceNotFound naming the others. */
export function deleteAlarms(deps: CloudWatchDeps, input: HandlerInput<DeleteAlarmsInput>, ctx: RequestContext): NoOutput {
  const scope = scopeOf(ctx);
  const now = deps.clock.now();
  const names = [...new Set(input.AlarmNames)];
  const missing = deps.alarms.atomically(() =>
    names.filter((name) => {
      const alarm = deps.alarms.get(scope, name);
      if (!alarm) return true;
      deps.alarms.delete(scope, name);
      deps.tags.removeAll(alarm.arn);
      deps.alarms.addHistory(configurationItem({ type: 'Delete', alarm }, now));
      return false;
    }),
  );
  // The alarms that exist are deleted even so, as AWS documents.
  if (missing.length) throw new ResourceNotFound(`${missing.length}/${names.length} alarms not found: [${missing.join(', ')}]`); // wording recalled, not verified
  return {};
}

function setActionsEnabled(deps: CloudWatchDeps, names: string[], ctx: RequestContext, enabled: boolean): NoOutput {
  const scope = scopeOf(ctx);
  const now = deps.clock.now();
  deps.alarms.atomically(() => {
    for (const name of new Set(names)) {
      // Names of alarms that do not exist are ignored: the operation declares no error.
      const before = deps.alarms.get(scope, name);
      if (!before || before.configuration.ActionsEnabled === enabled) continue;
      const alarm = { ...before, configuration: { ...before.configuration, ActionsEnabled: enabled }, configurationUpdatedMs: now };
      deps.alarms.put(alarm);
      deps.alarms.addHistory(configurationItem({ type: 'Update', before, alarm }, now));
    }
  });
  return {};
}

/** EnableAlarmActions: records that the alarms' actions are enabled (actions are never run here). */
export function enableAlarmActions(deps: CloudWatchDeps, input: HandlerInput<EnableAlarmActionsInput>, ctx: RequestContext): NoOutput {
  return setActionsEnabled(deps, input.AlarmNames, ctx, true);
}

/** DisableAlarmActions: records that the alarms' actions are disabled. */
export function disableAlarmActions(deps: CloudWatchDeps, input: HandlerInput<DisableAlarmActionsInput>, ctx: RequestContext): NoOutput {
  return setActionsEnabled(deps, input.AlarmNames, ctx, false);
}
