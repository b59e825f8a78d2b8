import type { FeatureContext, FeatureModule } from './feature-module.js';

/** Builds the web console: the single-page app served at /console/ and its live event stream. */
export function consoleFeature(_ctx: FeatureContext): FeatureModule {
  return {};
}
