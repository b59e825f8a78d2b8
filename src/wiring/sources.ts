import type { FeatureContext, FeatureModule } from './feature-module.js';

/** Builds the repositories feature: the CodeCommit API, git smart HTTP and registered checkouts. */
export function sourcesFeature(_ctx: FeatureContext): FeatureModule {
  return {};
}
