import type {
  AddTagsToOnPremisesInstancesInput,
  BatchGetOnPremisesInstancesInput,
  BatchGetOnPremisesInstancesOutput,
  DeregisterOnPremisesInstanceInput,
  GetOnPremisesInstanceInput,
  GetOnPremisesInstanceOutput,
  InstanceInfo,
  ListOnPremisesInstancesInput,
  ListOnPremisesInstancesOutput,
  RegisterOnPremisesInstanceInput,
  RemoveTagsFromOnPremisesInstancesInput,
} from '@aws-sdk/client-codedeploy';
import { effectiveFilterType, matchesTagGroup, type InstanceRegistry } from '../../codedeploy/index.js';
import { formatArn, randomAlphanumeric, toEpochSeconds } from '../../shared/index.js';
import type { InstanceRecord, InstanceTag } from '../../store/index.js';
import { InternalFailure, pageByOffset, type HandlerInput, type HandlerOutput, type NoOutput, type RequestContext } from '../protocol/index.js';
import * as errors from './errors.js';
import { invalidNextToken } from './invalid-next-token.js';
import { checkIamArns, checkInstanceName, checkInstanceNames, checkTags, instanceLimits } from './on-premises-checks.js';
import type { CodeDeployHandlers } from './operations.js';

/** What the on-premises instance operations need. */
export interface OnPremisesDeps {
  registry: InstanceRegistry;
}

/** `arn:aws:codedeploy:<region>:<account>:instance/<name>_<10 characters>`: AWS adds a random suffix to each registration. */
export function onPremisesInstanceArn(ctx: RequestContext, name: string): string {
  return formatArn({ service: 'codedeploy', region: ctx.region, account: ctx.account, resource: `instance/${name}_${randomAlphanumeric(10)}` });
}

/** An instance as CodeDeploy's InstanceInfo shape shows it. */
export function instanceInfo(record: InstanceRecord): HandlerOutput<InstanceInfo> {
  return {
    instanceName: record.instanceName,
    ...(record.iamSessionArn ? { iamSessionArn: record.iamSessionArn } : {}),
    ...(record.iamUserArn ? { iamUserArn: record.iamUserArn } : {}),
    instanceArn: record.instanceArn,
    registerTime: toEpochSeconds(record.registerMs),
    ...(record.deregisterMs !== undefined ? { deregisterTime: toEpochSeconds(record.deregisterMs) } : {}),
    tags: record.tags,
  };
}

function isRegistered(record: InstanceRecord | undefined): record is InstanceRecord {
  return record !== undefined && record.deregisterMs === undefined;
}

/** RegisterOnPremisesInstance: registers an instance and starts the Nginx container standing in for it. */
export async function registerOnPremisesInstance(deps: OnPremisesDeps, input: HandlerInput<RegisterOnPremisesInstanceInput>, ctx: RequestContext): Promise<NoOutput> {
  const instanceName = checkInstanceName(input.instanceName);
  const iam = checkIamArns(input);
  if (isRegistered(deps.registry.get(ctx, instanceName))) {
    throw new errors.InstanceNameAlreadyRegisteredException(`The on-premises instance name ${instanceName} is already registered.`);
  }
  const registered = deps.registry.list(ctx).filter(isRegistered);
  if (iam.iamUserArn && registered.some((r) => r.iamUserArn === iam.iamUserArn)) {
    throw new errors.IamUserArnAlreadyRegisteredException(`The IAM user ARN ${iam.iamUserArn} is already registered with an on-premises instance.`);
  }
  if (iam.iamSessionArn && registered.some((r) => r.iamSessionArn === iam.iamSessionArn)) {
    throw new errors.IamSessionArnAlreadyRegisteredException(`The IAM session ARN ${iam.iamSessionArn} has already been used to register a different instance.`);
  }
  let instance;
  try {
    instance = await deps.registry.register(ctx, { instanceName, instanceArn: onPremisesInstanceArn(ctx, instanceName), ...iam });
  } catch (error) {
    throw new InternalFailure(`codepipeline-local could not start the container of instance ${instanceName}: ${(error as Error).message}`, { cause: error });
  }
  if (!instance) throw new errors.InstanceNameAlreadyRegisteredException(`The on-premises instance name ${instanceName} is already registered.`);
  return {};
}

/** DeregisterOnPremisesInstance: deregisters an instance (kept, with its tags, as deregistered) and removes its container. */
export async function deregisterOnPremisesInstance(deps: OnPremisesDeps, input: HandlerInput<DeregisterOnPremisesInstanceInput>, ctx: RequestContext): Promise<NoOutput> {
  // The operation declares no error for an unknown name: deregistering one is a no-op (inferred).
  await deps.registry.deregister(ctx, checkInstanceName(input.instanceName));
  return {};
}

function requireRegistered(deps: OnPremisesDeps, names: string[], ctx: RequestContext): void {
  const missing = names.filter((name) => !isRegistered(deps.registry.get(ctx, name)));
  if (missing.length > 0) throw new errors.InstanceNotRegisteredException(`The specified on-premises instance is not registered: ${missing.join(', ')}.`);
}

function tooManyInstances(): Error {
  return new errors.InstanceLimitExceededException(`The maximum number of allowed on-premises instances in a single call (${instanceLimits.instancesPerTagCall}) was exceeded.`);
}

