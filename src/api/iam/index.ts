import { lazyAwsModel } from '../../model/index.js';
import { defineService, type LazyModel, type ServiceDefinition } from '../protocol/index.js';
import type { IamDeps } from './deps.js';
import { addUserToGroup, createGroup, deleteGroup, getGroup, listGroups, listGroupsForUser, removeUserFromGroup } from './groups.js';
import { attachPolicy, deleteInlinePolicy, detachPolicy, getInlinePolicy, listAttachedPolicies, listInlinePolicies, putInlinePolicy } from './holder-policies.js';
import type { IamOperations } from './operations.js';
import { createPolicy, createPolicyVersion, deletePolicy, deletePolicyVersion, getPolicy, getPolicyVersion, listPolicies, listPolicyVersions, setDefaultPolicyVersion } from './policies.js';
import { createRole, deleteRole, getRole, listRoles, listRoleTags, tagRole, untagRole, updateAssumeRolePolicy, updateRole } from './roles.js';
import { createAccessKey, createUser, deleteAccessKey, deleteUser, getUser, listAccessKeys, listUsers, listUserTags, tagUser, untagUser, updateAccessKey } from './users.js';

export type { IamDeps } from './deps.js';
export { callerOf } from './caller.js';
export { QUERY_REFUSALS, AccessDenied } from './errors.js';

/** The IAM service (query protocol): users, access keys, groups, roles, managed and inline policies. */
export function iamService(deps: IamDeps): ServiceDefinition {
  return defineService<IamOperations>(lazyAwsModel('iam') as LazyModel, {
    CreateUser: (input, ctx) => createUser(deps, input, ctx),
    GetUser: (input, ctx) => getUser(deps, input, ctx),
    ListUsers: (input, ctx) => listUsers(deps, input, ctx),
    DeleteUser: (input, ctx) => deleteUser(deps, input, ctx),
    TagUser: (input, ctx) => tagUser(deps, input, ctx),
    UntagUser: (input, ctx) => untagUser(deps, input, ctx),
    ListUserTags: (input, ctx) => listUserTags(deps, input, ctx),
    CreateAccessKey: (input, ctx) => createAccessKey(deps, input, ctx),
    ListAccessKeys: (input, ctx) => listAccessKeys(deps, input, ctx),
    DeleteAccessKey: (input, ctx) => deleteAccessKey(deps, input, ctx),
    UpdateAccessKey: (input, ctx) => updateAccessKey(deps, input, ctx),
    CreateGroup: (input, ctx) => createGroup(deps, input, ctx),
    GetGroup: (input, ctx) => getGroup(deps, input, ctx),
    ListGroups: (input, ctx) => listGroups(deps, input, ctx),
    ListGroupsForUser: (input, ctx) => listGroupsForUser(deps, input, ctx),
    DeleteGroup: (input, ctx) => deleteGroup(deps, input, ctx),
    AddUserToGroup: (input, ctx) => addUserToGroup(deps, input, ctx),
    RemoveUserFromGroup: (input, ctx) => removeUserFromGroup(deps, input, ctx),
    CreateRole: (input, ctx) => createRole(deps, input, ctx),
    GetRole: (input, ctx) => getRole(deps, input, ctx),
    ListRoles: (input, ctx) => listRoles(deps, input, ctx),
    DeleteRole: (input, ctx) => deleteRole(deps, input, ctx),
    UpdateRole: (input, ctx) => updateRole(deps, input, ctx),
    UpdateAssumeRolePolicy: (input, ctx) => updateAssumeRolePolicy(deps, input, ctx),
    TagRole: (input, ctx) => tagRole(deps, input, ctx),
    UntagRole: (input, ctx) => untagRole(deps, input, ctx),
    ListRoleTags: (input, ctx) => listRoleTags(deps, input, ctx),
    CreatePolicy: (input, ctx) => createPolicy(deps, input, ctx),
    GetPolicy: (input, ctx) => getPolicy(deps, input, ctx),
    ListPolicies: (input, ctx) => listPolicies(deps, input, ctx),
    DeletePolicy: (input, ctx) => deletePolicy(deps, input, ctx),
    CreatePolicyVersion: (input, ctx) => createPolicyVersion(deps, input, ctx),
    GetPolicyVersion: (input, ctx) => getPolicyVersion(deps, input, ctx),
    ListPolicyVersions: (input, ctx) => listPolicyVersions(deps, input, ctx),
    DeletePolicyVersion: (input, ctx) => deletePolicyVersion(deps, input, ctx),
    SetDefaultPolicyVersion: (input, ctx) => setDefaultPolicyVersion(deps, input, ctx),
    AttachUserPolicy: (input, ctx) => attachPolicy(deps, ctx, 'user', input.UserName, input.PolicyArn),
    AttachGroupPolicy: (input, ctx) => attachPolicy(deps, ctx, 'group', input.GroupName, input.PolicyArn),
    AttachRolePolicy: (input, ctx) => attachPolicy(deps, ctx, 'role', input.RoleName, input.PolicyArn),
    DetachUserPolicy: (input, ctx) => detachPolicy(deps, ctx, 'user', input.UserName, input.PolicyArn),
    DetachGroupPolicy: (input, ctx) => detachPolicy(deps, ctx, 'group', input.GroupName, input.PolicyArn),
    DetachRolePolicy: (input, ctx) => detachPolicy(deps, ctx, 'role', input.RoleName, input.PolicyArn),
    ListAttachedUserPolicies: (input, ctx) => listAttachedPolicies(deps, ctx, 'user', input.UserName, input),
    ListAttachedGroupPolicies: (input, ctx) => listAttachedPolicies(deps, ctx, 'group', input.GroupName, input),
    ListAttachedRolePolicies: (input, ctx) => listAttachedPolicies(deps, ctx, 'role', input.RoleName, input),
    PutUserPolicy: (input, ctx) => putInlinePolicy(deps, ctx, 'user', input.UserName, input.PolicyName, input.PolicyDocument),
    PutGroupPolicy: (input, ctx) => putInlinePolicy(deps, ctx, 'group', input.GroupName, input.PolicyName, input.PolicyDocument),
    PutRolePolicy: (input, ctx) => putInlinePolicy(deps, ctx, 'role', input.RoleName, input.PolicyName, input.PolicyDocument),
    GetUserPolicy: (input, ctx) => ({ UserName: input.UserName, ...getInlinePolicy(deps, ctx, 'user', input.UserName, input.PolicyName) }),
    GetGroupPolicy: (input, ctx) => ({ GroupName: input.GroupName, ...getInlinePolicy(deps, ctx, 'group', input.GroupName, input.PolicyName) }),
    GetRolePolicy: (input, ctx) => ({ RoleName: input.RoleName, ...getInlinePolicy(deps, ctx, 'role', input.RoleName, input.PolicyName) }),
    DeleteUserPolicy: (input, ctx) => deleteInlinePolicy(deps, ctx, 'user', input.UserName, input.PolicyName),
    DeleteGroupPolicy: (input, ctx) => deleteInlinePolicy(deps, ctx, 'group', input.GroupName, input.PolicyName),
    DeleteRolePolicy: (input, ctx) => deleteInlinePolicy(deps, ctx, 'role', input.RoleName, input.PolicyName),
    ListUserPolicies: (input, ctx) => listInlinePolicies(deps, ctx, 'user', input.UserName, input),
    ListGroupPolicies: (input, ctx) => listInlinePolicies(deps, ctx, 'group', input.GroupName, input),
    ListRolePolicies: (input, ctx) => listInlinePolicies(deps, ctx, 'role', input.RoleName, input),
  });
}
