import type { PolicyDocument, PolicyStatement } from './policy-document.js';

/** What a request asks for: the action (`codepipeline:StartPipelineExecution`), the resource ARN and the context keys. */
export interface AuthorizationRequest {
  action: string;
  resource: string;
  /** Condition keys by lower-case name (`aws:sourceip`, `aws:principaltag/team`), each with one or more values. */
  context: Record<string, string[]>;
}

/** The outcome, as AWS's evaluation logic names it: an explicit deny beats any allow, and no allow is an implicit deny. */
export type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A policy element pattern (`*` any run, `?` one character) as the source of a regular expression. */
const patternSource = (text: string) => text.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');

/** The context a policy's variables are read from: only a 2012-10-17 document has variables (2008-10-17 reads `${` literally). */
type Variables = Record<string, string[]> | undefined;

// `${key}` or `${key, 'default'}`; `${*}`, `${?}` and `${$}` stand for the literal characters.
const VARIABLE = /\$\{([^}]*)\}/g;
const MULTI_VALUED = new Set(['aws:tagkeys']);

/** One variable's value; undefined when the key has no single value in the request (the value then matches nothing). */
function variable(body: string, variables: Record<string, string[]>): string | undefined {
  if (body === '*' || body === '?' || body === '$') return body;
  const [, key, fallback] = /^\s*([^,\s]+)\s*(?:,\s*'([^']*)'\s*)?$/.exec(body) ?? [];
  if (key === undefined) return undefined;
  const values = Object.hasOwn(variables, key.toLowerCase()) ? variables[key.toLowerCase()] : undefined;
  if (values?.length === 1 && !MULTI_VALUED.has(key.toLowerCase())) return values[0];
  return fallback;
}

/** A policy value with its variables replaced, as plain text or as a pattern's source; undefined if one has no value. */
function substitute(text: string, variables: Variables, asPattern: boolean): string | undefined {
  const literal = asPattern ? escape : (t: string) => t;
  const stat = asPattern ? patternSource : (t: string) => t;
  if (!variables || !text.includes('${')) return stat(text);
  let out = '';
  let at = 0;
  for (const m of text.matchAll(VARIABLE)) {
    const value = variable(m[1], variables);
    if (value === undefined) return undefined;
    out += stat(text.slice(at, m.index)) + literal(value);
    at = m.index + m[0].length;
  }
  return out + stat(text.slice(at));
}

const cache = new Map<string, RegExp>();
/** Whether a value matches a policy pattern (actions match case-insensitively); a pattern whose variable has no value matches nothing. */
function matches(patternText: string, value: string, ignoreCase: boolean, variables?: Variables): boolean {
  const dynamic = variables !== undefined && patternText.includes('${');
  const source = dynamic ? substitute(patternText, variables, true) : undefined;
  if (dynamic && source === undefined) return false;
  const key = `${ignoreCase ? 'i' : 's'}${dynamic ? `v${source}` : `p${patternText}`}`;
  let re = cache.get(key);
  if (!re) {
    if (cache.size > 10_000) cache.clear();
    re = new RegExp(`^${source ?? patternSource(patternText)}$`, ignoreCase ? 'is' : 's');
    cache.set(key, re);
  }
  return re.test(value);
}

function actionApplies(s: PolicyStatement, action: string): boolean {
  if (s.Action) return s.Action.some((a) => matches(a, action, true));
  return !s.NotAction!.some((a) => matches(a, action, true));
}

function resourceApplies(s: PolicyStatement, resource: string, variables: Variables): boolean {
  if (s.Resource) return s.Resource.some((r) => matches(r, resource, false, variables));
  if (s.NotResource) return !s.NotResource.some((r) => matches(r, resource, false, variables));
  return true;
}

