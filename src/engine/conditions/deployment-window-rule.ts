import { Cron } from 'croner';
import { ruleError, waitUntil, type RuleEvaluator } from './rule-run.js';

/**
 * Reads AWS's DeploymentWindow cron (seconds minutes hours day-of-month month day-of-week [year], days of the week
 * 1-7 = SUN-SAT as in Quartz). AWS documents seconds as not applicable: the window is matched to the minute.
 */
export function deploymentWindow(cron: string, timeZone = 'UTC'): Cron {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 6 && fields.length !== 7) throw new Error(`The Cron expression ${JSON.stringify(cron)} must have 6 or 7 fields`); // wording inferred
  const pattern = ['*', ...fields.slice(1)].join(' ');
  const window = new Cron(pattern, { timezone: timeZone, alternativeWeekdays: true, mode: '6-or-7-parts', paused: true });
  window.nextRun(new Date(0)); // an unknown time zone only shows when a date is converted
  return window;
}

/**
 * The DeploymentWindow rule: passes when the clock is inside the window; outside it, it stays in progress and is
 * evaluated again when the window next opens, as AWS keeps an entry condition waiting for its window.
 */
export const deploymentWindowRule: RuleEvaluator = async ({ core, configuration, signal, progress }) => {
  const timeZone = configuration.TimeZone || 'UTC';
  let window: Cron;
  try {
    window = deploymentWindow(configuration.Cron ?? '', timeZone);
  } catch (error) {
    return ruleError(`The DeploymentWindow rule cannot read its window: ${(error as Error).message}`); // wording inferred
  }
  for (;;) {
    const now = new Date(core.clock.now());
    if (window.match(now)) return { passed: true, summary: `The current time is within the deployment window (${configuration.Cron}, ${timeZone})` }; // wording inferred
    const opens = window.nextRun(now);
    if (!opens) return { passed: false, summary: `The deployment window (${configuration.Cron}, ${timeZone}) never opens again` }; // wording inferred
    progress({ summary: `Waiting for the deployment window (${configuration.Cron}, ${timeZone}) to open at ${opens.toISOString()}` }); // wording inferred
    await waitUntil(core, opens.getTime(), signal);
  }
};
