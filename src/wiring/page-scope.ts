import type { Scope } from '../store/index.js';
import type { FeatureContext } from './feature-module.js';

/** The query of a resource page: the account and region its resource lives in. */
export interface PageScopeQuery {
  account?: string;
  region?: string;
}

/** The scope a resource page shows: the query's account and region, else the emulator's defaults (a page is opened unsigned, from a link). */
export function pageScope(ctx: FeatureContext, query: PageScopeQuery): Scope {
  return { account: query.account || ctx.config.account, region: query.region || ctx.config.region };
}
