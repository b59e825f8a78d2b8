import type {
  ListTagsForResourceInput,
  ListTagsForResourceOutput,
  Tag,
  TagResourceInput,
  TagResourceOutput,
  UntagResourceInput,
  UntagResourceOutput,
} from '@aws-sdk/client-cloudwatch';
import type { Scope } from '../../model/index.js';
import { parseArn } from '../../shared/index.js';
import type { HandlerInput, HandlerOutput, RequestContext } from '../protocol/index.js';
import { limits, type CloudWatchDeps } from './deps.js';
import { InvalidParameterValueException, ResourceNotFoundException } from './errors.js';

/** The kinds of CloudWatch resource that take tags; only alarms exist here. */
const TAGGABLE = /^(alarm:|dashboard\/|insight-rule\/|metric-stream\/)(.+)$/;

/** Refuses tags CloudWatch would not store (reserved `aws:` keys), before anything is written. */
export function checkTags(tags: HandlerInput<Tag>[]): void {
  const reserved = tags.find((t) => t.Key.toLowerCase().startsWith('aws:'));
  if (reserved) throw new InvalidParameterValueException(`The tag key ${reserved.Key} is not valid: keys starting with aws: are reserved.`); // wording inferred
}

/** Adds or overwrites a resource's tags; InvalidParameterValue when it would have more than 50. */
export function putTags(deps: CloudWatchDeps, arn: string, tags: HandlerInput<Tag>[]): void {
  checkTags(tags);
  const ok = deps.tags.put(
    arn,
    tags.map((t) => ({ key: t.Key, value: t.Value })),
    limits.tagsPerResource,
  );
  if (!ok) throw new InvalidParameterValueException(`A resource can have at most ${limits.tagsPerResource} tags.`); // wording inferred
}

/** Resolves the ARN of one of the caller's alarms, or throws CloudWatch's error for it. */
function requireAlarm(deps: CloudWatchDeps, arn: string, scope: Scope): string {
  const parsed = parseArn(arn, { service: 'cloudwatch' });
  const resource = parsed && TAGGABLE.exec(parsed.resource);
  if (!parsed || !resource) throw new InvalidParameterValueException(`The ARN ${arn} is not a valid CloudWatch resource ARN.`); // wording inferred
  const mine = parsed.account === scope.account && parsed.region === scope.region;
  const alarm = mine && resource[1] === 'alarm:' ? deps.alarms.get(scope, resource[2]) : undefined;
  // Dashboards, metric streams and Contributor Insights rules are not emulated: none of them exists.
  if (!alarm) throw new ResourceNotFoundException(`The resource ${arn} does not exist.`); // wording inferred
  return alarm.arn;
}

/** TagResource: adds tags to an alarm, replacing the values of keys it already has. */
export function tagResource(deps: CloudWatchDeps, input: HandlerInput<TagResourceInput>, ctx: RequestContext): HandlerOutput<TagResourceOutput> {
  putTags(deps, requireAlarm(deps, input.ResourceARN, ctx), input.Tags);
  return {};
}

/** UntagResource: keys the alarm does not have are ignored. */
export function untagResource(deps: CloudWatchDeps, input: HandlerInput<UntagResourceInput>, ctx: RequestContext): HandlerOutput<UntagResourceOutput> {
  deps.tags.remove(requireAlarm(deps, input.ResourceARN, ctx), input.TagKeys);
  return {};
}

/** ListTagsForResource: an alarm's tags, sorted by key. */
export function listTagsForResource(deps: CloudWatchDeps, input: HandlerInput<ListTagsForResourceInput>, ctx: RequestContext): HandlerOutput<ListTagsForResourceOutput> {
  return { Tags: deps.tags.list(requireAlarm(deps, input.ResourceARN, ctx)).map((t) => ({ Key: t.key, Value: t.value })) };
}
