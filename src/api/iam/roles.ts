import type { HandlerInput, HandlerOutput, NoOutput, RequestContext } from '../protocol/index.js';
import type { IamDeps } from './deps.js';
import { iamCall } from './errors.js';
import type { IamOperations as Ops } from './operations.js';
import { iamPage } from './paging.js';
import { roleView } from './views.js';

type In<K extends keyof Ops> = HandlerInput<Ops[K]['input']>;
type Out<K extends keyof Ops> = HandlerOutput<Ops[K]['output']>;

/** CreateRole with its trust policy. */
export function createRole(deps: IamDeps, input: In<'CreateRole'>, ctx: RequestContext): Out<'CreateRole'> {
  const role = iamCall(() => deps.iam.roles.create(ctx.account, input.RoleName, {
    assumeRolePolicyDocument: input.AssumeRolePolicyDocument,
    path: input.Path,
    description: input.Description,
    maxSessionDuration: input.MaxSessionDuration,
    tags: (input.Tags ?? []).map((t) => ({ Key: t.Key, Value: t.Value })),
  }));
  return { Role: roleView(role) };
}

/** GetRole. */
export function getRole(deps: IamDeps, input: In<'GetRole'>, ctx: RequestContext): Out<'GetRole'> {
  return { Role: roleView(iamCall(() => deps.iam.roles.get(ctx.account, input.RoleName))) };
}

/** ListRoles. */
export function listRoles(deps: IamDeps, input: In<'ListRoles'>, ctx: RequestContext): Out<'ListRoles'> {
  const { items, ...page } = iamPage(deps.iam.roles.list(ctx.account, input.PathPrefix), input.Marker, input.MaxItems);
  // ListRoles leaves tags out, as IAM does.
  return { Roles: items.map((r) => ({ ...roleView(r), Tags: undefined })), ...page };
}

/** DeleteRole. */
export function deleteRole(deps: IamDeps, input: In<'DeleteRole'>, ctx: RequestContext): NoOutput {
  iamCall(() => deps.iam.roles.delete(ctx.account, input.RoleName));
  return {};
}

/** UpdateRole. */
export function updateRole(deps: IamDeps, input: In<'UpdateRole'>, ctx: RequestContext): Out<'UpdateRole'> {
  iamCall(() => deps.iam.roles.update(ctx.account, input.RoleName, input.Description, input.MaxSessionDuration));
  return {};
}

/** UpdateAssumeRolePolicy. */
export function updateAssumeRolePolicy(deps: IamDeps, input: In<'UpdateAssumeRolePolicy'>, ctx: RequestContext): NoOutput {
  iamCall(() => deps.iam.roles.updateTrust(ctx.account, input.RoleName, input.PolicyDocument));
  return {};
}

/** TagRole. */
export function tagRole(deps: IamDeps, input: In<'TagRole'>, ctx: RequestContext): NoOutput {
  iamCall(() => deps.iam.roles.tag(ctx.account, input.RoleName, input.Tags.map((t) => ({ Key: t.Key, Value: t.Value }))));
  return {};
}

/** UntagRole. */
export function untagRole(deps: IamDeps, input: In<'UntagRole'>, ctx: RequestContext): NoOutput {
  iamCall(() => deps.iam.roles.untag(ctx.account, input.RoleName, input.TagKeys));
  return {};
}

/** ListRoleTags. */
export function listRoleTags(deps: IamDeps, input: In<'ListRoleTags'>, ctx: RequestContext): Out<'ListRoleTags'> {
  const { items, ...page } = iamPage(iamCall(() => deps.iam.roles.get(ctx.account, input.RoleName)).tags, input.Marker, input.MaxItems);
  return { Tags: items, ...page };
}
