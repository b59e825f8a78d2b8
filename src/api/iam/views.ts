import type { AccessKey, AccessKeyMetadata, Group, Policy, PolicyVersion, Role, User } from '@aws-sdk/client-iam';
import type { GroupRecord, ManagedPolicyRecord, RoleRecord, UserRecord } from '../../iam/index.js';
import type { IamAccessKeyRecord } from '../../store/index.js';
import type { HandlerOutput } from '../protocol/index.js';

/** IAM hands policy documents back URL-encoded (RFC 3986), as the AWS CLI then decodes them. */
export function encodedDocument(document: string): string {
  return encodeURIComponent(document).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A user as IAM describes it. */
export function userView(user: UserRecord): HandlerOutput<User> {
  return { Path: user.path, UserName: user.userName, UserId: user.userId, Arn: user.arn, CreateDate: new Date(user.createdMs), ...(user.tags.length ? { Tags: user.tags } : {}) };
}

/** A group as IAM describes it. */
export function groupView(group: GroupRecord): HandlerOutput<Group> {
  return { Path: group.path, GroupName: group.groupName, GroupId: group.groupId, Arn: group.arn, CreateDate: new Date(group.createdMs) };
}

/** A role as IAM describes it, its trust policy URL-encoded. */
export function roleView(role: RoleRecord): HandlerOutput<Role> {
  return {
    Path: role.path, RoleName: role.roleName, RoleId: role.roleId, Arn: role.arn, CreateDate: new Date(role.createdMs),
    AssumeRolePolicyDocument: encodedDocument(role.assumeRolePolicyDocument), MaxSessionDuration: role.maxSessionDuration,
    ...(role.description !== undefined ? { Description: role.description } : {}), ...(role.tags.length ? { Tags: role.tags } : {}),
  };
}

/** A managed policy as IAM describes it, with how many entities it is attached to. */
export function policyView(policy: ManagedPolicyRecord, attachmentCount: number): HandlerOutput<Policy> {
  return {
    PolicyName: policy.policyName, PolicyId: policy.policyId, Arn: policy.arn, Path: policy.path, DefaultVersionId: policy.defaultVersionId,
    AttachmentCount: attachmentCount, PermissionsBoundaryUsageCount: 0, IsAttachable: true, CreateDate: new Date(policy.createdMs), UpdateDate: new Date(policy.updatedMs),
    ...(policy.description !== undefined ? { Description: policy.description } : {}),
  };
}

/** One version of a managed policy; the document only where IAM gives it (GetPolicyVersion, CreatePolicyVersion leaves it out). */
export function versionView(policy: ManagedPolicyRecord, version: ManagedPolicyRecord['versions'][number], withDocument: boolean): HandlerOutput<PolicyVersion> {
  return {
    VersionId: version.versionId, IsDefaultVersion: version.versionId === policy.defaultVersionId, CreateDate: new Date(version.createdMs),
    ...(withDocument ? { Document: encodedDocument(version.document) } : {}),
  };
}

/** An access key's metadata (no secret). */
export function keyMetadata(key: IamAccessKeyRecord): HandlerOutput<AccessKeyMetadata> {
  return { UserName: key.owner, AccessKeyId: key.accessKeyId, Status: key.status, CreateDate: new Date(key.createdMs) };
}

/** A new access key with its secret, shown once. */
export function keyView(key: IamAccessKeyRecord): HandlerOutput<AccessKey> {
  return { UserName: key.owner, AccessKeyId: key.accessKeyId, Status: key.status, SecretAccessKey: key.secretAccessKey, CreateDate: new Date(key.createdMs) };
}
