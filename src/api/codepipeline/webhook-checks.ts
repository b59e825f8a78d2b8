import { BlockList, isIP } from 'node:net';
import type { WebhookDefinitionRecord } from '../../store/index.js';
import * as errors from './errors.js';

/** Parses `address/prefix` into a BlockList holding that range, or undefined when it is not a CIDR range. */
export function cidrRange(cidr: string): BlockList | undefined {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(cidr.trim());
  const family = match ? isIP(match[1]) : 0;
  const prefix = match ? Number(match[2]) : NaN;
  if (!match || family === 0 || prefix > (family === 4 ? 32 : 128)) return undefined;
  const list = new BlockList();
  list.addSubnet(match[1], prefix, family === 4 ? 'ipv4' : 'ipv6');
  return list;
}

/** Refuses an authenticationConfiguration that does not fit its authentication type, as AWS's InvalidWebhookAuthenticationParametersException. */
export function assertWebhookAuthentication(definition: WebhookDefinitionRecord): void {
  const { SecretToken, AllowedIPRange } = definition.authenticationConfiguration;
  const refuse = (message: string) => {
    throw new errors.InvalidWebhookAuthenticationParametersException(message); // wording inferred
  };
  if (definition.authentication === 'GITHUB_HMAC' && (SecretToken === undefined || AllowedIPRange !== undefined)) {
    refuse('For GITHUB_HMAC authentication, only the SecretToken property must be set');
  }
  if (definition.authentication === 'IP' && (AllowedIPRange === undefined || SecretToken !== undefined)) refuse('For IP authentication, only the AllowedIPRange property must be set');
  if (definition.authentication === 'IP' && !cidrRange(AllowedIPRange!)) refuse(`AllowedIPRange '${AllowedIPRange}' is not a valid CIDR range`);
  if (definition.authentication === 'UNAUTHENTICATED' && (AllowedIPRange !== undefined || SecretToken !== undefined)) {
    refuse('For UNAUTHENTICATED authentication, no properties can be set');
  }
}

// Loaded on first use: only webhooks need it, and the server's start should not pay for it.
let jsonPathLibrary: Promise<typeof import('jsonpath-plus')> | undefined;

/** The values a JSONPath selects from a payload; rejects a path that does not parse. */
export async function selectJsonPath(path: string, json: unknown): Promise<unknown[]> {
  if (!path.startsWith('$')) throw new Error('a JSONPath starts with $');
  const { JSONPath } = await (jsonPathLibrary ??= import('jsonpath-plus'));
  return JSONPath({ path, json: json as object, wrap: true }) as unknown[];
}

/** Whether every bracket and parenthesis of a path is closed in order (jsonpath-plus lets a trailing `[` pass). */
function balanced(path: string): boolean {
  const open: string[] = [];
  for (const c of path.replace(/'[^']*'|"[^"]*"/g, '')) {
    if (c === '[' || c === '(') open.push(c === '[' ? ']' : ')');
    else if ((c === ']' || c === ')') && open.pop() !== c) return false;
  }
  return open.length === 0;
}

/** Refuses a filter whose jsonPath is not a JSONPath expression, as AWS's InvalidWebhookFilterPatternException. */
export async function assertWebhookFilters(definition: WebhookDefinitionRecord): Promise<void> {
  for (const filter of definition.filters) {
    try {
      // jsonpath-plus parses a filter expression only when it meets a value, so the probe has one at every level.
      if (!balanced(filter.jsonPath)) throw new Error('unbalanced brackets');
      await selectJsonPath(filter.jsonPath, { probe: [{ probe: 0 }] });
    } catch {
      throw new errors.InvalidWebhookFilterPatternException(`The JsonPath '${filter.jsonPath}' of a filter is not a valid JSONPath expression`); // wording inferred
    }
  }
}
