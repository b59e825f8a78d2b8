import type {
  BatchGetDeploymentGroupsInput,
  BatchGetDeploymentGroupsOutput,
  CreateDeploymentGroupInput,
  CreateDeploymentGroupOutput,
  DeleteDeploymentGroupInput,
  DeleteDeploymentGroupOutput,
  DeploymentGroupInfo,
  GetDeploymentGroupInput,
  GetDeploymentGroupOutput,
  ListDeploymentGroupsInput,
  ListDeploymentGroupsOutput,
  UpdateDeploymentGroupInput,
  UpdateDeploymentGroupOutput,
} from '@aws-sdk/client-codedeploy';
import { DEFAULT_DEPLOYMENT_CONFIG, DEFAULT_LAMBDA_DEPLOYMENT_CONFIG } from '../../codedeploy/index.js';
import { toEpochSeconds } from '../../shared/index.js';
import type { DeploymentGroupRecord, DeploymentRecord, Scope } from '../../store/index.js';
import { pageByOffset, type RequestContext, type HandlerInput, type HandlerOutput } from '../protocol/index.js';
import { requireApplication, batchLimit } from './applications.js';
import { deploymentGroupArn } from './arns.js';
import { limits, type CodeDeployDeps } from './deps.js';
import * as errors from './errors.js';
import { checkGroupSettings, type GroupSettings } from './group-checks.js';
import { invalidNextToken } from './invalid-next-token.js';
import { checkTags, putResourceTags } from './tags.js';

/** The members kept as given and echoed back, but not acted on. */
const PASS_THROUGH = [
  'triggerConfigurations',
  'alarmConfiguration',
  'outdatedInstancesStrategy',
  'deploymentStyle',
  'blueGreenDeploymentConfiguration',
  'loadBalancerInfo',
  'ecsServices',
  'terminationHookEnabled',
] as const;

/** CreateDeploymentGroup's members (UpdateDeploymentGroup's, with its names). */
type GroupInput = GroupSettings & { applicationName: string; serviceRoleArn?: string } & Partial<Record<(typeof PASS_THROUGH)[number], unknown>>;

function groupRecord(input: GroupInput, id: string, name: string, computePlatform: DeploymentGroupRecord['computePlatform']): DeploymentGroupRecord {
  const passThrough = Object.fromEntries(PASS_THROUGH.filter((k) => input[k] !== undefined).map((k) => [k, input[k]]));
  return {
    applicationName: input.applicationName,
    deploymentGroupId: id,
    deploymentGroupName: name,
    deploymentConfigName: input.deploymentConfigName ?? (computePlatform === 'Lambda' ? DEFAULT_LAMBDA_DEPLOYMENT_CONFIG : DEFAULT_DEPLOYMENT_CONFIG),
    serviceRoleArn: input.serviceRoleArn ?? '',
    ec2TagFilters: input.ec2TagFilters ?? [],
    onPremisesInstanceTagFilters: input.onPremisesInstanceTagFilters ?? [],
    ...(input.ec2TagSet ? { ec2TagSet: input.ec2TagSet } : {}),
    ...(input.onPremisesTagSet ? { onPremisesTagSet: input.onPremisesTagSet } : {}),
    autoScalingGroups: input.autoScalingGroups ?? [],
    ...(input.autoRollbackConfiguration ? { autoRollbackConfiguration: input.autoRollbackConfiguration } : {}),
    computePlatform,
    passThrough,
  };
}

/** The input a stored group would have been created with, so an update can lay its members over it. */
function asInput(group: DeploymentGroupRecord): GroupInput {
  const { passThrough, deploymentGroupId: _id, deploymentGroupName: _name, computePlatform: _p, ...members } = group;
  return { ...members, ...passThrough } as GroupInput;
}

function lastDeployment(d: DeploymentRecord | undefined) {
  if (!d) return {};
  return { deploymentId: d.deploymentId, status: d.status, ...(d.completeMs ? { endTime: toEpochSeconds(d.completeMs) } : {}), createTime: toEpochSeconds(d.createMs) };
}