/** AddTagsToOnPremisesInstances: adds tags (a key already there gets the new value), at most 10 per instance. */
export function addTagsToOnPremisesInstances(deps: OnPremisesDeps, input: HandlerInput<AddTagsToOnPremisesInstancesInput>, ctx: RequestContext): NoOutput {
  const tags = checkTags(input.tags);
  const names = checkInstanceNames(input.instanceNames, instanceLimits.instancesPerTagCall, tooManyInstances);
  requireRegistered(deps, names, ctx);
  const merge = (existing: InstanceTag[]) => {
    const merged = existing.map((t) => ({ ...t }));
    for (const tag of tags) {
      const same = merged.find((t) => t.Key === tag.Key);
      if (same) same.Value = tag.Value;
      else merged.push(tag);
    }
    return merged;
  };
  for (const name of names) {
    if (merge(deps.registry.get(ctx, name)!.tags).length > instanceLimits.tagsPerInstance) {
      throw new errors.TagLimitExceededException(`The maximum allowed number of tags (${instanceLimits.tagsPerInstance}) was exceeded for the on-premises instance ${name}.`);
    }
  }
  deps.registry.updateTags(ctx, names, merge);
  return {};
}

/** RemoveTagsFromOnPremisesInstances: removes the tags with these keys (and these values, when given). */
export function removeTagsFromOnPremisesInstances(deps: OnPremisesDeps, input: HandlerInput<RemoveTagsFromOnPremisesInstancesInput>, ctx: RequestContext): NoOutput {
  if (input.tags.length === 0) throw new errors.TagRequiredException('A tag was not specified.');
  if (input.tags.some((t) => !t.Key)) throw new errors.InvalidTagException('The tag was specified in an invalid format: keys cannot be null or empty strings.');
  const names = checkInstanceNames(input.instanceNames, instanceLimits.instancesPerTagCall, tooManyInstances);
  requireRegistered(deps, names, ctx);
  const removes = (tag: InstanceTag) => input.tags.some((t) => t.Key === tag.Key && (t.Value === undefined || t.Value === tag.Value));
  deps.registry.updateTags(ctx, names, (existing) => existing.filter((tag) => !removes(tag)));
  return {};
}

/** GetOnPremisesInstance: an instance, registered or deregistered. */
export function getOnPremisesInstance(deps: OnPremisesDeps, input: HandlerInput<GetOnPremisesInstanceInput>, ctx: RequestContext): HandlerOutput<GetOnPremisesInstanceOutput> {
  const record = deps.registry.get(ctx, checkInstanceName(input.instanceName));
  if (!record) throw new errors.InstanceNotRegisteredException(`The specified on-premises instance is not registered: ${input.instanceName}.`);
  return { instanceInfo: instanceInfo(record) };
}

/** BatchGetOnPremisesInstances: the instances found among up to 100 names; unknown names are left out. */
export function batchGetOnPremisesInstances(deps: OnPremisesDeps, input: HandlerInput<BatchGetOnPremisesInstancesInput>, ctx: RequestContext): HandlerOutput<BatchGetOnPremisesInstancesOutput> {
  if (input.instanceNames.length > instanceLimits.batchNames) {
    throw new errors.BatchLimitExceededException(`The maximum number of names or IDs allowed for this request (${instanceLimits.batchNames}) was exceeded.`);
  }
  const records = [...new Set(input.instanceNames)].map(checkInstanceName).flatMap((name) => deps.registry.get(ctx, name) ?? []);
  return { instanceInfos: records.map(instanceInfo) };
}

/** ListOnPremisesInstances: names in name order, both registration statuses unless one is asked for; tag filters OR together. */
export function listOnPremisesInstances(deps: OnPremisesDeps, input: HandlerInput<ListOnPremisesInstancesInput>, ctx: RequestContext): HandlerOutput<ListOnPremisesInstancesOutput> {
  const filters = input.tagFilters ?? [];
  if (filters.some((f) => effectiveFilterType(f) === undefined)) {
    throw new errors.InvalidTagFilterException('The tag filter was specified in an invalid format: each filter needs a Key or a Value, and Type KEY_ONLY, VALUE_ONLY or KEY_AND_VALUE.');
  }
  const wanted = (r: InstanceRecord) =>
    (input.registrationStatus === undefined || (input.registrationStatus === 'Registered') === isRegistered(r)) && (filters.length === 0 || matchesTagGroup(r.tags, filters));
  const names = deps.registry.list(ctx).filter(wanted).map((r) => r.instanceName);
  const page = pageByOffset(names, input.nextToken, instanceLimits.pageSize, invalidNextToken);
  return { instanceNames: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

/** The on-premises instance operations, to spread into the CodeDeploy service's handler table. */
export function onPremisesHandlers(deps: OnPremisesDeps): CodeDeployHandlers {
  return {
    RegisterOnPremisesInstance: (input, ctx) => registerOnPremisesInstance(deps, input, ctx),
    DeregisterOnPremisesInstance: (input, ctx) => deregisterOnPremisesInstance(deps, input, ctx),
    AddTagsToOnPremisesInstances: (input, ctx) => addTagsToOnPremisesInstances(deps, input, ctx),
    RemoveTagsFromOnPremisesInstances: (input, ctx) => removeTagsFromOnPremisesInstances(deps, input, ctx),
    GetOnPremisesInstance: (input, ctx) => getOnPremisesInstance(deps, input, ctx),
    BatchGetOnPremisesInstances: (input, ctx) => batchGetOnPremisesInstances(deps, input, ctx),
    ListOnPremisesInstances: (input, ctx) => listOnPremisesInstances(deps, input, ctx),
  };
}