function ipv4(text: string): number | undefined {
  const parts = text.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

function inCidr(ip: string, cidr: string): boolean {
  const [base, bits = '32'] = cidr.split('/');
  const a = ipv4(ip.replace(/^::ffff:/, ''));
  const b = ipv4(base);
  const n = Number(bits);
  if (a === undefined || b === undefined || !Number.isInteger(n) || n < 0 || n > 32) return ip === cidr;
  const mask = n === 0 ? 0 : (~0 << (32 - n)) >>> 0;
  return ((a & mask) >>> 0) === ((b & mask) >>> 0);
}

const numberOf = (v: string) => Number(v);
const dateOf = (v: string) => (/^\d+$/.test(v) ? Number(v) * 1000 : Date.parse(v));

/** One value against one policy value, by the operator's base name (without IfExists and set prefixes). */
function compare(operator: string, value: string, policyValue: string, variables: Variables): boolean {
  // ArnEquals and ArnLike are the same test in IAM: both take wildcards.
  if (operator === 'StringLike' || operator === 'ArnLike' || operator === 'ArnEquals') return matches(policyValue, value, false, variables);
  if (operator === 'StringNotLike' || operator === 'ArnNotLike' || operator === 'ArnNotEquals') {
    // A value whose variable has no value holds for no operator, negated ones included (inferred: AWS says only
    // that such a statement may be invalid).
    const unresolved = variables !== undefined && policyValue.includes('${') && substitute(policyValue, variables, true) === undefined;
    return !unresolved && !matches(policyValue, value, false, variables);
  }
  const expected = substitute(policyValue, variables, false);
  if (expected === undefined) return false;
  switch (operator) {
    case 'StringEquals': return value === expected;
    case 'StringNotEquals': return value !== expected;
    case 'StringEqualsIgnoreCase': return value.toLowerCase() === expected.toLowerCase();
    case 'StringNotEqualsIgnoreCase': return value.toLowerCase() !== expected.toLowerCase();
    case 'Bool': return value.toLowerCase() === expected.toLowerCase();
    case 'NumericEquals': return numberOf(value) === numberOf(expected);
    case 'NumericNotEquals': return numberOf(value) !== numberOf(expected);
    case 'NumericLessThan': return numberOf(value) < numberOf(expected);
    case 'NumericLessThanEquals': return numberOf(value) <= numberOf(expected);
    case 'NumericGreaterThan': return numberOf(value) > numberOf(expected);
    case 'NumericGreaterThanEquals': return numberOf(value) >= numberOf(expected);
    case 'DateEquals': return dateOf(value) === dateOf(expected);
    case 'DateNotEquals': return dateOf(value) !== dateOf(expected);
    case 'DateLessThan': return dateOf(value) < dateOf(expected);
    case 'DateLessThanEquals': return dateOf(value) <= dateOf(expected);
    case 'DateGreaterThan': return dateOf(value) > dateOf(expected);
    case 'DateGreaterThanEquals': return dateOf(value) >= dateOf(expected);
    case 'IpAddress': return inCidr(value, expected);
    case 'NotIpAddress': return !inCidr(value, expected);
    default: return false;
  }
}

const NEGATED = /^(StringNot|ArnNot|NotIpAddress|NumericNotEquals|DateNotEquals)/;

/** One condition operator and key: the set prefixes, IfExists and Null as the IAM reference defines them. */
function conditionHolds(rawOperator: string, key: string, expected: string[], context: Record<string, string[]>, variables: Variables): boolean {
  const values = Object.hasOwn(context, key.toLowerCase()) ? context[key.toLowerCase()] : undefined;
  const [prefix, rest] = rawOperator.includes(':') ? rawOperator.split(':', 2) : ['', rawOperator];
  if (rest === 'Null') return expected.some((e) => (e.toLowerCase() === 'true') === (values === undefined));
  const ifExists = rest.endsWith('IfExists');
  const operator = ifExists ? rest.slice(0, -'IfExists'.length) : rest;
  if (values === undefined) return ifExists || (prefix === 'ForAllValues') || (NEGATED.test(operator) && prefix === '');
  const any = (v: string) => expected.some((e) => compare(operator, v, e, variables));
  // A negated operator holds when the value matches none of the listed values.
  const holds = NEGATED.test(operator) ? (v: string) => expected.every((e) => compare(operator, v, e, variables)) : any;
  if (prefix === 'ForAllValues') return values.every(holds);
  if (prefix === 'ForAnyValue') return values.some(holds);
  return values.some(holds);
}

function conditionsHold(s: PolicyStatement, context: Record<string, string[]>, variables: Variables): boolean {
  if (!s.Condition) return true;
  return Object.entries(s.Condition).every(([operator, keys]) => Object.entries(keys).every(([key, expected]) => conditionHolds(operator, key, expected, context, variables)));
}

/**
 * Whether a statement applies to the request (its action, resource and conditions all match); `withVariables` when
 * its document is of Version 2012-10-17, whose `${aws:username}`-style policy variables are read from the context.
 */
export function statementApplies(s: PolicyStatement, request: AuthorizationRequest, withVariables = false): boolean {
  const variables = withVariables ? request.context : undefined;
  return actionApplies(s, request.action) && resourceApplies(s, request.resource, variables) && conditionsHold(s, request.context, variables);
}

/** Evaluates identity-based policies as AWS does within one account: explicit deny, else allow, else implicit deny. */
export function evaluatePolicies(policies: PolicyDocument[], request: AuthorizationRequest): Decision {
  let allowed = false;
  for (const policy of policies) {
    const withVariables = policy.Version === '2012-10-17';
    for (const s of policy.Statement) {
      if (!statementApplies(s, request, withVariables)) continue;
      if (s.Effect === 'Deny') return 'ExplicitDeny';
      allowed = true;
    }
  }
  return allowed ? 'Allow' : 'ImplicitDeny';
}