/** DeploymentGroupInfo as the API shows it, with its last deployments and target revision (the last successful one's). */
export function deploymentGroupView(deps: CodeDeployDeps, group: DeploymentGroupRecord): HandlerOutput<DeploymentGroupInfo> {
  const lastSuccessful = deps.deploymentStore.latestOfGroup(group.deploymentGroupId, 'Succeeded');
  const lastAttempted = deps.deploymentStore.latestOfGroup(group.deploymentGroupId);
  const { passThrough, ...members } = group;
  return {
    // Shown though not given, as AWS's batch-get-deployment-groups example shows them (ec2TagSet's empty list inferred).
    autoRollbackConfiguration: { enabled: false },
    ec2TagSet: { ec2TagSetList: [] },
    onPremisesTagSet: { onPremisesTagSetList: [] },
    ...Object.fromEntries(Object.entries(members).filter(([, v]) => v !== undefined)),
    // The output lists AutoScalingGroup structures, the input names; always empty, as groups with any are refused.
    autoScalingGroups: members.autoScalingGroups.map((name) => ({ name })),
    deploymentStyle:
      group.computePlatform === 'Lambda' ? { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' } : { deploymentType: 'IN_PLACE', deploymentOption: 'WITHOUT_TRAFFIC_CONTROL' },
    outdatedInstancesStrategy: 'UPDATE',
    triggerConfigurations: [],
    alarmConfiguration: { enabled: false, ignorePollAlarmFailure: false, alarms: [] },
    terminationHookEnabled: false,
    ...passThrough,
    ...(lastSuccessful ? { targetRevision: lastSuccessful.revision, lastSuccessfulDeployment: lastDeployment(lastSuccessful) } : {}),
    ...(lastAttempted ? { lastAttemptedDeployment: lastDeployment(lastAttempted) } : {}),
  };
}

/** A deployment group of the caller, or AWS's error for its application or itself. */
export function requireGroup(deps: CodeDeployDeps, scope: Scope, applicationName: string, name: string): DeploymentGroupRecord {
  requireApplication(deps, scope, applicationName);
  const group = deps.store.getDeploymentGroup(scope, applicationName, name);
  if (!group) throw new errors.DeploymentGroupDoesNotExistException(`No Deployment Group found for name: ${name}`);
  return group;
}

/** CreateDeploymentGroup. */
export function createDeploymentGroup(deps: CodeDeployDeps, input: HandlerInput<CreateDeploymentGroupInput>, ctx: RequestContext): HandlerOutput<CreateDeploymentGroupOutput> {
  const app = requireApplication(deps, ctx, input.applicationName);
  if (app.computePlatform === 'ECS') {
    throw new errors.InvalidInputException(`codepipeline-local emulates the Server and Lambda compute platforms only; application ${app.applicationName} is ECS.`);
  }
  checkGroupSettings(deps, ctx, input, app.computePlatform);
  checkTags(input.tags);
  if (deps.store.listDeploymentGroups(ctx, app.applicationName).length >= limits.deploymentGroupsPerApplication) {
    throw new errors.DeploymentGroupLimitExceededException('The deployment groups limit was exceeded.');
  }
  const group = groupRecord(input, deps.ids.uuid(), input.deploymentGroupName, app.computePlatform);
  if (!deps.store.createDeploymentGroup(ctx, group)) {
    throw new errors.DeploymentGroupAlreadyExistsException(`A deployment group named ${input.deploymentGroupName} already exists for application ${app.applicationName}.`); // wording inferred
  }
  if (input.tags?.length) putResourceTags(deps, deploymentGroupArn(ctx, app.applicationName, group.deploymentGroupName), input.tags, { replace: true });
  return { deploymentGroupId: group.deploymentGroupId };
}

/** UpdateDeploymentGroup: members given replace the stored ones; newDeploymentGroupName renames it. */
export function updateDeploymentGroup(
  deps: CodeDeployDeps,
  input: HandlerInput<UpdateDeploymentGroupInput>,
  ctx: RequestContext,
): HandlerOutput<UpdateDeploymentGroupOutput> {
  const current = requireGroup(deps, ctx, input.applicationName, input.currentDeploymentGroupName);
  const { currentDeploymentGroupName, newDeploymentGroupName, ...members } = input;
  const defined = Object.fromEntries(Object.entries(members).filter(([, v]) => v !== undefined));
  const merged: GroupInput = { ...asInput(current), ...defined };
  checkGroupSettings(deps, ctx, merged, current.computePlatform);
  const name = newDeploymentGroupName ?? currentDeploymentGroupName;
  const updated = groupRecord(merged, current.deploymentGroupId, name, current.computePlatform);
  if (!deps.store.replaceDeploymentGroup(ctx, currentDeploymentGroupName, updated)) {
    throw new errors.DeploymentGroupAlreadyExistsException(`A deployment group named ${name} already exists for application ${input.applicationName}.`); // wording inferred
  }
  if (name !== currentDeploymentGroupName) moveTags(deps, deploymentGroupArn(ctx, input.applicationName, currentDeploymentGroupName), deploymentGroupArn(ctx, input.applicationName, name));
  return { hooksNotCleanedUp: [] };
}

/** Tags belong to the group, not its name: a renamed group keeps them under its new ARN. */
function moveTags(deps: CodeDeployDeps, from: string, to: string): void {
  const tags = deps.tags.list(from);
  if (!tags.length) return;
  deps.tags.put(to, tags, limits.tagsPerResource);
  deps.tags.remove(from, tags.map((t) => t.key));
}

/** GetDeploymentGroup. */
export function getDeploymentGroup(deps: CodeDeployDeps, input: HandlerInput<GetDeploymentGroupInput>, ctx: RequestContext): HandlerOutput<GetDeploymentGroupOutput> {
  return { deploymentGroupInfo: deploymentGroupView(deps, requireGroup(deps, ctx, input.applicationName, input.deploymentGroupName)) };
}

/** ListDeploymentGroups: names in name order, 100 per page. */
export function listDeploymentGroups(deps: CodeDeployDeps, input: HandlerInput<ListDeploymentGroupsInput>, ctx: RequestContext): HandlerOutput<ListDeploymentGroupsOutput> {
  requireApplication(deps, ctx, input.applicationName);
  const names = deps.store.listDeploymentGroups(ctx, input.applicationName).map((g) => g.deploymentGroupName);
  const page = pageByOffset(names, input.nextToken, limits.pageSize, invalidNextToken);
  return { applicationName: input.applicationName, deploymentGroups: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

/** BatchGetDeploymentGroups: the groups found, and an errorMessage naming those that were not. */
export function batchGetDeploymentGroups(deps: CodeDeployDeps, input: HandlerInput<BatchGetDeploymentGroupsInput>, ctx: RequestContext): HandlerOutput<BatchGetDeploymentGroupsOutput> {
  if (input.deploymentGroupNames.length > limits.batchNames) throw batchLimit(limits.batchNames);
  requireApplication(deps, ctx, input.applicationName);
  const found = input.deploymentGroupNames.map((name) => [name, deps.store.getDeploymentGroup(ctx, input.applicationName, name)] as const);
  const missing = found.filter(([, g]) => !g).map(([name]) => name);
  return {
    deploymentGroupsInfo: found.flatMap(([, g]) => (g ? [deploymentGroupView(deps, g)] : [])),
    // AWS answers an empty errorMessage when every group was found (its batch-get-deployment-groups example).
    errorMessage: missing.length ? `Deployment groups not found: ${missing.join(', ')}` : '', // wording inferred
  };
}

/** DeleteDeploymentGroup: a missing group is not an error; its deployments stay readable. */
export function deleteDeploymentGroup(deps: CodeDeployDeps, input: HandlerInput<DeleteDeploymentGroupInput>, ctx: RequestContext): HandlerOutput<DeleteDeploymentGroupOutput> {
  deps.store.deleteDeploymentGroup(ctx, input.applicationName, input.deploymentGroupName);
  deps.tags.removeAll(deploymentGroupArn(ctx, input.applicationName, input.deploymentGroupName));
  return { hooksNotCleanedUp: [] };
}
