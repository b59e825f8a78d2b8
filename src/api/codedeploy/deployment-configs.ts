import type {
  CreateDeploymentConfigInput,
  CreateDeploymentConfigOutput,
  DeleteDeploymentConfigInput,
  DeploymentConfigInfo,
  GetDeploymentConfigInput,
  GetDeploymentConfigOutput,
  ListDeploymentConfigsInput,
  ListDeploymentConfigsOutput,
} from '@aws-sdk/client-codedeploy';
import { BUILT_IN_CONFIG_PREFIX, BUILT_IN_DEPLOYMENT_CONFIGS, findBuiltInConfig, minimumHealthyHostsProblem, lookupConfig } from '../../codedeploy/index.js';
import { toEpochSeconds } from '../../shared/index.js';
import { ACTIVE_DEPLOYMENT_STATUSES, type DeploymentConfigRecord } from '../../store/index.js';
import { pageByOffset, type RequestContext, type HandlerInput, type HandlerOutput, type NoOutput } from '../protocol/index.js';
import { limits, type CodeDeployDeps } from './deps.js';
import * as errors from './errors.js';
import { invalidNextToken } from './invalid-next-token.js';

/** DeploymentConfigInfo as the API shows it. */
export function deploymentConfigView(config: DeploymentConfigRecord): HandlerOutput<DeploymentConfigInfo> {
  return {
    deploymentConfigId: config.deploymentConfigId,
    deploymentConfigName: config.deploymentConfigName,
    ...(config.trafficRoutingConfig ? { trafficRoutingConfig: config.trafficRoutingConfig } : { minimumHealthyHosts: config.minimumHealthyHosts }),
    createTime: toEpochSeconds(config.createMs),
    computePlatform: config.computePlatform,
  };
}

/** CreateDeploymentConfig: a custom minimum-healthy-hosts config for the Server platform, or a traffic-shifting one for Lambda. */
export function createDeploymentConfig(
  deps: CodeDeployDeps,
  input: HandlerInput<CreateDeploymentConfigInput>,
  ctx: RequestContext,
): HandlerOutput<CreateDeploymentConfigOutput> {
  const name = input.deploymentConfigName;
  if (findBuiltInConfig(name)) throw new errors.DeploymentConfigAlreadyExistsException(`A deployment configuration with the name ${name} already exists.`); // wording inferred
  if (name.startsWith(BUILT_IN_CONFIG_PREFIX)) {
    throw new errors.InvalidDeploymentConfigNameException(`The deployment configuration name ${name} is invalid: names starting with ${BUILT_IN_CONFIG_PREFIX} are reserved.`);
  }
  const platform = input.computePlatform ?? 'Server';
  if (platform === 'ECS') throw new errors.InvalidComputePlatformException('codepipeline-local emulates the Server and Lambda compute platforms only, not ECS.'); // wording inferred
  if (platform === 'Lambda') return createLambdaConfig(deps, input, ctx);
  if (input.trafficRoutingConfig !== undefined) {
    throw new errors.InvalidTrafficRoutingConfigurationException('A trafficRoutingConfig belongs to a Lambda or ECS deployment configuration; a Server configuration gives minimumHealthyHosts.'); // wording inferred
  }
  if (input.zonalConfig !== undefined) throw new errors.InvalidZonalDeploymentConfigurationException('codepipeline-local does not emulate zonal deployments: remove zonalConfig.');
  const problem = minimumHealthyHostsProblem(input.minimumHealthyHosts);
  if (problem) throw new errors.InvalidMinimumHealthyHostValueException(problem);
  if (deps.store.listDeploymentConfigs(ctx).length >= limits.customConfigsPerRegion) {
    throw new errors.DeploymentConfigLimitExceededException('The deployment configurations limit was exceeded.');
  }
  const config: DeploymentConfigRecord = {
    deploymentConfigId: deps.ids.uuid(),
    deploymentConfigName: name,
    minimumHealthyHosts: { type: input.minimumHealthyHosts!.type!, value: input.minimumHealthyHosts!.value! },
    computePlatform: 'Server',
    createMs: deps.clock.now(),
  };
  if (!deps.store.createDeploymentConfig(ctx, config)) throw new errors.DeploymentConfigAlreadyExistsException(`A deployment configuration with the name ${name} already exists.`);
  return { deploymentConfigId: config.deploymentConfigId };
}

