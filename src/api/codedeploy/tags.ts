import type {
  ListTagsForResourceInput,
  ListTagsForResourceOutput,
  TagResourceInput,
  TagResourceOutput,
  UntagResourceInput,
  UntagResourceOutput,
} from '@aws-sdk/client-codedeploy';
import type { Scope } from '../../store/index.js';
import { pageByOffset, type RequestContext, type HandlerInput, type HandlerOutput } from '../protocol/index.js';
import { parseCodeDeployArn } from './arns.js';
import { limits, type CodeDeployDeps } from './deps.js';
import * as errors from './errors.js';
import { invalidNextToken } from './invalid-next-token.js';
import { lookupConfig } from '../../codedeploy/index.js';

/** A tag as CodeDeploy's API spells it. */
export interface CodeDeployTag {
  Key?: string;
  Value?: string;
}

/** Refuses tags without a key or with a reserved `aws:` key (InvalidTagsToAddException), before anything is stored. */
export function checkTags(tags: CodeDeployTag[] | undefined): void {
  if ((tags ?? []).some((t) => !t.Key || t.Key.startsWith('aws:'))) throw new errors.InvalidTagsToAddException('The specified tags are not valid.');
}

/** Adds (or, with replace, sets) a resource's tags; InvalidTagsToAddException for `aws:` keys or too many tags. */
export function putResourceTags(deps: CodeDeployDeps, arn: string, tags: CodeDeployTag[], options: { replace?: boolean } = {}): void {
  checkTags(tags);
  if (options.replace) deps.tags.removeAll(arn);
  const ok = deps.tags.put(arn, tags.map((t) => ({ key: t.Key!, value: t.Value ?? '' })), limits.tagsPerResource);
  if (!ok) throw new errors.InvalidTagsToAddException(`The number of tags for the resource ${arn} would exceed ${limits.tagsPerResource}.`);
}

/** Resolves a taggable ARN (application, deployment group or deployment config of the caller), or throws AWS's error for it. */
function requireTaggable(deps: CodeDeployDeps, arn: string, scope: Scope): string {
  const parsed = parseCodeDeployArn(arn);
  if (!parsed) throw new errors.InvalidArnException(`The specified ARN is not in a valid format: ${arn}`); // wording inferred
  const mine = parsed.account === scope.account && parsed.region === scope.region;
  if (parsed.resourceType === 'application') {
    if (!mine || !deps.store.getApplication(scope, parsed.resource)) throw new errors.ApplicationDoesNotExistException(`No application found for name: ${parsed.resource}`);
  } else if (parsed.resourceType === 'deploymentgroup') {
    const [app, group] = splitGroup(parsed.resource);
    if (!mine || !deps.store.getDeploymentGroup(scope, app, group)) throw new errors.DeploymentGroupDoesNotExistException(`No Deployment Group found for name: ${group}`);
  } else if (parsed.resourceType === 'deploymentconfig') {
    if (!mine || !lookupConfig(deps.store, scope, parsed.resource)) throw new errors.DeploymentConfigDoesNotExistException(`No deployment configuration found for name: ${parsed.resource}`);
  } else {
    throw new errors.ArnNotSupportedException(`The specified ARN is not supported: ${arn}`); // wording inferred
  }
  return arn;
}

function splitGroup(resource: string): [string, string] {
  const slash = resource.indexOf('/');
  return slash < 0 ? [resource, ''] : [resource.slice(0, slash), resource.slice(slash + 1)];
}

/** TagResource. */
export function tagResource(deps: CodeDeployDeps, input: HandlerInput<TagResourceInput>, ctx: RequestContext): HandlerOutput<TagResourceOutput> {
  putResourceTags(deps, requireTaggable(deps, input.ResourceArn, ctx), input.Tags);
  return {};
}

/** UntagResource: keys that are not set are ignored. */
export function untagResource(deps: CodeDeployDeps, input: HandlerInput<UntagResourceInput>, ctx: RequestContext): HandlerOutput<UntagResourceOutput> {
  deps.tags.remove(requireTaggable(deps, input.ResourceArn, ctx), input.TagKeys);
  return {};
}

/** ListTagsForResource: the resource's tags sorted by key. */
export function listTagsForResource(deps: CodeDeployDeps, input: HandlerInput<ListTagsForResourceInput>, ctx: RequestContext): HandlerOutput<ListTagsForResourceOutput> {
  const tags = deps.tags.list(requireTaggable(deps, input.ResourceArn, ctx)).map((t) => ({ Key: t.key, Value: t.value }));
  const page = pageByOffset(tags, input.NextToken, limits.pageSize, invalidNextToken);
  return { Tags: page.items, ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
}
