import type { IamStore } from '../store/index.js';
import { awsManagedPolicy } from './aws-managed-policies.js';
import { parsePolicyDocument } from './policy-document.js';
import { iamArn, iamId, validPath, type HolderKind, type ManagedPolicyRecord, type PolicyHolder } from './records.js';
import { IamRefusal } from './refusal.js';

/** IAM keeps at most five versions of a managed policy. */
const MAX_VERSIONS = 5;
/** Managed policies attached to one user, group or role (IAM's default quota). */
const MAX_ATTACHED = 10;
const HOLDER_NAMES: Record<HolderKind, string> = { user: 'user', group: 'group', role: 'role' };

/** Customer managed policies, their versions, and the attachment and inline policies of users, groups and roles. */
export class IamPolicies {
  constructor(private readonly store: IamStore, private readonly now: () => number) {}

  /** CreatePolicy. */
  create(account: string, policyName: string, document: string, pathValue?: string, description?: string): ManagedPolicyRecord {
    if (this.store.get(account, 'policy', policyName)) throw new IamRefusal('EntityAlreadyExists', `A policy called ${policyName} already exists. Duplicate names are not allowed.`);
    parsePolicyDocument(document, 'identity');
    const path = validPath(pathValue);
    if (!path) throw new IamRefusal('InvalidInput', 'The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.');
    const now = this.now();
    const policy: ManagedPolicyRecord = {
      policyName, policyId: iamId('ANPA'), path, arn: iamArn(account, 'policy', path, policyName), createdMs: now, updatedMs: now,
      defaultVersionId: 'v1', nextVersion: 2, versions: [{ versionId: 'v1', document, createdMs: now }], ...(description !== undefined ? { description } : {}),
    };
    this.store.put(account, 'policy', policyName, policy);
    return policy;
  }

