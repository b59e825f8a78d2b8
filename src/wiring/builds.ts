import type { FeatureContext, FeatureModule } from './feature-module.js';

/** Builds the builds feature: the CodeBuild API, buildspec builds in Docker, and the CodeBuild action. */
export function buildsFeature(_ctx: FeatureContext): FeatureModule {
  return {};
}
