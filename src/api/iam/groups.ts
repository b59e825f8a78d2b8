import type { HandlerInput, HandlerOutput, NoOutput, RequestContext } from '../protocol/index.js';
import type { IamDeps } from './deps.js';
import { iamCall } from './errors.js';
import type { IamOperations as Ops } from './operations.js';
import { iamPage } from './paging.js';
import { groupView, userView } from './views.js';

type In<K extends keyof Ops> = HandlerInput<Ops[K]['input']>;
type Out<K extends keyof Ops> = HandlerOutput<Ops[K]['output']>;

/** CreateGroup. */
export function createGroup(deps: IamDeps, input: In<'CreateGroup'>, ctx: RequestContext): Out<'CreateGroup'> {
  return { Group: groupView(iamCall(() => deps.iam.users.createGroup(ctx.account, input.GroupName, input.Path))) };
}

/** GetGroup: the group and its users. */
export function getGroup(deps: IamDeps, input: In<'GetGroup'>, ctx: RequestContext): Out<'GetGroup'> {
  const group = iamCall(() => deps.iam.users.group(ctx.account, input.GroupName));
  const { items, ...page } = iamPage(deps.iam.users.members(ctx.account, input.GroupName), input.Marker, input.MaxItems);
  return { Group: groupView(group), Users: items.map(userView), ...page };
}

/** ListGroups. */
export function listGroups(deps: IamDeps, input: In<'ListGroups'>, ctx: RequestContext): Out<'ListGroups'> {
  const { items, ...page } = iamPage(deps.iam.users.listGroups(ctx.account, input.PathPrefix), input.Marker, input.MaxItems);
  return { Groups: items.map(groupView), ...page };
}

/** ListGroupsForUser. */
export function listGroupsForUser(deps: IamDeps, input: In<'ListGroupsForUser'>, ctx: RequestContext): Out<'ListGroupsForUser'> {
  const user = iamCall(() => deps.iam.users.get(ctx.account, input.UserName));
  const groups = user.groups.flatMap((g) => {
    try {
      return [deps.iam.users.group(ctx.account, g)];
    } catch {
      return [];
    }
  });
  const { items, ...page } = iamPage(groups, input.Marker, input.MaxItems);
  return { Groups: items.map(groupView), ...page };
}

/** DeleteGroup. */
export function deleteGroup(deps: IamDeps, input: In<'DeleteGroup'>, ctx: RequestContext): NoOutput {
  iamCall(() => deps.iam.users.deleteGroup(ctx.account, input.GroupName));
  return {};
}

/** AddUserToGroup. */
export function addUserToGroup(deps: IamDeps, input: In<'AddUserToGroup'>, ctx: RequestContext): NoOutput {
  iamCall(() => deps.iam.users.setMembership(ctx.account, input.GroupName, input.UserName, true));
  return {};
}

/** RemoveUserFromGroup. */
export function removeUserFromGroup(deps: IamDeps, input: In<'RemoveUserFromGroup'>, ctx: RequestContext): NoOutput {
  iamCall(() => deps.iam.users.setMembership(ctx.account, input.GroupName, input.UserName, false));
  return {};
}
