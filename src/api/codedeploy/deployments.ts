import type {
  BatchGetDeploymentsInput,
  BatchGetDeploymentsOutput,
  CreateDeploymentInput,
  CreateDeploymentOutput,
  GetDeploymentInput,
  GetDeploymentOutput,
  ListDeploymentsInput,
  ListDeploymentsOutput,
  StopDeploymentInput,
  StopDeploymentOutput,
} from '@aws-sdk/client-codedeploy';
import type { DeploymentRecord } from '../../store/index.js';
import { pageByOffset, type RequestContext, type HandlerInput, type HandlerOutput } from '../protocol/index.js';
import { batchLimit } from './applications.js';
import { requireGroup } from './deployment-groups.js';
import { deploymentInfo } from './deployment-views.js';
import { limits, type CodeDeployDeps } from './deps.js';
import * as errors from './errors.js';
import { invalidNextToken } from './invalid-next-token.js';
import { callDeployments, callDeploymentsAsync } from './refusals.js';

/** A deployment of the caller, or AWS's error for its id. */
export function requireDeployment(deps: CodeDeployDeps, ctx: RequestContext, deploymentId: string): DeploymentRecord {
  return callDeployments(() => deps.deployments.get(ctx, deploymentId));
}

function info(deps: CodeDeployDeps, d: DeploymentRecord) {
  return deploymentInfo(d, deps.deploymentStore.targets(d.deploymentId));
}

/** CreateDeployment: starts a deployment of a revision to a deployment group's instances. */
export async function createDeployment(deps: CodeDeployDeps, input: HandlerInput<CreateDeploymentInput>, ctx: RequestContext): Promise<HandlerOutput<CreateDeploymentOutput>> {
  if ((input.description?.length ?? 0) > limits.descriptionLength) throw new errors.DescriptionTooLongException('The description is too long.');
  const deployment = await callDeploymentsAsync(() => deps.deployments.create(ctx, input));
  return { deploymentId: deployment.deploymentId };
}

/** GetDeployment. */
export function getDeployment(deps: CodeDeployDeps, input: HandlerInput<GetDeploymentInput>, ctx: RequestContext): HandlerOutput<GetDeploymentOutput> {
  return { deploymentInfo: info(deps, requireDeployment(deps, ctx, input.deploymentId)) };
}

/** BatchGetDeployments: up to 25; ids of no deployment of the caller are left out. */
export function batchGetDeployments(deps: CodeDeployDeps, input: HandlerInput<BatchGetDeploymentsInput>, ctx: RequestContext): HandlerOutput<BatchGetDeploymentsOutput> {
  if (input.deploymentIds.length > limits.batchIds) throw batchLimit(limits.batchIds);
  const found = input.deploymentIds.flatMap((id) => {
    const d = deps.deploymentStore.get(id);
    return d && d.account === ctx.account && d.region === ctx.region ? [info(deps, d)] : [];
  });
  return { deploymentsInfo: found };
}

/** ListDeployments: newest first, 100 per page; applicationName and deploymentGroupName come together or not at all. */
export function listDeployments(
  deps: CodeDeployDeps,
  input: HandlerInput<ListDeploymentsInput>,
  ctx: RequestContext,
): HandlerOutput<ListDeploymentsOutput> {
  if (input.deploymentGroupName !== undefined && input.applicationName === undefined) {
    throw new errors.ApplicationNameRequiredException('The minimum number of required application names was not specified.');
  }
  if (input.applicationName !== undefined && input.deploymentGroupName === undefined) {
    throw new errors.DeploymentGroupNameRequiredException('The deployment group name was not specified.');
  }
  const range = input.createTimeRange;
  if (range?.start !== undefined && range.end !== undefined && range.start > range.end) {
    throw new errors.InvalidTimeRangeException('The specified time range was specified in an invalid format.');
  }
  const group = input.applicationName ? requireGroup(deps, ctx, input.applicationName, input.deploymentGroupName!) : undefined;
  const ids = deps.deploymentStore
    .list(ctx, {
      ...(group ? { deploymentGroupId: group.deploymentGroupId } : {}),
      ...(input.includeOnlyStatuses ? { statuses: input.includeOnlyStatuses } : {}),
      ...(range?.start !== undefined ? { createdFromMs: range.start * 1000 } : {}),
      ...(range?.end !== undefined ? { createdToMs: range.end * 1000 } : {}),
      ...(input.externalId !== undefined ? { externalId: input.externalId } : {}),
    })
    .map((d) => d.deploymentId);
  const page = pageByOffset(ids, input.nextToken, limits.pageSize, invalidNextToken);
  return { deployments: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

/** StopDeployment: instances in flight finish their current event; the deployment ends Stopped (rolled back if asked). */
export function stopDeployment(deps: CodeDeployDeps, input: HandlerInput<StopDeploymentInput>, ctx: RequestContext): HandlerOutput<StopDeploymentOutput> {
  return callDeployments(() => deps.deployments.stop(ctx, input.deploymentId, input.autoRollbackEnabled));
}
