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

/** A policy element pattern (`*` any run, `?` one character) as a regular expression; actions match case-insensitively. */
function pattern(text: string, ignoreCase: boolean): RegExp {
  const body = text.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, ignoreCase ? 'is' : 's');
}

const cache = new Map<string, RegExp>();
function matches(patternText: string, value: string, ignoreCase: boolean): boolean {
  const key = `${ignoreCase ? 'i' : 's'}${patternText}`;
  let re = cache.get(key);
  if (!re) {
    if (cache.size > 10_000) cache.clear();
    re = pattern(patternText, ignoreCase);
    cache.set(key, re);
  }
  return re.test(value);
}

function actionApplies(s: PolicyStatement, action: string): boolean {
  if (s.Action) return s.Action.some((a) => matches(a, action, true));
  return !s.NotAction!.some((a) => matches(a, action, true));
}

function resourceApplies(s: PolicyStatement, resource: string): boolean {
  if (s.Resource) return s.Resource.some((r) => matches(r, resource, false));
  if (s.NotResource) return !s.NotResource.some((r) => matches(r, resource, false));
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
function compare(operator: string, value: string, expected: string): boolean {
  switch (operator) {
    case 'StringEquals': case 'ArnEquals': return value === expected;
    case 'StringNotEquals': case 'ArnNotEquals': return value !== expected;
    case 'StringEqualsIgnoreCase': return value.toLowerCase() === expected.toLowerCase();
    case 'StringNotEqualsIgnoreCase': return value.toLowerCase() !== expected.toLowerCase();
    case 'StringLike': case 'ArnLike': return matches(expected, value, false);
    case 'StringNotLike': case 'ArnNotLike': return !matches(expected, value, false);
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
function conditionHolds(rawOperator: string, key: string, expected: string[], context: Record<string, string[]>): boolean {
  const values = Object.hasOwn(context, key.toLowerCase()) ? context[key.toLowerCase()] : undefined;
  const [prefix, rest] = rawOperator.includes(':') ? rawOperator.split(':', 2) : ['', rawOperator];
  if (rest === 'Null') return expected.some((e) => (e.toLowerCase() === 'true') === (values === undefined));
  const ifExists = rest.endsWith('IfExists');
  const operator = ifExists ? rest.slice(0, -'IfExists'.length) : rest;
  if (values === undefined) return ifExists || (prefix === 'ForAllValues') || (NEGATED.test(operator) && prefix === '');
  const any = (v: string) => expected.some((e) => compare(operator, v, e));
  // A negated operator holds when the value matches none of the listed values.
  const holds = NEGATED.test(operator) ? (v: string) => expected.every((e) => compare(operator, v, e)) : any;
  if (prefix === 'ForAllValues') return values.every(holds);
  if (prefix === 'ForAnyValue') return values.some(holds);
  return values.some(holds);
}

function conditionsHold(s: PolicyStatement, context: Record<string, string[]>): boolean {
  if (!s.Condition) return true;
  return Object.entries(s.Condition).every(([operator, keys]) => Object.entries(keys).every(([key, expected]) => conditionHolds(operator, key, expected, context)));
}

/** Whether a statement applies to the request (its action, resource and conditions all match). */
export function statementApplies(s: PolicyStatement, request: AuthorizationRequest): boolean {
  return actionApplies(s, request.action) && resourceApplies(s, request.resource) && conditionsHold(s, request.context);
}

/** Evaluates identity-based policies as AWS does within one account: explicit deny, else allow, else implicit deny. */
export function evaluatePolicies(policies: PolicyDocument[], request: AuthorizationRequest): Decision {
  let allowed = false;
  for (const policy of policies) {
    for (const s of policy.Statement) {
      if (!statementApplies(s, request)) continue;
      if (s.Effect === 'Deny') return 'ExplicitDeny';
      allowed = true;
    }
  }
  return allowed ? 'Allow' : 'ImplicitDeny';
}
