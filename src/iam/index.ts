import type { IamStore } from '../store/index.js';
import { Authenticator, type RootKey } from './authenticator.js';
import { Authorizer } from './authorizer.js';
import { IamPolicies } from './policies.js';
import { IamRoles } from './roles.js';
import { RoleSessions } from './sessions.js';
import { IamUsers } from './users.js';

export { Authenticator, type RootKey } from './authenticator.js';
export { Authorizer, deniedMessage, type AuthorizationCall } from './authorizer.js';
export { IamPolicies } from './policies.js';
export { awsManagedPolicies } from './aws-managed-policies.js';
export { IamRoles, type NewRole } from './roles.js';
export { IamUsers } from './users.js';
export { RoleSessions, type RoleSession } from './sessions.js';
export { IamRefusal, type IamRefusalCode } from './refusal.js';
export { RecentDenials, type Denial } from './denials.js';
export { rootPrincipal, type Principal } from './principal.js';
export { parsePolicyDocument, type PolicyDocument, type PolicyStatement } from './policy-document.js';
export { evaluatePolicies, type AuthorizationRequest, type Decision } from './policy-evaluation.js';
export { iamId, newSecret, type GroupRecord, type HolderKind, type ManagedPolicyRecord, type RoleRecord, type UserRecord } from './records.js';
export type { SignedRequest } from './sigv4.js';
export { NodeSha256 } from './node-sha256.js';

/** Everything the access-control domain offers, over one store and clock. */
export interface Iam {
  users: IamUsers;
  roles: IamRoles;
  policies: IamPolicies;
  sessions: RoleSessions;
  authenticator: Authenticator;
  authorizer: Authorizer;
}

/** Builds the access-control domain for one account with its root key. */
export function createIam(store: IamStore, account: string, root: RootKey, now: () => number): Iam {
  const policies = new IamPolicies(store, now);
  const authorizer = new Authorizer(store, policies);
  return {
    users: new IamUsers(store, now),
    roles: new IamRoles(store, now),
    policies,
    sessions: new RoleSessions(store, authorizer, now),
    authenticator: new Authenticator(store, account, root, now),
    authorizer,
  };
}
