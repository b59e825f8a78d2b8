import type { DeploymentConfigRecord, TrafficRoutingConfig } from '../store/index.js';

// createTime as the Server configs' (the GetDeploymentConfig example); the ids follow theirs (inferred).
const BUILT_IN_CREATE_MS = 1446744188711;

function lambdaConfig(name: string, n: number, trafficRoutingConfig: TrafficRoutingConfig): DeploymentConfigRecord {
  return {
    deploymentConfigId: `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`,
    deploymentConfigName: name,
    // AWS answers Lambda configs with a zero minimumHealthyHosts (inferred); it plays no part in them.
    minimumHealthyHosts: { type: 'FLEET_PERCENT', value: 0 },
    trafficRoutingConfig,
    computePlatform: 'Lambda',
    createMs: BUILT_IN_CREATE_MS,
  };
}

const canary = (n: number, minutes: number) =>
  lambdaConfig(`CodeDeployDefault.LambdaCanary10Percent${minutes}Minutes`, n, { type: 'TimeBasedCanary', timeBasedCanary: { canaryPercentage: 10, canaryInterval: minutes } });
const linear = (n: number, minutes: number) =>
  lambdaConfig(`CodeDeployDefault.LambdaLinear10PercentEvery${minutes}Minute${minutes === 1 ? '' : 's'}`, n, { type: 'TimeBasedLinear', timeBasedLinear: { linearPercentage: 10, linearInterval: minutes } });

/** The predefined Lambda configs (deployment-configurations.html#deployment-configuration-lambda). */
export const LAMBDA_BUILT_IN_CONFIGS: readonly DeploymentConfigRecord[] = [
  canary(11, 30),
  canary(12, 5),
  canary(13, 15),
  canary(14, 10),
  linear(15, 10),
  linear(16, 1),
  linear(17, 2),
  linear(18, 3),
  lambdaConfig('CodeDeployDefault.LambdaAllAtOnce', 19, { type: 'AllAtOnce' }),
];

/** The config a Lambda deployment group uses when it names none. */
export const DEFAULT_LAMBDA_DEPLOYMENT_CONFIG = 'CodeDeployDefault.LambdaAllAtOnce';

/** One step of a traffic shift: the target version's share of the alias's traffic, then how long to wait (ms). */
export interface TrafficStep {
  weight: number;
  waitMs: number;
}

/** The steps a config moves an alias's traffic through, ending at all of it on the target version (weight 1). */
export function trafficSteps(config: TrafficRoutingConfig | undefined): TrafficStep[] {
  const minute = 60_000;
  if (config?.type === 'TimeBasedCanary' && config.timeBasedCanary) {
    const { canaryPercentage, canaryInterval } = config.timeBasedCanary;
    return [{ weight: canaryPercentage / 100, waitMs: canaryInterval * minute }, { weight: 1, waitMs: 0 }];
  }
  if (config?.type === 'TimeBasedLinear' && config.timeBasedLinear) {
    const { linearPercentage, linearInterval } = config.timeBasedLinear;
    const steps: TrafficStep[] = [];
    for (let percent = linearPercentage; percent < 100; percent += linearPercentage) steps.push({ weight: percent / 100, waitMs: linearInterval * minute });
    return [...steps, { weight: 1, waitMs: 0 }];
  }
  return [{ weight: 1, waitMs: 0 }];
}
