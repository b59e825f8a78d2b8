export { NotificationRules, RULE_LIMITS, type NewRule, type RuleTarget, type NotificationRulesDeps } from './notification-rules.js';
export { NotificationsRefusal, type NotificationsRefusalCode } from './notifications-refusal.js';
export { EVENT_TYPES, eventType, eventTypeIdsOf, eventResourceOf, ruleResourceType, type EventTypeSummary } from './event-types.js';
export { ruleMessage, additionalAttributes, type ActionsOf } from './rule-messages.js';
export { publishRuleMessages, type RulePublisherDeps } from './rule-publisher.js';
export { publishApprovalRequests, approvalMessage, approvalSubject, type ApprovalMessagesDeps } from './approval-messages.js';
export { notificationsSummary } from './summary.js';
export { EventArchive, ARCHIVE_FLUSH_MS, type EventArchiveDeps } from './event-archive.js';
export { deliverRepositoryTriggers, triggerFires, triggerMessage, type RepositoryTriggerDeps, type StoredTrigger, type TriggerDestinations, type TriggerRecordInput, type TriggerReference } from './repository-triggers.js';
