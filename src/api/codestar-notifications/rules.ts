import type { NotificationRuleRecord } from '../../store/index.js';
import { eventType } from '../../notifications/index.js';
import { callerArn, pageByOffset, type HandlerInput, type HandlerOutput, type RequestContext } from '../protocol/index.js';
import type { CodeStarNotificationsDeps } from './deps.js';
import type * as T from './operations.js';
import { filterValues, invalidNextToken, rulesCall } from './refusals.js';

const targetsOf = (targets: T.Target[]) => targets.map((t) => ({ targetType: t.TargetType ?? '', targetAddress: t.TargetAddress ?? '' }));
const tagsOf = (tags: Record<string, string> | undefined) => Object.entries(tags ?? {}).map(([key, value]) => ({ key, value }));

/** CreateNotificationRule. */
export function createNotificationRule(deps: CodeStarNotificationsDeps, input: HandlerInput<T.CreateNotificationRuleRequest>, ctx: RequestContext): HandlerOutput<T.CreateNotificationRuleResult> {
  const rule = rulesCall(() =>
    deps.rules.create(ctx, {
      name: input.Name,
      resource: input.Resource,
      eventTypeIds: input.EventTypeIds,
      targets: targetsOf(input.Targets),
      detailType: input.DetailType,
      status: input.Status,
      clientRequestToken: input.ClientRequestToken,
      tags: tagsOf(input.Tags),
      createdBy: callerArn(ctx),
    }),
  );
  return { Arn: rule.arn };
}

/** DescribeNotificationRule. */
export function describeNotificationRule(deps: CodeStarNotificationsDeps, input: HandlerInput<T.DescribeNotificationRuleRequest>): HandlerOutput<T.DescribeNotificationRuleResult> {
  const rule = rulesCall(() => deps.rules.get(input.Arn));
  return {
    Arn: rule.arn,
    Name: rule.name,
    EventTypes: rule.eventTypeIds.map((id) => eventType(id) ?? { EventTypeId: id }),
    Resource: rule.resource,
    Targets: rule.targets.map((t) => ({ TargetAddress: t.targetAddress, TargetType: t.targetType, TargetStatus: deps.rules.status(t) })),
    DetailType: rule.detailType,
    CreatedBy: rule.createdBy,
    Status: rule.status,
    CreatedTimestamp: new Date(rule.createdMs),
    LastModifiedTimestamp: new Date(rule.updatedMs),
    Tags: Object.fromEntries(deps.tags.list(rule.arn).map((t) => [t.key, t.value])),
  };
}

function matches(rule: NotificationRuleRecord, filters: Map<T.ListNotificationRulesFilter['Name'], string>): boolean {
  const value = (name: T.ListNotificationRulesFilter['Name']) => filters.get(name);
  if (value('EVENT_TYPE_ID') !== undefined && !rule.eventTypeIds.includes(value('EVENT_TYPE_ID')!)) return false;
  if (value('CREATED_BY') !== undefined && rule.createdBy !== value('CREATED_BY')) return false;
  if (value('RESOURCE') !== undefined && rule.resource !== value('RESOURCE')) return false;
  if (value('TARGET_ADDRESS') !== undefined && !rule.targets.some((t) => t.targetAddress === value('TARGET_ADDRESS'))) return false;
  return true;
}

/** ListNotificationRules, filtered by EVENT_TYPE_ID, CREATED_BY, RESOURCE and TARGET_ADDRESS. */
export function listNotificationRules(deps: CodeStarNotificationsDeps, input: HandlerInput<T.ListNotificationRulesRequest>, ctx: RequestContext): HandlerOutput<T.ListNotificationRulesResult> {
  const filters = filterValues(input.Filters);
  const rules = deps.rules.list(ctx).filter((r) => matches(r, filters));
  const page = pageByOffset(rules, input.NextToken, input.MaxResults ?? 100, invalidNextToken);
  return { NotificationRules: page.items.map((r) => ({ Id: r.arn.slice(r.arn.lastIndexOf('/') + 1), Arn: r.arn })), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
}

/** UpdateNotificationRule: the members given replace the rule's. */
export function updateNotificationRule(deps: CodeStarNotificationsDeps, input: HandlerInput<T.UpdateNotificationRuleRequest>): HandlerOutput<T.UpdateNotificationRuleResult> {
  rulesCall(() =>
    deps.rules.update(input.Arn, {
      ...(input.Name !== undefined ? { name: input.Name } : {}),
      ...(input.Status !== undefined ? { status: input.Status } : {}),
      ...(input.EventTypeIds !== undefined ? { eventTypeIds: input.EventTypeIds } : {}),
      ...(input.Targets !== undefined ? { targets: targetsOf(input.Targets) } : {}),
      ...(input.DetailType !== undefined ? { detailType: input.DetailType } : {}),
    }),
  );
  return {};
}

/** DeleteNotificationRule. */
export function deleteNotificationRule(deps: CodeStarNotificationsDeps, input: HandlerInput<T.DeleteNotificationRuleRequest>): HandlerOutput<T.DeleteNotificationRuleResult> {
  rulesCall(() => deps.rules.delete(input.Arn));
  return { Arn: input.Arn };
}
