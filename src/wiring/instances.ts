import type { FeatureContext, FeatureModule } from './feature-module.js';

/** Builds the instances feature: Nginx containers standing in for instances, registered through CodeDeploy's on-premises API. */
export function instancesFeature(_ctx: FeatureContext): FeatureModule {
  return {};
}
