import type {
  ListTagsForResourceInput,
  ListTagsForResourceOutput,
  TagResourceInput,
  TagResourceOutput,
  UntagResourceInput,
  UntagResourceOutput,
} from '@aws-sdk/client-codepipeline';
import type { ActionCategory } from '../../model/index.js';
import { pageByOffset, type RequestContext, type HandlerInput, type HandlerOutput } from '../protocol/index.js';
import { parseCodePipelineArn, type ParsedArn } from './arns.js';
import { assertUserTags } from './declaration-checks.js';
import { limits, type CodePipelineDeps } from './deps.js';
import * as errors from './errors.js';
import { invalidNextToken } from './invalid-next-token.js';

/** Checks an ARN of an action type (`actiontype:Custom/<Category>/<Provider>/<Version>`): a custom type of the caller. */
function requireCustomActionType(deps: CodePipelineDeps, arn: string, { resource, account, region }: ParsedArn, ctx: RequestContext): string {
  const id = resource.match(/^actiontype:Custom\/([A-Za-z]+)\/([^/]+)\/([^/]+)$/);
  const found = id && deps.jobs.types.find(ctx, { category: id[1] as ActionCategory, owner: 'Custom', provider: id[2], version: id[3] });
  if (!found || account !== ctx.account || region !== ctx.region) throw new errors.ResourceNotFoundException(`The action type ${resource.slice('actiontype:'.length)} was not found`); // wording inferred
  return arn;
}

/** Checks an ARN of a webhook (`webhook:<name>`): a webhook of the caller. */
function requireWebhook(deps: CodePipelineDeps, arn: string, { resource, account, region }: ParsedArn, ctx: RequestContext): string {
  const name = resource.slice('webhook:'.length);
  if (account !== ctx.account || region !== ctx.region || !deps.webhooks.store.get(ctx, name)) throw new errors.ResourceNotFoundException(`The webhook ${name} was not found`); // wording inferred
  return arn;
}

/** Resolves a taggable resource ARN to a pipeline, custom action type or webhook of the caller, or throws AWS's error for it. */
function requireTaggable(deps: CodePipelineDeps, arn: string, ctx: RequestContext): string {
  const parsed = parseCodePipelineArn(arn);
  if (parsed?.resource.startsWith('actiontype:')) return requireCustomActionType(deps, arn, parsed, ctx);
  if (parsed?.resource.startsWith('webhook:')) return requireWebhook(deps, arn, parsed, ctx);
  if (!parsed || !/^[A-Za-z0-9.@\-_]+$/.test(parsed.resource)) throw new errors.InvalidArnException(`The ARN '${arn}' is not a valid CodePipeline resource ARN`); // wording inferred
  const sameScope = parsed.account === ctx.account && parsed.region === ctx.region;
  if (!sameScope || !deps.pipelines.get(ctx, parsed.resource)) {
    throw new errors.ResourceNotFoundException(`The account with id '${ctx.account}' does not include a pipeline with the name '${parsed.resource}'`);
  }
  return arn;
}

/** TagResource: adds or overwrites tags, at most 50 per resource. */
export function tagResource(deps: CodePipelineDeps, input: HandlerInput<TagResourceInput>, ctx: RequestContext): HandlerOutput<TagResourceOutput> {
  const arn = requireTaggable(deps, input.resourceArn, ctx);
  assertUserTags(input.tags);
  if (!deps.tags.put(arn, input.tags, limits.tagsPerResource)) throw new errors.TooManyTagsException(`Tag limit exceeded for resource [${arn}].`);
  return {};
}

/** UntagResource: removes tags by key; keys that are not set are ignored. */
export function untagResource(deps: CodePipelineDeps, input: HandlerInput<UntagResourceInput>, ctx: RequestContext): HandlerOutput<UntagResourceOutput> {
  const arn = requireTaggable(deps, input.resourceArn, ctx);
  if (input.tagKeys.some((k) => k.startsWith('aws:'))) assertUserTags([{ key: 'aws:', value: '' }]);
  deps.tags.remove(arn, input.tagKeys);
  return {};
}

/** ListTagsForResource: the resource's tags sorted by key, in one page unless maxResults asks for fewer. */
export function listTagsForResource(deps: CodePipelineDeps, input: HandlerInput<ListTagsForResourceInput>, ctx: RequestContext): HandlerOutput<ListTagsForResourceOutput> {
  const tags = deps.tags.list(requireTaggable(deps, input.resourceArn, ctx));
  const page = pageByOffset(tags, input.nextToken, input.maxResults, invalidNextToken);
  return { tags: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}
