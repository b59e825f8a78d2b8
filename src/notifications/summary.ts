import type { Scope } from '../model/index.js';
import type { SnsService } from '../sns/index.js';
import type { SnsStore } from '../store/index.js';
import type { NotificationRules } from './notification-rules.js';

/** How many deliveries and mails the summary carries. */
const RECENT = 100;

/** What the console's Notifications page shows of a scope: topics with subscriptions, rules, recent deliveries and mails. */
export function notificationsSummary(scope: Scope, deps: { sns: SnsService; snsStore: SnsStore; rules: NotificationRules }) {
  const topics = deps.sns.topics(scope);
  const topicArns = new Set(topics.map((t) => t.arn));
  return {
    topics: topics.map((t) => ({
      arn: t.arn,
      name: t.name,
      ...(t.attributes.DisplayName ? { displayName: t.attributes.DisplayName } : {}),
      subscriptions: deps.snsStore.subscriptionsOf(t.arn).map((s) => ({ arn: s.arn, protocol: s.protocol, endpoint: s.endpoint, confirmed: s.confirmed })),
    })),
    rules: deps.rules.list(scope).map((r) => ({
      arn: r.arn,
      name: r.name,
      resource: r.resource,
      eventTypeIds: r.eventTypeIds,
      detailType: r.detailType,
      status: r.status,
      targets: r.targets.map((t) => ({ address: t.targetAddress, type: t.targetType, status: deps.rules.status(t) })),
    })),
    deliveries: deps.sns
      .deliveries()
      .filter((d) => topicArns.has(d.topicArn))
      .slice(-RECENT)
      .reverse()
      .map(({ subscriptionArn: _s, lastAttemptMs: _l, ...d }) => d),
    mailbox: deps.snsStore
      .mailbox()
      .filter((m) => topicArns.has(m.topicArn))
      .slice(-RECENT)
      .reverse()
      .map(({ subscriptionArn: _s, messageId: _m, ...m }) => m),
  };
}
