import type { SetAlarmStateInput } from '@aws-sdk/client-cloudwatch';
import type { MetricAlarmState } from '../../model/index.js';
import type { HandlerInput, NoOutput, RequestContext } from '../protocol/index.js';
import { stateItem } from './alarm-history.js';
import type { CloudWatchDeps } from './deps.js';
import { InvalidFormatFault, ResourceNotFound } from './errors.js';

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * SetAlarmState: sets an alarm's state, reason and reason data and records the update in its history. On AWS the next
 * evaluation soon puts a metric alarm back in the state its data says; here nothing evaluates, so the state stays.
 */
export function setAlarmState(deps: CloudWatchDeps, input: HandlerInput<SetAlarmStateInput>, ctx: RequestContext): NoOutput {
  // An empty StateReasonData is taken as none.
  const reasonData = input.StateReasonData || undefined;
  if (reasonData !== undefined && !isJson(reasonData)) throw new InvalidFormatFault('StateReasonData is not valid JSON.'); // wording inferred
  const scope = { account: ctx.account, region: ctx.region };
  const now = deps.clock.now();
  deps.alarms.atomically(() => {
    const before = deps.alarms.get(scope, input.AlarmName);
    if (!before) throw new ResourceNotFound(`Alarm ${input.AlarmName} not found`); // wording inferred
    // StateTransitionedTimestamp moves only when the value changes; StateUpdatedTimestamp with every update.
    const transitionedMs = before.state.value === input.StateValue ? before.state.transitionedMs : now;
    const state: MetricAlarmState = { value: input.StateValue, reason: input.StateReason, ...(reasonData ? { reasonData } : {}), updatedMs: now, transitionedMs };
    const alarm = { ...before, state };
    deps.alarms.put(alarm);
    deps.alarms.addHistory(stateItem(alarm, before.state));
  });
  return {};
}
