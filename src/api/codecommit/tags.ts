import { parseArn } from '../../shared/index.js';
import type { RepositoryRecord } from '../../store/index.js';
import type { ListTagsForResourceInput, ListTagsForResourceOutput, TagResourceInput, UntagResourceInput } from '@aws-sdk/client-codecommit';
import type { HandlerOutput, NoOutput, RequestContext } from '../protocol/index.js';
import type { CodeCommitDeps } from './deps.js';
import type { CodeCommitInput } from './operations.js';
import { InvalidResourceArnException, ResourceArnRequiredException, TooManyTagsException } from './errors.js';
import { findRepository, requireRepositoryName } from './validate.js';

/** The most tags a CodeCommit repository may carry. */
export const MAX_TAGS = 50;

/** Finds the repository an ARN names, in the caller's account and region. */
function repositoryOfArn(deps: CodeCommitDeps, resourceArn: string | undefined, ctx: RequestContext): RepositoryRecord {
  if (!resourceArn) throw new ResourceArnRequiredException('A valid Amazon Resource Name (ARN) for a CodeCommit repository is required but was not specified.');
  const arn = parseArn(resourceArn, { service: 'codecommit', accountId: true });
  if (!arn?.region || !/^[^:/]+$/.test(arn.resource)) throw new InvalidResourceArnException(`The value for the resource ARN is not valid: ${resourceArn}`);
  const { region, account, resource: name } = arn;
  // A repository of another account or region is not one this caller can see.
  const scoped = region === ctx.region && account === ctx.account ? ctx : { ...ctx, region: '', account: '' };
  return findRepository(deps, scoped, requireRepositoryName(name));
}

/** ListTagsForResource: a repository's tags as a map (one page). */
export function listTagsForResource(deps: CodeCommitDeps, input: CodeCommitInput<ListTagsForResourceInput>, ctx: RequestContext): HandlerOutput<ListTagsForResourceOutput> {
  const record = repositoryOfArn(deps, input.resourceArn, ctx);
  return { tags: Object.fromEntries(deps.tags.list(record.arn).map((t) => [t.key, t.value])) };
}

/** TagResource: adds or overwrites tags, up to 50. */
export function tagResource(deps: CodeCommitDeps, input: CodeCommitInput<TagResourceInput>, ctx: RequestContext): NoOutput {
  const record = repositoryOfArn(deps, input.resourceArn, ctx);
  const tags = Object.entries(input.tags ?? {}).map(([key, value]) => ({ key, value }));
  if (!deps.tags.put(record.arn, tags, MAX_TAGS)) throw new TooManyTagsException(`The maximum number of tags for a repository is ${MAX_TAGS}.`);
  return {};
}

/** UntagResource: removes tags by key; unknown keys are ignored. */
export function untagResource(deps: CodeCommitDeps, input: CodeCommitInput<UntagResourceInput>, ctx: RequestContext): NoOutput {
  const record = repositoryOfArn(deps, input.resourceArn, ctx);
  deps.tags.remove(record.arn, input.tagKeys ?? []);
  return {};
}
