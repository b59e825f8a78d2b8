import { actionTypeKey, type ActionTypeId } from '../model/index.js';

/** What the emulator does with an AWS action type it does not run: fail it (the default), succeed it, or hand it to a job worker. */
export type StandInPolicy = 'fail' | 'succeed' | 'worker';

/** The policies that may be named. */
export const STAND_IN_POLICIES: readonly StandInPolicy[] = ['fail', 'succeed', 'worker'];

/** Policies by provider name (`CloudFormation`), by full type key (`Deploy/AWS/CloudFormation/1`), or `*` for every other. */
export type StandInPolicies = Record<string, StandInPolicy>;

/** Reads policies from a config file's JSON object and `NAME=POLICY` flags (the flags win); throws on a policy that is none. */
export function parseStandIns(file: unknown, flags: readonly string[] = []): StandInPolicies {
  const entries: [string, unknown][] = [];
  if (file !== undefined) {
    if (typeof file !== 'object' || file === null || Array.isArray(file)) throw new Error('The stand-ins file must hold a JSON object of provider names to fail|succeed|worker');
    entries.push(...Object.entries(file));
  }
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    if (eq <= 0) throw new Error(`Invalid stand-in '${flag}': expected PROVIDER=fail|succeed|worker`);
    entries.push([flag.slice(0, eq).trim(), flag.slice(eq + 1).trim()]);
  }
  const policies: StandInPolicies = {};
  for (const [name, policy] of entries) {
    if (!STAND_IN_POLICIES.includes(policy as StandInPolicy)) throw new Error(`Invalid stand-in policy '${String(policy)}' for ${name}: expected fail, succeed or worker`);
    policies[name] = policy as StandInPolicy;
  }
  return policies;
}

/** The policy that applies to an action type: its full key's, then its provider's, then `*`'s, else `fail`. */
export function standInPolicyOf(policies: StandInPolicies, id: ActionTypeId): StandInPolicy {
  return policies[actionTypeKey(id)] ?? policies[id.provider] ?? policies['*'] ?? 'fail';
}
