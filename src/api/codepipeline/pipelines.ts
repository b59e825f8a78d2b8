import type {
  CreatePipelineInput,
  CreatePipelineOutput,
  DeletePipelineInput,
  GetPipelineInput,
  GetPipelineOutput,
  ListPipelinesInput,
  ListPipelinesOutput,
  UpdatePipelineInput,
  UpdatePipelineOutput,
} from '@aws-sdk/client-codepipeline';
import { withDefaults, type PipelineDeclaration } from '../../model/index.js';
import { toEpochSeconds } from '../../shared/index.js';
import type { PipelineRecord } from '../../store/index.js';
import { decodeNextToken, encodeNextToken, type RequestContext, type HandlerInput, type HandlerOutput, type NoOutput } from '../protocol/index.js';
import { pipelineArn } from './arns.js';
import { customTypesOf } from './custom-action-types.js';
import { assertNoMaskedSecrets, assertUserTags, assertValidStructure, maskSecrets, restoreMaskedSecrets } from './declaration-checks.js';
import { limits, type CodePipelineDeps } from './deps.js';
import { assertServiceRole } from './service-role.js';
import * as errors from './errors.js';
import { invalidNextToken } from './invalid-next-token.js';

/** CreatePipeline's and UpdatePipeline's output, whose declaration is always there (pipeline files read its version). */
type WithPipeline<T> = HandlerOutput<T> & { pipeline: PipelineDeclaration };

function notFound(ctx: RequestContext, name: string): Error {
  return new errors.PipelineNotFoundException(`Account '${ctx.account}' does not have a pipeline with name '${name}'`);
}

/** Finds a pipeline of the caller's account and region, or throws PipelineNotFoundException. */
export function requirePipeline(deps: CodePipelineDeps, ctx: RequestContext, name: string): PipelineRecord {
  const record = deps.pipelines.get(ctx, name);
  if (!record) throw notFound(ctx, name);
  return record;
}

/** CreatePipeline: validates, stores version 1 with its tags, and echoes the declaration with defaults. */
export function createPipeline(deps: CodePipelineDeps, input: HandlerInput<CreatePipelineInput>, ctx: RequestContext): WithPipeline<CreatePipelineOutput> {
  const tags = input.tags ?? [];
  assertValidStructure(input.pipeline, ctx, customTypesOf(deps, ctx));
  assertNoMaskedSecrets(input.pipeline, undefined, customTypesOf(deps, ctx));
  assertUserTags(tags);
  assertServiceRole(deps, ctx, input.pipeline.roleArn);
  const arn = pipelineArn(ctx, input.pipeline.name);
  if (new Set(tags.map((t) => t.key)).size > limits.tagsPerResource) throw new errors.TooManyTagsException(`Tag limit exceeded for resource [${arn}].`);
  if (deps.pipelines.count(ctx) >= limits.pipelinesPerRegion) {
    throw new errors.LimitExceededException(`The number of pipelines in account '${ctx.account}' and region '${ctx.region}' has reached the limit of ${limits.pipelinesPerRegion}`);
  }
  const declaration = withDefaults(input.pipeline, 1);
  if (!deps.pipelines.create(ctx, declaration, deps.clock.now(), { arn, tags })) {
    throw new errors.InvalidStructureException(`A pipeline with the name '${declaration.name}' already exists in account '${ctx.account}'`);
  }
  // AWS starts the first execution of a new pipeline at once.
  deps.engine.start(ctx, declaration.name, { trigger: { triggerType: 'CreatePipeline', triggerDetail: ctx.principalArn } });
  return { pipeline: maskSecrets(declaration, customTypesOf(deps, ctx)), ...(input.tags ? { tags: deps.tags.list(arn) } : {}) };
}

/** GetPipeline: the current or a named version, with metadata holding the ARN and epoch-second timestamps. */
export function getPipeline(deps: CodePipelineDeps, input: HandlerInput<GetPipelineInput>, ctx: RequestContext): HandlerOutput<GetPipelineOutput> {
  const record = requirePipeline(deps, ctx, input.name);
  let declaration = record.declaration;
  if (input.version !== undefined && input.version !== declaration.version) {
    const past = deps.pipelines.getVersion(ctx, input.name, input.version);
    if (!past) throw new errors.PipelineVersionNotFoundException(`Pipeline '${input.name}' does not have a version '${input.version}'`); // wording inferred
    declaration = past;
  }
  return {
    pipeline: maskSecrets(declaration, customTypesOf(deps, ctx)),
    metadata: { pipelineArn: pipelineArn(ctx, input.name), created: toEpochSeconds(record.createdMs), updated: toEpochSeconds(record.updatedMs) },
  };
}

/** UpdatePipeline: replaces the declaration with version + 1; secrets sent as `****` keep their stored value. */
export function updatePipeline(deps: CodePipelineDeps, input: HandlerInput<UpdatePipelineInput>, ctx: RequestContext): WithPipeline<UpdatePipelineOutput> {
  const record = deps.pipelines.get(ctx, input.pipeline.name);
  if (!record) {
    throw new errors.ResourceNotFoundException(`The account with id '${ctx.account}' does not include a pipeline with the name '${input.pipeline.name}'`);
  }
  assertValidStructure(input.pipeline, ctx, customTypesOf(deps, ctx));
  assertNoMaskedSecrets(input.pipeline, record.declaration, customTypesOf(deps, ctx));
  assertServiceRole(deps, ctx, input.pipeline.roleArn);
  const declaration = withDefaults(restoreMaskedSecrets(input.pipeline, record.declaration, customTypesOf(deps, ctx)), record.declaration.version! + 1);
  if (!deps.pipelines.update(ctx, declaration, deps.clock.now())) throw new errors.ConcurrentModificationException(`Pipeline '${declaration.name}' was deleted while it was being updated`);
  deps.engine.pipelineUpdated(ctx, declaration.name);
  return { pipeline: maskSecrets(declaration, customTypesOf(deps, ctx)) };
}

/** DeletePipeline: removes the pipeline and its tags; deleting a missing pipeline succeeds, as on AWS. */
export function deletePipeline(deps: CodePipelineDeps, input: HandlerInput<DeletePipelineInput>, ctx: RequestContext): NoOutput {
  deps.engine.forgetPipeline(ctx, input.name);
  deps.pipelines.delete(ctx, input.name, pipelineArn(ctx, input.name));
  return {};
}

/** ListPipelines: pipeline summaries in name order, paginated with an opaque nextToken. */
export function listPipelines(deps: CodePipelineDeps, input: HandlerInput<ListPipelinesInput>, ctx: RequestContext): HandlerOutput<ListPipelinesOutput> {
  const after = input.nextToken === undefined ? undefined : decodeNextToken(input.nextToken)?.after;
  if (input.nextToken !== undefined && typeof after !== 'string') {
    throw invalidNextToken();
  }
  const pageSize = input.maxResults ?? limits.defaultPageSize;
  const page = deps.pipelines.list(ctx, after as string | undefined, pageSize + 1);
  const items = page.slice(0, pageSize);
  return {
    pipelines: items.map((r) => ({
      name: r.name,
      version: r.declaration.version,
      pipelineType: r.declaration.pipelineType,
      executionMode: r.declaration.executionMode,
      created: toEpochSeconds(r.createdMs),
      updated: toEpochSeconds(r.updatedMs),
    })),
    ...(page.length > pageSize ? { nextToken: encodeNextToken({ after: items[items.length - 1].name }) } : {}),
  };
}
