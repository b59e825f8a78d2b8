import type {
  BatchGetBuildsInput,
  BatchGetBuildsOutput,
  ListBuildsForProjectInput,
  ListBuildsForProjectOutput,
  ListBuildsInput,
  ListBuildsOutput,
} from '@aws-sdk/client-codebuild';
import { projectArn } from '../../codebuild/index.js';
import { pageByOffset, type RequestContext, type HandlerInput, type HandlerOutput } from '../protocol/index.js';
import { limits, type CodeBuildDeps } from './deps.js';
import { ResourceNotFoundException } from './errors.js';
import { invalidNextToken } from './projects.js';
import { buildView } from './views.js';

/** BatchGetBuilds: the builds found, in the order asked, and the ids not found. */
export function batchGetBuilds(deps: CodeBuildDeps, input: HandlerInput<BatchGetBuildsInput>, ctx: RequestContext): HandlerOutput<BatchGetBuildsOutput> {
  const builds: Record<string, unknown>[] = [];
  const buildsNotFound: string[] = [];
  for (const id of input.ids) {
    const build = deps.store.getBuild(id, ctx);
    if (build) builds.push(buildView(build));
    else buildsNotFound.push(id);
  }
  return { builds, buildsNotFound };
}

/** ListBuilds: every build id of the region, newest first unless ASCENDING, 100 a page. */
export function listBuilds(deps: CodeBuildDeps, input: HandlerInput<ListBuildsInput>, ctx: RequestContext): HandlerOutput<ListBuildsOutput> {
  const page = pageByOffset(deps.store.listBuildIds(ctx, input.sortOrder), input.nextToken, limits.pageSize, invalidNextToken);
  return { ids: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

/** ListBuildsForProject: a project's build ids by build number, highest first unless ASCENDING, 100 a page. */
export function listBuildsForProject(deps: CodeBuildDeps, input: HandlerInput<ListBuildsForProjectInput>, ctx: RequestContext): HandlerOutput<ListBuildsForProjectOutput> {
  if (!deps.store.getProject(ctx, input.projectName)) {
    throw new ResourceNotFoundException(`The provided project ${projectArn(ctx, input.projectName)} does not exist`); // wording from moto
  }
  const ids = deps.store.listBuildIdsForProject(ctx, input.projectName, input.sortOrder);
  const page = pageByOffset(ids, input.nextToken, limits.pageSize, invalidNextToken);
  return { ids: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}
