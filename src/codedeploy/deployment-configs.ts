import type { DeploymentConfigRecord } from '../store/index.js';
import { LAMBDA_BUILT_IN_CONFIGS } from './lambda-configs.js';

/** The deployment config used when neither the deployment nor its group names one. */
export const DEFAULT_DEPLOYMENT_CONFIG = 'CodeDeployDefault.OneAtATime';

/** The prefix of AWS's predefined configs, which users can neither create nor delete. */
export const BUILT_IN_CONFIG_PREFIX = 'CodeDeployDefault.';

// createTime and the OneAtATime id come from the GetDeploymentConfig example of the API reference; the other ids follow it (inferred).
const BUILT_IN_CREATE_MS = 1446744188711;

/** The predefined EC2/on-premises and Lambda configs, as GetDeploymentConfig returns them. */
export const BUILT_IN_DEPLOYMENT_CONFIGS: readonly DeploymentConfigRecord[] = [
  builtIn('CodeDeployDefault.OneAtATime', 1, { type: 'MOST_CONCURRENCY', value: 1 }),
  builtIn('CodeDeployDefault.HalfAtATime', 2, { type: 'FLEET_PERCENT', value: 50 }),
  builtIn('CodeDeployDefault.AllAtOnce', 3, { type: 'HOST_COUNT', value: 0 }),
  ...LAMBDA_BUILT_IN_CONFIGS,
];

function builtIn(name: string, n: number, minimumHealthyHosts: DeploymentConfigRecord['minimumHealthyHosts']): DeploymentConfigRecord {
  return {
    deploymentConfigId: `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`,
    deploymentConfigName: name,
    minimumHealthyHosts,
    computePlatform: 'Server',
    createMs: BUILT_IN_CREATE_MS,
  };
}

/** Finds a predefined config by name. */
export function findBuiltInConfig(name: string): DeploymentConfigRecord | undefined {
  return BUILT_IN_DEPLOYMENT_CONFIGS.find((c) => c.deploymentConfigName === name);
}

/**
 * How many instances must stay healthy during a deployment to `total` instances.
 * FLEET_PERCENT rounds up, as AWS converts it at deployment start; MOST_CONCURRENCY (OneAtATime) keeps all but one.
 */
export function minimumHealthyCount(config: DeploymentConfigRecord, total: number): number {
  const { type, value } = config.minimumHealthyHosts;
  if (type === 'MOST_CONCURRENCY') return Math.max(total - value, 0);
  if (type === 'FLEET_PERCENT') return Math.ceil((total * value) / 100);
  return value;
}

/** Why a custom minimumHealthyHosts is refused (InvalidMinimumHealthyHostValueException), or undefined when it is valid. */
export function minimumHealthyHostsProblem(hosts: { type?: string; value?: number } | undefined): string | undefined {
  if (!hosts || hosts.type === undefined || hosts.value === undefined) return 'The minimum healthy instance value was not specified.';
  if (hosts.type === 'HOST_COUNT' && hosts.value < 0) return `The minimum healthy instance value (${hosts.value}) is invalid: a HOST_COUNT must be 0 or more.`;
  if (hosts.type === 'FLEET_PERCENT' && (hosts.value < 0 || hosts.value > 99)) {
    return `The minimum healthy instance value (${hosts.value}) is invalid: a FLEET_PERCENT must be between 0 and 99.`;
  }
  return undefined;
}
