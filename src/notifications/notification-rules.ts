import { createHash } from 'node:crypto';
import type { Scope, Tag } from '../model/index.js';
import type { Clock, Ids } from '../shared/index.js';
import type { NotificationRuleRecord, NotificationRuleStore, TagStore } from '../store/index.js';
import { eventType, ruleResourceType } from './event-types.js';
import { NotificationsRefusal } from './notifications-refusal.js';

/** What the rules need: their store, the tag store, time and ids, and whether an SNS topic exists (for target status). */
export interface NotificationRulesDeps {
  store: NotificationRuleStore;
  tags: TagStore;
  clock: Clock;
  ids: Ids;
  topicExists(arn: string): boolean;
}

/** A rule's target as the API gives it. */
export interface RuleTarget {
  targetType: string;
  targetAddress: string;
}

/** What CreateNotificationRule asks. */
export interface NewRule {
  name: string;
  resource: string;
  eventTypeIds: string[];
  targets: RuleTarget[];
  detailType: 'BASIC' | 'FULL';
  status?: 'ENABLED' | 'DISABLED';
  clientRequestToken?: string;
  tags: Tag[];
  createdBy: string;
}

/** CodeStar Notifications' limits: targets per rule and tags per rule. */
export const RULE_LIMITS = { targets: 10, tags: 50 } as const;

const refuse = (message: string) => new NotificationsRefusal('ValidationException', message);

/**
 * CodeStar Notifications rules and their targets. A target stays known after its last rule lets go of it, until
 * DeleteTarget (kept in memory only: a restart forgets targets no rule names).
 */
export class NotificationRules {
  private readonly loose = new Map<string, RuleTarget & Scope>();

  constructor(private readonly deps: NotificationRulesDeps) {}

  /** CreateNotificationRule: the new rule, or the rule an earlier call with the same token made. */
  create(scope: Scope, input: NewRule): NotificationRuleRecord {
    const all = this.deps.store.list(scope);
    if (input.clientRequestToken) {
      const earlier = all.find((r) => r.clientRequestToken === input.clientRequestToken);
      if (earlier) return earlier;
    }
    this.checkResource(input.resource, input.eventTypeIds);
    this.checkTargets(input.targets);
    if (all.some((r) => r.name === input.name)) throw new NotificationsRefusal('ResourceAlreadyExistsException', `A notification rule with the name ${input.name} already exists`); // wording inferred
    if (input.tags.length > RULE_LIMITS.tags) throw new NotificationsRefusal('LimitExceededException', `A notification rule can have at most ${RULE_LIMITS.tags} tags`); // wording inferred
    const id = createHash('sha1').update(this.deps.ids.uuid()).digest('hex');
    const now = this.deps.clock.now();
    const rule: NotificationRuleRecord = {
      ...scope,
      arn: `arn:aws:codestar-notifications:${scope.region}:${scope.account}:notificationrule/${id}`,
      name: input.name,
      resource: input.resource,
      eventTypeIds: [...new Set(input.eventTypeIds)],
      targets: dedupe(input.targets),
      detailType: input.detailType,
      status: input.status ?? 'ENABLED',
      createdBy: input.createdBy,
      ...(input.clientRequestToken ? { clientRequestToken: input.clientRequestToken } : {}),
      createdMs: now,
      updatedMs: now,
    };
    this.deps.store.put(rule);
    if (input.tags.length) this.deps.tags.put(rule.arn, input.tags, RULE_LIMITS.tags);
    return rule;
  }

  /** The rule of an ARN, or ResourceNotFoundException. */
  get(arn: string): NotificationRuleRecord {
    const rule = this.deps.store.get(arn);
    if (!rule) throw new NotificationsRefusal('ResourceNotFoundException', `Notification rule ${arn} does not exist.`); // wording inferred
    return rule;
  }

  /** The scope's rules in the order created. */
  list(scope: Scope): NotificationRuleRecord[] {
    return this.deps.store.list(scope);
  }

  /** Every enabled rule, of every scope: what an event is matched against. */
  enabled(): NotificationRuleRecord[] {
    return this.deps.store.list().filter((r) => r.status === 'ENABLED');
  }

  /** UpdateNotificationRule: the members given replace the rule's. */
  update(arn: string, change: Partial<Pick<NotificationRuleRecord, 'name' | 'status' | 'eventTypeIds' | 'targets' | 'detailType'>>): void {
    const rule = this.get(arn);
    if (change.eventTypeIds) this.checkResource(rule.resource, change.eventTypeIds);
    if (change.targets) this.checkTargets(change.targets);
    if (change.name !== undefined && change.name !== rule.name && this.list(rule).some((r) => r.name === change.name)) {
      throw new NotificationsRefusal('ValidationException', `A notification rule with the name ${change.name} already exists`); // wording inferred
    }
    const targets = change.targets ? dedupe(change.targets) : rule.targets;
    this.keepLoose(rule, rule.targets.filter((t) => !targets.some((n) => n.targetAddress === t.targetAddress)));
    this.deps.store.put({ ...rule, ...change, targets, eventTypeIds: change.eventTypeIds ? [...new Set(change.eventTypeIds)] : rule.eventTypeIds, updatedMs: this.deps.clock.now() });
  }

