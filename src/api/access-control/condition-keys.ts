import type { Principal, RoleRecord, UserRecord } from '../../iam/index.js';
import type { CallInput } from './call-scope.js';

/** The tags a call sets, in the forms the services' inputs give them: `[{key,value}]`, `[{Key,Value}]` or a map. */
function requestTags(input: CallInput): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ['tags', 'Tags']) {
    const value = input[name];
    if (Array.isArray(value)) {
      for (const t of value as Record<string, unknown>[]) {
        const key = t?.key ?? t?.Key;
        const v = t?.value ?? t?.Value;
        if (typeof key === 'string') out[key] = typeof v === 'string' ? v : '';
      }
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
    }
  }
  return out;
}

/** What the condition keys are read from: the caller, its tags, the call's input, and the request. */
export interface ConditionSource {
  principal: Principal;
  /** The user's or the session's role's record, for aws:PrincipalTag. */
  entity?: UserRecord | RoleRecord;
  input: CallInput;
  region: string;
  sourceIp?: string;
  nowMs: number;
}

/**
 * The global condition keys people write policies with (lower-case names, as the evaluator reads them):
 * aws:CurrentTime, aws:EpochTime, aws:SourceIp, aws:PrincipalArn/Account/Type, aws:username, aws:userid,
 * aws:RequestedRegion, aws:SecureTransport, aws:PrincipalTag/*, aws:RequestTag/* and aws:TagKeys.
 */
export function conditionKeys(source: ConditionSource): Record<string, string[]> {
  const { principal, entity, input } = source;
  const keys: Record<string, string[]> = {
    'aws:currenttime': [new Date(source.nowMs).toISOString().replace(/\.\d{3}Z$/, 'Z')],
    'aws:epochtime': [String(Math.floor(source.nowMs / 1000))],
    'aws:principalarn': [principal.kind === 'assumed-role' ? `arn:aws:iam::${principal.account}:role/${principal.name}` : principal.arn],
    'aws:principalaccount': [principal.account],
    'aws:principaltype': [principal.kind === 'root' ? 'Account' : principal.kind === 'user' ? 'User' : 'AssumedRole'],
    'aws:userid': [principal.userId],
    'aws:requestedregion': [source.region],
    'aws:securetransport': ['false'],
  };
  if (principal.kind === 'user') keys['aws:username'] = [principal.name];
  if (source.sourceIp) keys['aws:sourceip'] = [source.sourceIp.replace(/^::ffff:/, '')];
  for (const t of entity?.tags ?? []) keys[`aws:principaltag/${t.Key.toLowerCase()}`] = [t.Value];
  const tags = requestTags(input);
  for (const [k, v] of Object.entries(tags)) keys[`aws:requesttag/${k.toLowerCase()}`] = [v];
  if (Object.keys(tags).length > 0) keys['aws:tagkeys'] = Object.keys(tags);
  return keys;
}
