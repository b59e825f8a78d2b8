import type { IamStore } from '../store/index.js';
import { parsePolicyDocument } from './policy-document.js';
import { iamArn, iamId, validPath, type RoleRecord } from './records.js';
import { IamRefusal } from './refusal.js';
import { mergeTags } from './users.js';

/** What CreateRole takes beyond the role's name. */
export interface NewRole {
  assumeRolePolicyDocument: string;
  path?: string;
  description?: string;
  maxSessionDuration?: number;
  tags?: RoleRecord['tags'];
}

/** Roles and their trust policies. */
export class IamRoles {
  constructor(private readonly store: IamStore, private readonly now: () => number) {}

  /** CreateRole: its trust policy is checked as a trust policy (principals, no resources). */
  create(account: string, roleName: string, input: NewRole): RoleRecord {
    if (this.store.get(account, 'role', roleName)) throw new IamRefusal('EntityAlreadyExists', `Role with name ${roleName} already exists.`);
    parsePolicyDocument(input.assumeRolePolicyDocument, 'trust');
    const p = validPath(input.path);
    if (!p) throw new IamRefusal('InvalidInput', 'The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.');
    const duration = input.maxSessionDuration ?? 3600;
    if (duration < 3600 || duration > 43200) throw new IamRefusal('InvalidInput', `The requested MaxSessionDuration ${duration} exceeds the 12 hour limit.`);
    const role: RoleRecord = {
      roleName, roleId: iamId('AROA'), path: p, arn: iamArn(account, 'role', p, roleName), createdMs: this.now(),
      assumeRolePolicyDocument: input.assumeRolePolicyDocument, maxSessionDuration: duration, attachedPolicies: [], inlinePolicies: {}, tags: input.tags ?? [],
      ...(input.description !== undefined ? { description: input.description } : {}),
    };
    this.store.put(account, 'role', roleName, role);
    return role;
  }

  /** GetRole. */
  get(account: string, roleName: string): RoleRecord {
    return this.store.get<RoleRecord>(account, 'role', roleName) ?? (() => { throw new IamRefusal('NoSuchEntity', `The role with name ${roleName} cannot be found.`); })();
  }

  /** ListRoles, optionally under a path prefix. */
  list(account: string, pathPrefix = '/'): RoleRecord[] {
    return this.store.list<RoleRecord>(account, 'role').filter((r) => r.path.startsWith(pathPrefix));
  }

  /** DeleteRole: refused while policies are attached or put on it. */
  delete(account: string, roleName: string): void {
    const role = this.get(account, roleName);
    if (role.attachedPolicies.length > 0) throw new IamRefusal('DeleteConflict', 'Cannot delete entity, must detach all policies first.');
    if (Object.keys(role.inlinePolicies).length > 0) throw new IamRefusal('DeleteConflict', 'Cannot delete entity, must delete policies first.');
    this.store.delete(account, 'role', roleName);
  }

  /** TagRole: tags replace those of the same key. */
  tag(account: string, roleName: string, tags: RoleRecord['tags']): void {
    const role = this.get(account, roleName);
    this.store.put(account, 'role', roleName, { ...role, tags: mergeTags(role.tags, tags) });
  }

  /** UntagRole. */
  untag(account: string, roleName: string, keys: string[]): void {
    const role = this.get(account, roleName);
    this.store.put(account, 'role', roleName, { ...role, tags: role.tags.filter((t) => !keys.includes(t.Key)) });
  }

  /** UpdateRole: its description and longest session. */
  update(account: string, roleName: string, description: string | undefined, maxSessionDuration: number | undefined): void {
    const role = this.get(account, roleName);
    if (maxSessionDuration !== undefined && (maxSessionDuration < 3600 || maxSessionDuration > 43200)) throw new IamRefusal('InvalidInput', `The requested MaxSessionDuration ${maxSessionDuration} exceeds the 12 hour limit.`);
    this.store.put(account, 'role', roleName, { ...role, ...(description !== undefined ? { description } : {}), ...(maxSessionDuration !== undefined ? { maxSessionDuration } : {}) });
  }

  /** UpdateAssumeRolePolicy. */
  updateTrust(account: string, roleName: string, document: string): void {
    const role = this.get(account, roleName);
    parsePolicyDocument(document, 'trust');
    this.store.put(account, 'role', roleName, { ...role, assumeRolePolicyDocument: document });
  }
}