  /** A managed policy by ARN: this account's, or an AWS managed one kept here. */
  get(account: string, arn: string): ManagedPolicyRecord {
    const aws = awsManagedPolicy(arn);
    if (aws) return aws;
    const name = arn.startsWith(`arn:aws:iam::${account}:policy/`) ? arn.slice(arn.lastIndexOf('/') + 1) : undefined;
    const policy = name ? this.store.get<ManagedPolicyRecord>(account, 'policy', name) : undefined;
    if (!policy || policy.arn !== arn) throw new IamRefusal('NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`);
    return policy;
  }

  /** ListPolicies of this account (Scope=Local), with the AWS managed ones in use when asked for All. */
  list(account: string): ManagedPolicyRecord[] {
    return this.store.list<ManagedPolicyRecord>(account, 'policy');
  }

  /** How many users, groups and roles have a policy attached. */
  attachmentCount(account: string, arn: string): number {
    return (['user', 'group', 'role'] as const).reduce((n, kind) => n + this.store.list<PolicyHolder>(account, kind).filter((h) => h.attachedPolicies.includes(arn)).length, 0);
  }

  /** DeletePolicy: refused while attached or with versions besides the default. */
  delete(account: string, arn: string): void {
    const policy = this.customer(account, arn);
    if (this.attachmentCount(account, arn) > 0) throw new IamRefusal('DeleteConflict', 'Cannot delete a policy attached to entities.');
    if (policy.versions.length > 1) throw new IamRefusal('DeleteConflict', 'Cannot delete a policy with non-default versions. Delete them first.');
    this.store.delete(account, 'policy', policy.policyName);
  }

  /** CreatePolicyVersion, optionally as the new default. */
  createVersion(account: string, arn: string, document: string, setAsDefault: boolean): ManagedPolicyRecord['versions'][number] {
    const policy = this.customer(account, arn);
    parsePolicyDocument(document, 'identity');
    if (policy.versions.length >= MAX_VERSIONS) throw new IamRefusal('LimitExceeded', `A managed policy can have up to ${MAX_VERSIONS} versions. Before you create a new version, you must delete an existing version.`);
    const version = { versionId: `v${policy.nextVersion}`, document, createdMs: this.now() };
    this.store.put(account, 'policy', policy.policyName, {
      ...policy, nextVersion: policy.nextVersion + 1, updatedMs: version.createdMs, versions: [...policy.versions, version], defaultVersionId: setAsDefault ? version.versionId : policy.defaultVersionId,
    });
    return version;
  }

  /** DeletePolicyVersion (never the default one). */
  deleteVersion(account: string, arn: string, versionId: string): void {
    const policy = this.customer(account, arn);
    if (!policy.versions.some((v) => v.versionId === versionId)) throw new IamRefusal('NoSuchEntity', `Policy ${arn} version ${versionId} does not exist.`);
    if (policy.defaultVersionId === versionId) throw new IamRefusal('DeleteConflict', 'Cannot delete the default version of a policy.');
    this.store.put(account, 'policy', policy.policyName, { ...policy, versions: policy.versions.filter((v) => v.versionId !== versionId) });
  }

  /** SetDefaultPolicyVersion. */
  setDefault(account: string, arn: string, versionId: string): void {
    const policy = this.customer(account, arn);
    if (!policy.versions.some((v) => v.versionId === versionId)) throw new IamRefusal('NoSuchEntity', `Policy ${arn} version ${versionId} does not exist.`);
    this.store.put(account, 'policy', policy.policyName, { ...policy, defaultVersionId: versionId });
  }

  /** The default version's document of a managed policy. */
  defaultDocument(policy: ManagedPolicyRecord): string {
    return policy.versions.find((v) => v.versionId === policy.defaultVersionId)!.document;
  }

  /** AttachUserPolicy / AttachGroupPolicy / AttachRolePolicy (attaching twice is a no-op, as in IAM). */
  attach(account: string, kind: HolderKind, name: string, arn: string): void {
    const holder = this.holder(account, kind, name);
    this.get(account, arn);
    if (holder.attachedPolicies.includes(arn)) return;
    if (holder.attachedPolicies.length >= MAX_ATTACHED) throw new IamRefusal('LimitExceeded', `Cannot exceed quota for PoliciesPer${kind[0].toUpperCase()}${kind.slice(1)}: ${MAX_ATTACHED}`);
    this.store.put(account, kind, name, { ...holder, attachedPolicies: [...holder.attachedPolicies, arn] });
  }

  /** DetachUserPolicy / DetachGroupPolicy / DetachRolePolicy. */
  detach(account: string, kind: HolderKind, name: string, arn: string): void {
    const holder = this.holder(account, kind, name);
    if (!holder.attachedPolicies.includes(arn)) throw new IamRefusal('NoSuchEntity', `Policy ${arn} was not found.`);
    this.store.put(account, kind, name, { ...holder, attachedPolicies: holder.attachedPolicies.filter((a) => a !== arn) });
  }

  /** The managed policies attached to a user, group or role. */
  attached(account: string, kind: HolderKind, name: string): ManagedPolicyRecord[] {
    return this.holder(account, kind, name).attachedPolicies.flatMap((arn) => {
      try {
        return [this.get(account, arn)];
      } catch {
        return [];
      }
    });
  }

  /** PutUserPolicy / PutGroupPolicy / PutRolePolicy: an inline identity policy, replaced when the name exists. */
  putInline(account: string, kind: HolderKind, name: string, policyName: string, document: string): void {
    const holder = this.holder(account, kind, name);
    parsePolicyDocument(document, 'identity');
    this.store.put(account, kind, name, { ...holder, inlinePolicies: { ...holder.inlinePolicies, [policyName]: document } });
  }

  /** GetUserPolicy / GetRolePolicy / GetGroupPolicy. */
  getInline(account: string, kind: HolderKind, name: string, policyName: string): string {
    const holder = this.holder(account, kind, name);
    if (!Object.hasOwn(holder.inlinePolicies, policyName)) throw new IamRefusal('NoSuchEntity', `The ${HOLDER_NAMES[kind]} policy with name ${policyName} cannot be found.`);
    return holder.inlinePolicies[policyName];
  }

  /** The inline policy names of a user, group or role. */
  inlineNames(account: string, kind: HolderKind, name: string): string[] {
    return Object.keys(this.holder(account, kind, name).inlinePolicies);
  }

  /** DeleteUserPolicy / DeleteRolePolicy / DeleteGroupPolicy. */
  deleteInline(account: string, kind: HolderKind, name: string, policyName: string): void {
    const holder = this.holder(account, kind, name);
    this.getInline(account, kind, name, policyName);
    const { [policyName]: _removed, ...rest } = holder.inlinePolicies;
    this.store.put(account, kind, name, { ...holder, inlinePolicies: rest });
  }

  /** Every identity policy document of a holder: inline ones and the default versions of those attached. */
  documentsOf(account: string, holder: PolicyHolder): string[] {
    return [...Object.values(holder.inlinePolicies), ...holder.attachedPolicies.flatMap((arn) => {
      try {
        return [this.defaultDocument(this.get(account, arn))];
      } catch {
        return [];
      }
    })];
  }

  private customer(account: string, arn: string): ManagedPolicyRecord {
    if (awsManagedPolicy(arn)) throw new IamRefusal('InvalidInput', `Policy ${arn} is an AWS managed policy and cannot be changed.`);
    return this.get(account, arn);
  }

  private holder(account: string, kind: HolderKind, name: string): PolicyHolder {
    const holder = this.store.get<PolicyHolder>(account, kind, name);
    if (!holder) throw new IamRefusal('NoSuchEntity', `The ${HOLDER_NAMES[kind]} with name ${name} cannot be found.`);
    return holder;
  }
}
