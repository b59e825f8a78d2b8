import { EVENT_TYPES } from '../../notifications/index.js';
import { pageByOffset, type HandlerInput, type HandlerOutput, type RequestContext } from '../protocol/index.js';
import type { CodeStarNotificationsDeps } from './deps.js';
import * as errors from './errors.js';
import type * as T from './operations.js';
import { filterValues, invalidNextToken, rulesCall } from './refusals.js';

/** Subscribe: adds a target to a rule. */
export function subscribe(deps: CodeStarNotificationsDeps, input: HandlerInput<T.SubscribeRequest>): HandlerOutput<T.SubscribeResult> {
  rulesCall(() => deps.rules.subscribe(input.Arn, { targetType: input.Target.TargetType ?? '', targetAddress: input.Target.TargetAddress ?? '' }));
  return { Arn: input.Arn };
}

/** Unsubscribe: removes a target from a rule. */
export function unsubscribe(deps: CodeStarNotificationsDeps, input: HandlerInput<T.UnsubscribeRequest>): HandlerOutput<T.UnsubscribeResult> {
  rulesCall(() => deps.rules.unsubscribe(input.Arn, input.TargetAddress));
  return { Arn: input.Arn };
}

/** ListTargets, filtered by TARGET_TYPE, TARGET_ADDRESS and TARGET_STATUS. */
export function listTargets(deps: CodeStarNotificationsDeps, input: HandlerInput<T.ListTargetsRequest>, ctx: RequestContext): HandlerOutput<T.ListTargetsResult> {
  const filters = filterValues(input.Filters);
  const targets = deps.rules
    .targets(ctx)
    .filter((t) => (filters.get('TARGET_TYPE') ?? t.targetType) === t.targetType && (filters.get('TARGET_ADDRESS') ?? t.targetAddress) === t.targetAddress && (filters.get('TARGET_STATUS') ?? t.targetStatus) === t.targetStatus);
  const page = pageByOffset(targets, input.NextToken, input.MaxResults ?? 100, invalidNextToken);
  return { Targets: page.items.map((t) => ({ TargetAddress: t.targetAddress, TargetType: t.targetType, TargetStatus: t.targetStatus })), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
}

/** DeleteTarget: forgets a target; ForceUnsubscribeAll first removes it from every rule. */
export function deleteTarget(deps: CodeStarNotificationsDeps, input: HandlerInput<T.DeleteTargetRequest>, ctx: RequestContext): HandlerOutput<T.DeleteTargetResult> {
  rulesCall(() => deps.rules.deleteTarget(ctx, input.TargetAddress, input.ForceUnsubscribeAll ?? false));
  return {};
}

/** ListEventTypes, filtered by RESOURCE_TYPE and SERVICE_NAME. */
export function listEventTypes(input: HandlerInput<T.ListEventTypesRequest>): HandlerOutput<T.ListEventTypesResult> {
  const filters = filterValues(input.Filters);
  const types = EVENT_TYPES.filter((t) => (filters.get('RESOURCE_TYPE') ?? t.ResourceType) === t.ResourceType && (filters.get('SERVICE_NAME') ?? t.ServiceName) === t.ServiceName);
  const page = pageByOffset([...types], input.NextToken, input.MaxResults ?? 100, invalidNextToken);
  return { EventTypes: page.items, ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
}

/** TagResource: answers every tag the rule has after the change. */
export function tagResource(deps: CodeStarNotificationsDeps, input: HandlerInput<T.TagResourceRequest>): HandlerOutput<T.TagResourceResult> {
  const rule = rulesCall(() => deps.rules.get(input.Arn));
  const tags = Object.entries(input.Tags).map(([key, value]) => ({ key, value }));
  if (!deps.tags.put(rule.arn, tags, 50)) throw new errors.LimitExceededException('A notification rule can have at most 50 tags'); // wording inferred
  return { Tags: Object.fromEntries(deps.tags.list(rule.arn).map((t) => [t.key, t.value])) };
}

/** UntagResource. */
export function untagResource(deps: CodeStarNotificationsDeps, input: HandlerInput<T.UntagResourceRequest>): HandlerOutput<T.UntagResourceResult> {
  const rule = rulesCall(() => deps.rules.get(input.Arn));
  deps.tags.remove(rule.arn, input.TagKeys);
  return {};
}

/** ListTagsForResource. */
export function listTagsForResource(deps: CodeStarNotificationsDeps, input: HandlerInput<T.ListTagsForResourceRequest>): HandlerOutput<T.ListTagsForResourceResult> {
  const rule = rulesCall(() => deps.rules.get(input.Arn));
  return { Tags: Object.fromEntries(deps.tags.list(rule.arn).map((t) => [t.key, t.value])) };
}
