import { IamRefusal } from './refusal.js';

/** One statement of a policy document, with its single-or-list members read as lists. */
export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string[];
  NotAction?: string[];
  Resource?: string[];
  NotResource?: string[];
  /** A trust policy's principals by type (`AWS`, `Service`, `Federated`), or `*` for everyone. */
  Principal?: Record<string, string[]> | '*';
  Condition?: Record<string, Record<string, string[]>>;
}

/** A parsed policy document. */
export interface PolicyDocument {
  Version?: string;
  Statement: PolicyStatement[];
}

const VERSIONS = ['2012-10-17', '2008-10-17'];
/** IAM's largest managed policy document (6,144 characters without whitespace); inline ones are smaller per entity. */
const MAX_DOCUMENT = 131_072;

function malformed(message: string): never {
  throw new IamRefusal('MalformedPolicyDocument', message);
}

function list(value: unknown, field: string): string[] | undefined {
  if (value === undefined) return undefined;
  const items = Array.isArray(value) ? value : [value];
  if (items.length === 0 || items.some((v) => typeof v !== 'string')) malformed(`Syntax errors in policy. ${field} must be a string or a list of strings.`);
  return items as string[];
}

function principal(value: unknown): PolicyStatement['Principal'] {
  if (value === undefined) return undefined;
  if (value === '*') return '*';
  if (typeof value !== 'object' || value === null || Array.isArray(value)) malformed('Invalid principal in policy');
  const out: Record<string, string[]> = {};
  for (const [type, names] of Object.entries(value)) {
    if (!['AWS', 'Service', 'Federated', 'CanonicalUser'].includes(type)) malformed(`Invalid principal in policy: "${type.slice(0, 40)}"`);
    out[type] = list(names, 'Principal')!;
  }
  return out;
}

function condition(value: unknown): PolicyStatement['Condition'] {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) malformed('Syntax errors in policy. Condition must be an object.');
  const out: Record<string, Record<string, string[]>> = {};
  for (const [operator, keys] of Object.entries(value)) {
    if (typeof keys !== 'object' || keys === null || Array.isArray(keys)) malformed(`Syntax errors in policy. Condition ${operator.slice(0, 60)} must be an object.`);
    out[operator] = {};
    for (const [key, v] of Object.entries(keys)) out[operator][key] = (Array.isArray(v) ? v : [v]).map(String);
  }
  return out;
}

/**
 * Parses and checks a policy document as IAM does when it is stored: an identity policy names resources and no
 * principal; a trust policy (`trust`) names principals and no resources. Refusals are MalformedPolicyDocument.
 */
export function parsePolicyDocument(text: string, kind: 'identity' | 'trust'): PolicyDocument {
  if (text.length > MAX_DOCUMENT) throw new IamRefusal('LimitExceeded', `Cannot exceed quota for PolicySize: ${MAX_DOCUMENT}`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    malformed('Syntax errors in policy.');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) malformed('Syntax errors in policy.');
  const doc = raw as Record<string, unknown>;
  if (doc.Version !== undefined && !VERSIONS.includes(String(doc.Version))) malformed('The policy failed legacy parsing');
  if (doc.Statement === undefined) malformed('Syntax errors in policy.');
  const statements = (Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]) as unknown[];
  return {
    ...(doc.Version !== undefined ? { Version: String(doc.Version) } : {}),
    Statement: statements.map((s) => statement(s, kind)),
  };
}

function statement(value: unknown, kind: 'identity' | 'trust'): PolicyStatement {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) malformed('Syntax errors in policy.');
  const s = value as Record<string, unknown>;
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') malformed('Invalid effect: ' + String(s.Effect).slice(0, 40));
  if (s.Action !== undefined && s.NotAction !== undefined) malformed('Syntax errors in policy. A statement cannot have both Action and NotAction.');
  if (s.Action === undefined && s.NotAction === undefined) malformed('Policy statement must contain actions.');
  const out: PolicyStatement = {
    ...(typeof s.Sid === 'string' ? { Sid: s.Sid } : {}),
    Effect: s.Effect,
    Action: list(s.Action, 'Action'),
    NotAction: list(s.NotAction, 'NotAction'),
    Resource: list(s.Resource, 'Resource'),
    NotResource: list(s.NotResource, 'NotResource'),
    Principal: principal(s.Principal ?? s.NotPrincipal),
    Condition: condition(s.Condition),
  };
  for (const action of [...(out.Action ?? []), ...(out.NotAction ?? [])]) {
    if (action !== '*' && !/^[\w-]+:[\w*?-]+$/.test(action)) malformed(`Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.`);
  }
  if (kind === 'identity') {
    if (out.Principal !== undefined) malformed('Policy document should not specify a principal.');
    if (out.Resource === undefined && out.NotResource === undefined) malformed('Policy statement must contain resources.');
  } else {
    if (out.Resource !== undefined || out.NotResource !== undefined) malformed('Has prohibited field Resource');
    if (out.Principal === undefined) malformed('Missing required field Principal');
  }
  return out;
}