  /** DeleteNotificationRule: removes the rule (a rule that does not exist is no error: the model lists none for it). */
  delete(arn: string): void {
    const rule = this.deps.store.get(arn);
    if (!rule) return;
    this.keepLoose(rule, rule.targets);
    this.deps.store.delete(arn);
    this.deps.tags.removeAll(arn);
  }

  /** Subscribe: adds a target to a rule. */
  subscribe(arn: string, target: RuleTarget): void {
    const rule = this.get(arn);
    this.checkTargets([target]);
    const targets = dedupe([...rule.targets, target]);
    if (targets.length > RULE_LIMITS.targets) throw new NotificationsRefusal('ValidationException', `A notification rule can have at most ${RULE_LIMITS.targets} targets`); // wording inferred
    this.deps.store.put({ ...rule, targets, updatedMs: this.deps.clock.now() });
  }

  /** Unsubscribe: removes a target from a rule; the target stays known until DeleteTarget. */
  unsubscribe(arn: string, address: string): void {
    const rule = this.get(arn);
    this.keepLoose(rule, rule.targets.filter((t) => t.targetAddress === address));
    this.deps.store.put({ ...rule, targets: rule.targets.filter((t) => t.targetAddress !== address), updatedMs: this.deps.clock.now() });
  }

  /** The scope's targets: those its rules name and those no rule names any more, with their status. */
  targets(scope: Scope): { targetAddress: string; targetType: string; targetStatus: string }[] {
    const byAddress = new Map<string, RuleTarget>();
    for (const rule of this.list(scope)) for (const t of rule.targets) byAddress.set(t.targetAddress, t);
    for (const t of this.loose.values()) if (t.account === scope.account && t.region === scope.region && !byAddress.has(t.targetAddress)) byAddress.set(t.targetAddress, t);
    return [...byAddress.values()].map((t) => ({ ...t, targetStatus: this.status(t) }));
  }

  /** DeleteTarget: forgets a target; with ForceUnsubscribeAll, first removes it from every rule of the scope. */
  deleteTarget(scope: Scope, address: string, force: boolean): void {
    const using = this.list(scope).filter((r) => r.targets.some((t) => t.targetAddress === address));
    if (using.length && !force) throw refuse(`The target ${address} is still associated with ${using.length} notification rule(s); unsubscribe it first or set ForceUnsubscribeAll`); // wording inferred
    for (const rule of using) this.deps.store.put({ ...rule, targets: rule.targets.filter((t) => t.targetAddress !== address), updatedMs: this.deps.clock.now() });
    this.loose.delete(`${scope.account}/${scope.region}/${address}`);
  }

  /** A target's status: ACTIVE when its SNS topic exists, UNREACHABLE otherwise. */
  status(target: RuleTarget): 'ACTIVE' | 'UNREACHABLE' {
    return target.targetType === 'SNS' && this.deps.topicExists(target.targetAddress) ? 'ACTIVE' : 'UNREACHABLE';
  }

  private keepLoose(scope: Scope, targets: RuleTarget[]): void {
    for (const t of targets) this.loose.set(`${scope.account}/${scope.region}/${t.targetAddress}`, { ...t, account: scope.account, region: scope.region });
  }

  private checkResource(resource: string, eventTypeIds: string[]): void {
    const type = ruleResourceType(resource);
    if (!type) throw refuse(`The resource ARN ${resource} is not a resource that notification rules support (pipelines, build projects, deployment applications and repositories)`); // wording inferred
    if (!eventTypeIds.length) throw refuse('At least one event type id is required'); // wording inferred
    for (const id of eventTypeIds) {
      const known = eventType(id);
      if (!known) throw refuse(`Event type ${id} does not exist`); // wording inferred
      if (known.ResourceType !== type.resourceType || known.ServiceName !== type.service) throw refuse(`Event type ${id} does not apply to the resource ${resource}`); // wording inferred
    }
  }

  private checkTargets(targets: RuleTarget[]): void {
    for (const t of targets) {
      if (t.targetType === 'AWSChatbotSlack') throw new NotificationsRefusal('ConfigurationException', 'AWSChatbotSlack targets are not emulated by codepipeline-local; use an SNS topic');
      if (t.targetType !== 'SNS') throw refuse(`Target type ${t.targetType} is not supported; use SNS or AWSChatbotSlack`); // wording inferred
      if (!/^arn:aws:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/.test(t.targetAddress)) throw refuse(`The target address ${t.targetAddress} is not an SNS topic ARN`); // wording inferred
    }
    if (targets.length > RULE_LIMITS.targets) throw refuse(`A notification rule can have at most ${RULE_LIMITS.targets} targets`); // wording inferred
  }
}

function dedupe(targets: RuleTarget[]): RuleTarget[] {
  const seen = new Map<string, RuleTarget>();
  for (const t of targets) seen.set(t.targetAddress, { targetType: t.targetType, targetAddress: t.targetAddress });
  return [...seen.values()];
}
