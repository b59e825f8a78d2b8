import type { CreateFleetInput, Fleet, UpdateFleetInput } from '@aws-sdk/client-codebuild';
import { formatArn, toEpochSeconds } from '../../shared/index.js';
import type { FleetRecord } from '../../store/index.js';
import type { HandlerInput, HandlerOutput, RequestContext } from '../protocol/index.js';
import type { CodeBuildDeps } from './deps.js';
import { InvalidInputException } from './errors.js';

// The members of a fleet that CreateFleet and UpdateFleet both set, and that UpdateFleet replaces when given.
type FleetSettings = Omit<HandlerInput<UpdateFleetInput>, 'arn'>;

/** The ARN of a fleet: `arn:aws:codebuild:<region>:<account>:fleet/<name>:<uuid>`, as AWS's fleet ARNs read. */
export function fleetArn(scope: { account: string; region: string }, name: string, uuid: string): string {
  return formatArn({ service: 'codebuild', region: scope.region, account: scope.account, resource: `fleet/${name}:${uuid}` });
}

/** A new fleet from CreateFleet's input, validated; ACTIVE at once, since nothing is provisioned here (inferred). */
export function newFleet(ctx: RequestContext, input: HandlerInput<CreateFleetInput>, uuid: string, nowMs: number): FleetRecord {
  const arn = fleetArn(ctx, input.name, uuid);
  const fleet: FleetRecord = {
    arn,
    name: input.name,
    id: `${input.name}:${uuid}`,
    createdMs: nowMs,
    lastModifiedMs: nowMs,
    status: { statusCode: 'ACTIVE' },
    baseCapacity: input.baseCapacity,
    environmentType: input.environmentType,
    computeType: input.computeType,
    overflowBehavior: 'QUEUE',
    tags: [],
  };
  return withSettings(fleet, input);
}

/** The fleet with UpdateFleet's members applied: those given replace the fleet's, the rest stay. */
export function updatedFleet(fleet: FleetRecord, input: FleetSettings, nowMs: number): FleetRecord {
  return withSettings({ ...fleet, lastModifiedMs: nowMs }, input);
}

function withSettings(fleet: FleetRecord, input: FleetSettings): FleetRecord {
  const next: FleetRecord = { ...fleet };
  if (input.baseCapacity !== undefined) next.baseCapacity = input.baseCapacity;
  if (input.environmentType !== undefined) next.environmentType = input.environmentType;
  if (input.computeType !== undefined) next.computeType = input.computeType;
  if (input.computeConfiguration !== undefined) next.computeConfiguration = { ...input.computeConfiguration };
  if (input.scalingConfiguration !== undefined) next.scalingConfiguration = { ...input.scalingConfiguration };
  if (input.overflowBehavior !== undefined) next.overflowBehavior = input.overflowBehavior;
  if (input.vpcConfig !== undefined) next.vpcConfig = { ...input.vpcConfig };
  if (input.proxyConfiguration !== undefined) next.proxyConfiguration = { ...input.proxyConfiguration };
  if (input.imageId !== undefined) next.imageId = input.imageId;
  if (input.fleetServiceRole !== undefined) next.fleetServiceRole = input.fleetServiceRole;
  if (input.tags !== undefined) next.tags = input.tags.map((t) => ({ ...t }));
  if (next.computeType !== 'ATTRIBUTE_BASED_COMPUTE' && next.computeType !== 'CUSTOM_INSTANCE_TYPE' && input.computeType !== undefined && input.computeConfiguration === undefined) {
    delete next.computeConfiguration;
  }
  assertValidFleet(next);
  return next;
}

// Wordings inferred: AWS's documentation states the rules (a capacity of at least 1; attribute-based compute takes
// its attributes from computeConfiguration; a scaling maximum not below the base capacity), not its messages.
function assertValidFleet(fleet: FleetRecord): void {
  if (fleet.baseCapacity < 1) throw new InvalidInputException('Invalid baseCapacity: baseCapacity must be greater than or equal to 1');
  const compute = fleet.computeConfiguration as { vCpu?: number; memory?: number; disk?: number; instanceType?: string } | undefined;
  if (fleet.computeType === 'ATTRIBUTE_BASED_COMPUTE' && (compute === undefined || (compute.vCpu === undefined && compute.memory === undefined && compute.disk === undefined))) {
    throw new InvalidInputException('Invalid computeConfiguration: computeConfiguration is required for computeType ATTRIBUTE_BASED_COMPUTE');
  }
  if (fleet.computeType === 'CUSTOM_INSTANCE_TYPE' && !compute?.instanceType) {
    throw new InvalidInputException('Invalid computeConfiguration: instanceType is required for computeType CUSTOM_INSTANCE_TYPE');
  }
  for (const key of ['vCpu', 'memory', 'disk'] as const) {
    const value = compute?.[key];
    if (value !== undefined && value < 1) throw new InvalidInputException(`Invalid computeConfiguration: ${key} must be greater than 0`);
  }
  if (fleet.computeType.startsWith('BUILD_LAMBDA_') || fleet.environmentType.endsWith('_LAMBDA_CONTAINER')) {
    throw new InvalidInputException(`Invalid fleet: Lambda compute is not supported for reserved capacity fleets`);
  }
  const scaling = fleet.scalingConfiguration as { scalingType?: string; maxCapacity?: number; targetTrackingScalingConfigs?: { metricType?: string; targetValue?: number }[] } | undefined;
  if (scaling !== undefined) {
    if (scaling.scalingType === undefined) throw new InvalidInputException('Invalid scalingConfiguration: scalingType is required');
    if (scaling.maxCapacity === undefined) throw new InvalidInputException('Invalid scalingConfiguration: maxCapacity is required');
    if (scaling.maxCapacity < fleet.baseCapacity) throw new InvalidInputException('Invalid scalingConfiguration: maxCapacity must be greater than or equal to baseCapacity');
    for (const config of scaling.targetTrackingScalingConfigs ?? []) {
      if (config.targetValue !== undefined && (config.targetValue <= 0 || config.targetValue > 100)) {
        throw new InvalidInputException('Invalid scalingConfiguration: targetValue must be greater than 0 and at most 100');
      }
    }
  }
}

/** A fleet as CodeBuild's API shows it (Fleet), with epoch-second timestamps and the scaling's desired capacity. */
export function fleetView(fleet: FleetRecord, statusCode?: string): HandlerOutput<Fleet> {
  const { createdMs, lastModifiedMs, scalingConfiguration, ...rest } = fleet;
  return {
    ...rest,
    status: statusCode === undefined ? fleet.status : { statusCode },
    created: toEpochSeconds(createdMs),
    lastModified: toEpochSeconds(lastModifiedMs),
    ...(scalingConfiguration ? { scalingConfiguration: { ...scalingConfiguration, desiredCapacity: fleet.baseCapacity } } : {}),
  } as HandlerOutput<Fleet>;
}

/** The fleet ARN a project's (or build's) environment names, if any. */
export function fleetArnOf(environment: { readonly [member: string]: unknown }): string | undefined {
  const fleet = environment.fleet as { fleetArn?: string } | undefined;
  return fleet?.fleetArn;
}

/** Throws InvalidInputException when a project's environment names a fleet the caller's scope does not hold (wording inferred). */
export function assertFleetExists(deps: CodeBuildDeps, ctx: RequestContext, environment: { readonly [member: string]: unknown }): void {
  const arn = fleetArnOf(environment);
  if (arn !== undefined && !deps.fleets.getFleet(ctx, arn)) throw new InvalidInputException(`Invalid fleet ARN: fleet ${arn} does not exist`);
}
