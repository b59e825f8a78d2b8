import { randomBytes } from 'node:crypto';
import type { IamAccessKeyRecord, IamStore } from '../store/index.js';
import type { Authorizer } from './authorizer.js';
import { parsePolicyDocument, type PolicyStatement } from './policy-document.js';
import { statementApplies } from './policy-evaluation.js';
import { assumedRoleArn, type Principal } from './principal.js';
import { iamId, newSecret, type RoleRecord } from './records.js';
import { IamRefusal } from './refusal.js';

/** What AssumeRole answers: the session's credentials and who it is. */
export interface RoleSession {
  credentials: IamAccessKeyRecord & { session: NonNullable<IamAccessKeyRecord['session']> };
  assumedRoleArn: string;
  assumedRoleId: string;
}

/** The principals a trust statement names, in the one form matched here. */
function named(s: PolicyStatement, type: 'AWS' | 'Service'): string[] {
  if (s.Principal === '*') return ['*'];
  return s.Principal?.[type] ?? [];
}

/** Whether a trust statement names this caller: itself, its account (root or id), its role, or everyone. */
function namesCaller(s: PolicyStatement, caller: Principal, roleArnOfCaller: string | undefined): 'direct' | 'account' | undefined {
  const names = named(s, 'AWS');
  if (names.includes('*') || names.includes(caller.arn) || (roleArnOfCaller && names.includes(roleArnOfCaller))) return 'direct';
  if (names.includes(caller.account) || names.includes(`arn:aws:iam::${caller.account}:root`)) return 'account';
  return undefined;
}

/** Role sessions (AssumeRole) and the trust policies that allow them. */
export class RoleSessions {
  constructor(private readonly store: IamStore, private readonly authorizer: Authorizer, private readonly now: () => number) {}

  /** Whether a role's trust policy lets an AWS service (`codepipeline.amazonaws.com`) assume it. */
  trustsService(role: RoleRecord, service: string): boolean {
    const doc = parsePolicyDocument(role.assumeRolePolicyDocument, 'trust');
    const request = { action: 'sts:AssumeRole', resource: role.arn, context: {} };
    const applies = doc.Statement.filter((s) => statementApplies({ ...s, Resource: undefined }, request) && (named(s, 'Service').includes(service) || s.Principal === '*'));
    return applies.some((s) => s.Effect === 'Allow') && !applies.some((s) => s.Effect === 'Deny');
  }

  /**
   * AssumeRole: the role's trust policy must name the caller (or its account, when the caller's own policies then
   * allow sts:AssumeRole on the role); the answer is temporary credentials with a session token and expiry.
   */
  assume(caller: Principal, roleArn: string, sessionName: string, durationSeconds = 3600): RoleSession {
    const denied = () => new IamRefusal('AccessDenied', `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
    const roleName = roleArn.startsWith(`arn:aws:iam::${caller.account}:role/`) ? roleArn.slice(roleArn.lastIndexOf('/') + 1) : undefined;
    const role = roleName ? this.store.get<RoleRecord>(caller.account, 'role', roleName) : undefined;
    if (!role || role.arn !== roleArn) throw denied();
    if (durationSeconds > role.maxSessionDuration) {
      throw new IamRefusal('InvalidInput', `The requested DurationSeconds exceeds the MaxSessionDuration set for this role.`);
    }
    const callerRole = caller.kind === 'assumed-role' ? this.store.get<RoleRecord>(caller.account, 'role', caller.name)?.arn : undefined;
    const request = { action: 'sts:AssumeRole', resource: role.arn, context: {} };
    let trust: 'direct' | 'account' | undefined;
    for (const s of parsePolicyDocument(role.assumeRolePolicyDocument, 'trust').Statement) {
      const how = namesCaller(s, caller, callerRole);
      if (!how || !statementApplies({ ...s, Resource: undefined }, request)) continue;
      if (s.Effect === 'Deny') throw denied();
      trust = trust === 'direct' ? trust : how;
    }
    if (!trust) throw denied();
    // Trusting the account delegates to the account's own policies (the root needs none).
    if (trust === 'account' && this.authorizer.decide(caller, request) !== 'Allow') throw denied();
    const nowMs = this.now();
    const session = { sessionToken: `FwoGZXIvYXdzE${randomBytes(96).toString('base64')}`, expiresMs: nowMs + durationSeconds * 1000, roleName: role.roleName, roleId: role.roleId, sessionName };
    const credentials = { accessKeyId: iamId('ASIA', 16), secretAccessKey: newSecret(), account: caller.account, owner: role.arn, status: 'Active' as const, createdMs: nowMs, session };
    this.store.sweepSessions(nowMs);
    this.store.putKey(credentials);
    return { credentials, assumedRoleArn: assumedRoleArn(caller.account, role.roleName, sessionName), assumedRoleId: `${role.roleId}:${sessionName}` };
  }
}
