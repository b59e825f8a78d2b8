import type {
  BatchGetBuildBatchesInput,
  BatchGetBuildBatchesOutput,
  ListBuildBatchesForProjectInput,
  ListBuildBatchesForProjectOutput,
  ListBuildBatchesInput,
  ListBuildBatchesOutput,
} from '@aws-sdk/client-codebuild';
import { projectArn } from '../../codebuild/index.js';
import type { BuildStatus } from '../../store/index.js';
import { pageByOffset, type RequestContext, type HandlerInput, type HandlerOutput } from '../protocol/index.js';
import { buildBatchView } from './batch-views.js';
import { limits, type CodeBuildDeps } from './deps.js';
import { ResourceNotFoundException } from './errors.js';
import { invalidNextToken } from './projects.js';

/** BatchGetBuildBatches: the batches found, in the order asked, and the ids not found. */
export function batchGetBuildBatches(deps: CodeBuildDeps, input: HandlerInput<BatchGetBuildBatchesInput>, ctx: RequestContext): HandlerOutput<BatchGetBuildBatchesOutput> {
  const buildBatches: Record<string, unknown>[] = [];
  const buildBatchesNotFound: string[] = [];
  for (const id of input.ids) {
    const batch = deps.batchStore.get(id, ctx);
    if (batch) buildBatches.push(buildBatchView(batch));
    else buildBatchesNotFound.push(id);
  }
  return { buildBatches, buildBatchesNotFound };
}

/** ListBuildBatches: the region's batch ids, newest first unless ASCENDING, of one status when filtered, maxResults (100) a page. */
export function listBuildBatches(deps: CodeBuildDeps, input: HandlerInput<ListBuildBatchesInput>, ctx: RequestContext): HandlerOutput<ListBuildBatchesOutput> {
  const ids = deps.batchStore.listIds(ctx, { status: input.filter?.status as BuildStatus | undefined, order: input.sortOrder });
  const page = pageByOffset(ids, input.nextToken, input.maxResults ?? limits.pageSize, invalidNextToken);
  return { ids: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

/** ListBuildBatchesForProject: the same, for one project, which must exist. */
export function listBuildBatchesForProject(deps: CodeBuildDeps, input: HandlerInput<ListBuildBatchesForProjectInput>, ctx: RequestContext): HandlerOutput<ListBuildBatchesForProjectOutput> {
  const projectName = input.projectName ?? '';
  if (!deps.store.getProject(ctx, projectName)) {
    throw new ResourceNotFoundException(`The provided project ${projectArn(ctx, projectName)} does not exist`); // wording as ListBuildsForProject's
  }
  const ids = deps.batchStore.listIds(ctx, { projectName, status: input.filter?.status as BuildStatus | undefined, order: input.sortOrder });
  const page = pageByOffset(ids, input.nextToken, input.maxResults ?? limits.pageSize, invalidNextToken);
  return { ids: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}
