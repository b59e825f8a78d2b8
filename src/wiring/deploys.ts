import type { FeatureContext, FeatureModule } from './feature-module.js';

/** Builds the deploys feature: the CodeDeploy API, deployments with their configs and rollbacks, and the deploy actions. */
export function deploysFeature(_ctx: FeatureContext): FeatureModule {
  return {};
}
