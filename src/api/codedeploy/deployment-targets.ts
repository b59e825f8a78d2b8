import type {
  BatchGetDeploymentInstancesInput,
  BatchGetDeploymentInstancesOutput,
  BatchGetDeploymentTargetsInput,
  BatchGetDeploymentTargetsOutput,
  GetDeploymentInstanceInput,
  GetDeploymentInstanceOutput,
  GetDeploymentTargetInput,
  GetDeploymentTargetOutput,
  ListDeploymentInstancesInput,
  ListDeploymentInstancesOutput,
  ListDeploymentTargetsInput,
  ListDeploymentTargetsOutput,
} from '@aws-sdk/client-codedeploy';
import type { DeploymentTargetRecord } from '../../store/index.js';
import { pageByOffset, type RequestContext, type HandlerInput, type HandlerOutput } from '../protocol/index.js';
import { batchLimit } from './applications.js';
import { deploymentTargetView, instanceSummaryView } from './deployment-views.js';
import { requireDeployment } from './deployments.js';
import { limits, type CodeDeployDeps } from './deps.js';
import * as errors from './errors.js';
import { invalidNextToken } from './invalid-next-token.js';

function targetsOf(deps: CodeDeployDeps, ctx: RequestContext, deploymentId: string): DeploymentTargetRecord[] {
  requireDeployment(deps, ctx, deploymentId);
  return deps.deploymentStore.targets(deploymentId);
}

// The deprecated instance operations know EC2/On-premises deployments only; a Lambda deployment's target is read with the target operations.
function instanceTargetsOf(deps: CodeDeployDeps, ctx: RequestContext, deploymentId: string): DeploymentTargetRecord[] {
  const deployment = requireDeployment(deps, ctx, deploymentId);
  if (deployment.computePlatform === 'Lambda') {
    throw new errors.InvalidComputePlatformException(`Deployment ${deploymentId} is on the Lambda compute platform, which has no instances: use ListDeploymentTargets and BatchGetDeploymentTargets.`); // wording inferred
  }
  return deps.deploymentStore.targets(deploymentId);
}

// A target is named by its instance name (targetId) or its instance ARN.
function findTarget(targets: DeploymentTargetRecord[], id: string): DeploymentTargetRecord | undefined {
  return targets.find((t) => t.targetId === id || t.targetArn === id);
}

function requireTarget(targets: DeploymentTargetRecord[], targetId: string): DeploymentTargetRecord {
  const target = findTarget(targets, targetId);
  if (!target) throw new errors.DeploymentTargetDoesNotExistException(`The provided target ID ${targetId} does not belong to the attempted deployment.`);
  return target;
}

function requireInstance(targets: DeploymentTargetRecord[], instanceId: string): DeploymentTargetRecord {
  const target = findTarget(targets, instanceId);
  if (!target) throw new errors.InstanceDoesNotExistException(`The specified instance ${instanceId} does not exist in the deployment.`);
  return target;
}

function page<T>(items: T[], nextToken: string | undefined) {
  return pageByOffset(items, nextToken, limits.pageSize, invalidNextToken);
}

/** ListDeploymentTargets: the instance names, filtered by TargetStatus (a ServerInstanceLabel filter matches none: no blue/green). */
export function listDeploymentTargets(
  deps: CodeDeployDeps,
  input: HandlerInput<ListDeploymentTargetsInput>,
  ctx: RequestContext,
): HandlerOutput<ListDeploymentTargetsOutput> {
  const statuses = input.targetFilters?.TargetStatus;
  const labels = input.targetFilters?.ServerInstanceLabel;
  const ids = targetsOf(deps, ctx, input.deploymentId)
    .filter((t) => (!statuses?.length || statuses.includes(t.status)) && !labels?.length)
    .map((t) => t.targetId);
  const p = page(ids, input.nextToken);
  return { targetIds: p.items, ...(p.nextToken ? { nextToken: p.nextToken } : {}) };
}

/** BatchGetDeploymentTargets: up to 25 targets with their lifecycle events. */
export function batchGetDeploymentTargets(deps: CodeDeployDeps, input: HandlerInput<BatchGetDeploymentTargetsInput>, ctx: RequestContext): HandlerOutput<BatchGetDeploymentTargetsOutput> {
  if (input.targetIds.length > limits.batchIds) {
    throw new errors.DeploymentTargetListSizeExceededException(`The maximum number of targets (${limits.batchIds}) that can be requested at once was exceeded.`);
  }
  const targets = targetsOf(deps, ctx, input.deploymentId);
  return { deploymentTargets: input.targetIds.map((id) => deploymentTargetView(requireTarget(targets, id))) };
}

/** GetDeploymentTarget. */
export function getDeploymentTarget(deps: CodeDeployDeps, input: HandlerInput<GetDeploymentTargetInput>, ctx: RequestContext): HandlerOutput<GetDeploymentTargetOutput> {
  return { deploymentTarget: deploymentTargetView(requireTarget(targetsOf(deps, ctx, input.deploymentId), input.targetId)) };
}

/** ListDeploymentInstances (deprecated by AWS, still used): the instance names, filtered by status. */
export function listDeploymentInstances(
  deps: CodeDeployDeps,
  input: HandlerInput<ListDeploymentInstancesInput>,
  ctx: RequestContext,
): HandlerOutput<ListDeploymentInstancesOutput> {
  const statuses = input.instanceStatusFilter;
  const ids = instanceTargetsOf(deps, ctx, input.deploymentId)
    .filter((t) => (!statuses?.length || statuses.includes(t.status)) && !input.instanceTypeFilter?.length)
    .map((t) => t.targetId);
  const p = page(ids, input.nextToken);
  return { instancesList: p.items, ...(p.nextToken ? { nextToken: p.nextToken } : {}) };
}

/** GetDeploymentInstance. */
export function getDeploymentInstance(deps: CodeDeployDeps, input: HandlerInput<GetDeploymentInstanceInput>, ctx: RequestContext): HandlerOutput<GetDeploymentInstanceOutput> {
  return { instanceSummary: instanceSummaryView(requireInstance(instanceTargetsOf(deps, ctx, input.deploymentId), input.instanceId)) };
}

/** BatchGetDeploymentInstances: up to 25; instances not in the deployment are named in errorMessage. */
export function batchGetDeploymentInstances(deps: CodeDeployDeps, input: HandlerInput<BatchGetDeploymentInstancesInput>, ctx: RequestContext): HandlerOutput<BatchGetDeploymentInstancesOutput> {
  if (input.instanceIds.length > limits.batchIds) throw batchLimit(limits.batchIds);
  const targets = instanceTargetsOf(deps, ctx, input.deploymentId);
  const found = input.instanceIds.map((id) => [id, findTarget(targets, id)] as const);
  const missing = found.filter(([, t]) => !t).map(([id]) => id);
  return {
    instancesSummary: found.flatMap(([, t]) => (t ? [instanceSummaryView(t)] : [])),
    ...(missing.length ? { errorMessage: `Instances not found in deployment ${input.deploymentId}: ${missing.join(', ')}` } : {}), // wording inferred
  };
}
