import type { FeatureContext, FeatureModule } from './feature-module.js';

/** Builds the sources feature: the CodeCommit API, git smart HTTP, source actions and change detection. */
export function sourcesFeature(_ctx: FeatureContext): FeatureModule {
  return {};
}
