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

/** CreateDeploymentConfig: a custom minimum-healthy-hosts config for the Server platform. */
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
  if ((input.computePlatform ?? 'Server') !== 'Server' || input.trafficRoutingConfig !== undefined) {
    throw new errors.InvalidComputePlatformException('codepipeline-local emulates the Server compute platform only: give minimumHealthyHosts and no trafficRoutingConfig.');
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