/** Why a Lambda config's trafficRoutingConfig is refused (InvalidTrafficRoutingConfigurationException), or undefined. */
function trafficRoutingProblem(routing: CreateDeploymentConfigInput['trafficRoutingConfig']): string | undefined {
  if (!routing?.type) return 'A deployment configuration for the Lambda compute platform needs a trafficRoutingConfig with a type.'; // wording inferred
  const stepped = routing.type === 'TimeBasedCanary' ? routing.timeBasedCanary : routing.type === 'TimeBasedLinear' ? routing.timeBasedLinear : undefined;
  if (routing.type === 'AllAtOnce') return undefined;
  const percentage = stepped && ('canaryPercentage' in stepped ? stepped.canaryPercentage : (stepped as { linearPercentage?: number }).linearPercentage);
  const interval = stepped && ('canaryInterval' in stepped ? stepped.canaryInterval : (stepped as { linearInterval?: number }).linearInterval);
  if (percentage === undefined || interval === undefined || percentage < 1 || percentage > 99 || interval < 1) {
    return `A ${routing.type} trafficRoutingConfig needs a percentage between 1 and 99 and an interval of at least 1 minute.`; // wording inferred
  }
  return undefined;
}

/** CreateDeploymentConfig for the Lambda platform: how an alias's traffic moves (AllAtOnce, TimeBasedCanary, TimeBasedLinear). */
function createLambdaConfig(deps: CodeDeployDeps, input: HandlerInput<CreateDeploymentConfigInput>, ctx: RequestContext): HandlerOutput<CreateDeploymentConfigOutput> {
  const name = input.deploymentConfigName;
  const problem = trafficRoutingProblem(input.trafficRoutingConfig);
  if (problem) throw new errors.InvalidTrafficRoutingConfigurationException(problem);
  if (deps.store.listDeploymentConfigs(ctx).length >= limits.customConfigsPerRegion) {
    throw new errors.DeploymentConfigLimitExceededException('The deployment configurations limit was exceeded.');
  }
  const routing = input.trafficRoutingConfig!;
  const config: DeploymentConfigRecord = {
    deploymentConfigId: deps.ids.uuid(),
    deploymentConfigName: name,
    minimumHealthyHosts: { type: 'FLEET_PERCENT', value: 0 },
    trafficRoutingConfig: {
      type: routing.type!,
      ...(routing.type === 'TimeBasedCanary' ? { timeBasedCanary: { canaryPercentage: routing.timeBasedCanary!.canaryPercentage!, canaryInterval: routing.timeBasedCanary!.canaryInterval! } } : {}),
      ...(routing.type === 'TimeBasedLinear' ? { timeBasedLinear: { linearPercentage: routing.timeBasedLinear!.linearPercentage!, linearInterval: routing.timeBasedLinear!.linearInterval! } } : {}),
    },
    computePlatform: 'Lambda',
    createMs: deps.clock.now(),
  };
  if (!deps.store.createDeploymentConfig(ctx, config)) throw new errors.DeploymentConfigAlreadyExistsException(`A deployment configuration with the name ${name} already exists.`);
  return { deploymentConfigId: config.deploymentConfigId };
}

/** GetDeploymentConfig: a predefined or custom config. */
export function getDeploymentConfig(deps: CodeDeployDeps, input: HandlerInput<GetDeploymentConfigInput>, ctx: RequestContext): HandlerOutput<GetDeploymentConfigOutput> {
  const config = lookupConfig(deps.store, ctx, input.deploymentConfigName);
  if (!config) throw new errors.DeploymentConfigDoesNotExistException(`No deployment configuration found for name: ${input.deploymentConfigName}`); // wording inferred
  return { deploymentConfigInfo: deploymentConfigView(config) };
}

/** ListDeploymentConfigs: the predefined names, then the custom ones in name order. */
export function listDeploymentConfigs(deps: CodeDeployDeps, input: HandlerInput<ListDeploymentConfigsInput>, ctx: RequestContext): HandlerOutput<ListDeploymentConfigsOutput> {
  const names = [...BUILT_IN_DEPLOYMENT_CONFIGS, ...deps.store.listDeploymentConfigs(ctx)].map((c) => c.deploymentConfigName);
  const page = pageByOffset(names, input.nextToken, limits.pageSize, invalidNextToken);
  return { deploymentConfigsList: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

/** DeleteDeploymentConfig: refused for predefined configs and configs a group or an active deployment uses. */
export function deleteDeploymentConfig(deps: CodeDeployDeps, input: HandlerInput<DeleteDeploymentConfigInput>, ctx: RequestContext): NoOutput {
  const name = input.deploymentConfigName;
  if (name.startsWith(BUILT_IN_CONFIG_PREFIX)) throw new errors.InvalidOperationException(`The predefined deployment configuration ${name} cannot be deleted.`); // wording inferred
  const activeUse = deps.deploymentStore.list(ctx, { statuses: [...ACTIVE_DEPLOYMENT_STATUSES] }).some((d) => d.deploymentConfigName === name);
  if (deps.store.isConfigUsedByGroups(ctx, name) || activeUse) throw new errors.DeploymentConfigInUseException('The deployment configuration is still in use.');
  deps.store.deleteDeploymentConfig(ctx, name);
  return {};
}
