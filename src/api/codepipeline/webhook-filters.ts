import type { WebhookDefinitionRecord } from '../../store/index.js';
import { selectJsonPath } from './webhook-checks.js';

/** Replaces each `{Key}` of a matchEquals value with the target action's configuration value of that key. */
export function resolveMatchEquals(matchEquals: string, configuration: Record<string, string>): string {
  // An unknown key is left as written, so it simply fails to match (AWS's handling is not documented; inferred).
  return matchEquals.replace(/\{([^{}]+)\}/g, (whole, key: string) => configuration[key] ?? whole);
}

/** The first filter a payload fails, or undefined when every filter passes (a filter without matchEquals asks only that the path select something). */
export async function failedFilter(
  filters: WebhookDefinitionRecord['filters'],
  payload: unknown,
  configuration: Record<string, string>,
): Promise<WebhookDefinitionRecord['filters'][number] | undefined> {
  for (const filter of filters) {
    const selected = await selectJsonPath(filter.jsonPath, payload);
    const expected = filter.matchEquals === undefined ? undefined : resolveMatchEquals(filter.matchEquals, configuration);
    const passes = expected === undefined ? selected.length > 0 : selected.some((value) => (typeof value === 'string' ? value : JSON.stringify(value)) === expected);
    if (!passes) return filter;
  }
  return undefined;
}
