import type { AlarmState } from './alarm-states.js';
import { ruleError, waitUntil, type RuleEvaluator } from './rule-run.js';

/** How often, in milliseconds of the engine's clock, a CloudWatchAlarm rule with a WaitTime reads its alarm again (15 s, inferred). */
export const ALARM_POLL_MS = 15_000;

function failingStates(configuration: Record<string, string>): string[] {
  return (configuration.AlarmStates ?? 'ALARM').split(',').map((s) => s.trim()).filter(Boolean);
}

/**
 * The CloudWatchAlarm rule: fails when the alarm is in one of AlarmStates (ALARM by default). With WaitTime (minutes)
 * it keeps watching the alarm that long and passes only if it never got there, as AWS describes.
 */
export const cloudWatchAlarmRule: RuleEvaluator = async ({ core, live, configuration, signal, progress }) => {
  const alarms = core.alarms;
  if (!alarms) return ruleError('The CloudWatchAlarm rule needs CloudWatch alarms, which this codepipeline-local does not serve', 'JobFailed'); // wording inferred
  const name = configuration.AlarmName ?? '';
  const failing = failingStates(configuration);
  const waitMinutes = Number(configuration.WaitTime ?? '0');
  if (!Number.isFinite(waitMinutes) || waitMinutes < 0) return ruleError(`WaitTime ${JSON.stringify(configuration.WaitTime)} is not a number of minutes`); // wording inferred
  const until = core.clock.now() + waitMinutes * 60_000;
  for (;;) {
    const state: AlarmState | undefined = alarms.stateOf(live.record.account, live.record.region, name);
    if (state === undefined) return ruleError(`The CloudWatch alarm ${name} does not exist`); // wording inferred
    if (failing.includes(state)) return { passed: false, summary: `The CloudWatch alarm ${name} is in state ${state}` }; // wording inferred
    const now = core.clock.now();
    if (now >= until) return { passed: true, summary: `The CloudWatch alarm ${name} is in state ${state}` }; // wording inferred
    progress({ summary: `Watching the CloudWatch alarm ${name} (state ${state}) until ${new Date(until).toISOString()}` }); // wording inferred
    await waitUntil(core, Math.min(until, now + ALARM_POLL_MS), signal);
  }
};
