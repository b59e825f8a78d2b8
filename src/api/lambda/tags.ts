import type { ListTagsRequest, ListTagsResponse, TagResourceRequest, UntagResourceRequest } from '@aws-sdk/client-lambda';
import type { HandlerInput, HandlerOutput, NoOutput, RequestContext } from '../protocol/index.js';
import type { LambdaDeps } from './deps.js';
import { InvalidParameterValueException } from './errors.js';
import { callLambda } from './functions.js';

// Functions are the only taggable resources here; code signing configs, event source mappings and capacity providers are not kept.
function functionArnOf(resource: string): string {
  if (!/:function:/.test(resource)) throw new InvalidParameterValueException(`Resource ${resource} is not a function: only functions are tagged by codepipeline-local`); // wording inferred
  return resource;
}

const scopeOf = (ctx: RequestContext) => ({ account: ctx.account, region: ctx.region });

/** TagResource: adds or replaces a function's tags. */
export function tagResource(deps: LambdaDeps, input: HandlerInput<TagResourceRequest>, ctx: RequestContext): NoOutput {
  callLambda(() => deps.functions.retag(scopeOf(ctx), functionArnOf(input.Resource), input.Tags ?? {}));
  return {};
}

/** UntagResource: removes tags by key. */
export function untagResource(deps: LambdaDeps, input: HandlerInput<UntagResourceRequest>, ctx: RequestContext): NoOutput {
  callLambda(() => deps.functions.retag(scopeOf(ctx), functionArnOf(input.Resource), {}, input.TagKeys ?? []));
  return {};
}

/** ListTags: a function's tags. */
export function listTags(deps: LambdaDeps, input: HandlerInput<ListTagsRequest>, ctx: RequestContext): HandlerOutput<ListTagsResponse> {
  return { Tags: callLambda(() => deps.functions.get(scopeOf(ctx), functionArnOf(input.Resource))).tags ?? {} };
}
