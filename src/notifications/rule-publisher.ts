import type { EventLog, LoggedEvent } from '../events/index.js';
import type { Logger } from '../shared/index.js';
import type { SnsService } from '../sns/index.js';
import { eventResourceOf, eventTypeIdsOf } from './event-types.js';
import type { NotificationRules } from './notification-rules.js';
import { ruleMessage, type ActionsOf } from './rule-messages.js';

/** What publishing rules' messages needs: the events, the rules, SNS, the action records and a log. */
export interface RulePublisherDeps {
  events: EventLog;
  rules: NotificationRules;
  sns: SnsService;
  actionsOf: ActionsOf;
  log: Logger;
}

/**
 * Publishes each event to the SNS topics of the enabled rules that name its resource and one of its event types.
 * The work runs after the state change that made the event (setImmediate), so no rule or topic ever slows it.
 * Returns a function that stops.
 */
export function publishRuleMessages(deps: RulePublisherDeps): () => void {
  const handle = ({ event }: LoggedEvent) => {
    const ids = eventTypeIdsOf(event);
    if (!ids.length) return;
    const resource = eventResourceOf(event);
    for (const rule of deps.rules.enabled()) {
      if (rule.resource !== resource || !rule.eventTypeIds.some((id) => ids.includes(id))) continue;
      const message = ruleMessage(event, rule, deps.actionsOf);
      for (const target of rule.targets) {
        const topic = target.targetType === 'SNS' ? deps.sns.findTopic(target.targetAddress) : undefined;
        if (!topic) {
          deps.log.warn({ rule: rule.arn, target: target.targetAddress }, `notification rule ${rule.name}: its target ${target.targetAddress} is not an SNS topic that exists`);
          continue;
        }
        deps.sns.publishInternal(topic, message);
      }
    }
  };
  return deps.events.subscribe((logged) =>
    setImmediate(() => {
      try {
        handle(logged);
      } catch (err) {
        deps.log.warn({ err, event: logged.event['detail-type'] }, 'could not publish an event to notification rules');
      }
    }),
  );
}
