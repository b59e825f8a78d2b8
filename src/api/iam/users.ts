import type { HandlerInput, HandlerOutput, NoOutput, RequestContext } from '../protocol/index.js';
import { ValidationException } from '../protocol/index.js';
import { callerOf } from './caller.js';
import type { IamDeps } from './deps.js';
import { iamCall } from './errors.js';
import type { IamOperations as Ops } from './operations.js';
import { iamPage } from './paging.js';
import { keyMetadata, keyView, userView } from './views.js';

type In<K extends keyof Ops> = HandlerInput<Ops[K]['input']>;
type Out<K extends keyof Ops> = HandlerOutput<Ops[K]['output']>;

/** The user a call names, or the calling user when it names none (IAM's implicit user). */
function userNameOf(deps: IamDeps, ctx: RequestContext, given: string | undefined): string | undefined {
  if (given !== undefined) return given;
  const caller = callerOf(deps, ctx);
  if (caller.kind === 'assumed-role') throw new ValidationException('Must specify userName when calling with non-User credentials');
  return caller.kind === 'user' ? caller.name : undefined;
}

/** CreateUser. */
export function createUser(deps: IamDeps, input: In<'CreateUser'>, ctx: RequestContext): Out<'CreateUser'> {
  const tags = (input.Tags ?? []).map((t) => ({ Key: t.Key, Value: t.Value }));
  return { User: userView(iamCall(() => deps.iam.users.create(ctx.account, input.UserName, input.Path, tags))) };
}

/** GetUser: the named user, or the caller (the root answers with its account ARN). */
export function getUser(deps: IamDeps, input: In<'GetUser'>, ctx: RequestContext): Out<'GetUser'> {
  const name = userNameOf(deps, ctx, input.UserName);
  if (name === undefined) {
    const root = callerOf(deps, ctx);
    return { User: { Path: undefined, UserName: undefined, UserId: root.account, Arn: root.arn, CreateDate: new Date(0) } };
  }
  return { User: userView(iamCall(() => deps.iam.users.get(ctx.account, name))) };
}

/** ListUsers. */
export function listUsers(deps: IamDeps, input: In<'ListUsers'>, ctx: RequestContext): Out<'ListUsers'> {
  const { items, ...page } = iamPage(deps.iam.users.list(ctx.account, input.PathPrefix), input.Marker, input.MaxItems);
  return { Users: items.map(userView), ...page };
}

/** DeleteUser. */
export function deleteUser(deps: IamDeps, input: In<'DeleteUser'>, ctx: RequestContext): NoOutput {
  iamCall(() => deps.iam.users.delete(ctx.account, input.UserName));
  return {};
}

/** TagUser. */
export function tagUser(deps: IamDeps, input: In<'TagUser'>, ctx: RequestContext): NoOutput {
  iamCall(() => deps.iam.users.tag(ctx.account, input.UserName, input.Tags.map((t) => ({ Key: t.Key, Value: t.Value }))));
  return {};
}

/** UntagUser. */
export function untagUser(deps: IamDeps, input: In<'UntagUser'>, ctx: RequestContext): NoOutput {
  iamCall(() => deps.iam.users.untag(ctx.account, input.UserName, input.TagKeys));
  return {};
}

/** ListUserTags. */
export function listUserTags(deps: IamDeps, input: In<'ListUserTags'>, ctx: RequestContext): Out<'ListUserTags'> {
  const { items, ...page } = iamPage(iamCall(() => deps.iam.users.get(ctx.account, input.UserName)).tags, input.Marker, input.MaxItems);
  return { Tags: items, ...page };
}

/** CreateAccessKey for the named user or the calling one. */
export function createAccessKey(deps: IamDeps, input: In<'CreateAccessKey'>, ctx: RequestContext): Out<'CreateAccessKey'> {
  const name = userNameOf(deps, ctx, input.UserName);
  // The root's own keys are not made here: its one key is given at start.
  if (name === undefined) throw new ValidationException('Must specify userName when calling with root credentials'); // wording inferred
  return { AccessKey: keyView(iamCall(() => deps.iam.users.createKey(ctx.account, name))) };
}

/** ListAccessKeys of the named user or the calling one. */
export function listAccessKeys(deps: IamDeps, input: In<'ListAccessKeys'>, ctx: RequestContext): Out<'ListAccessKeys'> {
  const name = userNameOf(deps, ctx, input.UserName);
  const keys = name === undefined ? [] : iamCall(() => deps.iam.users.listKeys(ctx.account, name));
  const { items, ...page } = iamPage(keys, input.Marker, input.MaxItems);
  return { AccessKeyMetadata: items.map(keyMetadata), ...page };
}

/** DeleteAccessKey. */
export function deleteAccessKey(deps: IamDeps, input: In<'DeleteAccessKey'>, ctx: RequestContext): NoOutput {
  const name = userNameOf(deps, ctx, input.UserName) ?? '';
  iamCall(() => deps.iam.users.deleteKey(ctx.account, name, input.AccessKeyId));
  return {};
}

/** UpdateAccessKey: Active or Inactive. */
export function updateAccessKey(deps: IamDeps, input: In<'UpdateAccessKey'>, ctx: RequestContext): NoOutput {
  const name = userNameOf(deps, ctx, input.UserName) ?? '';
  iamCall(() => deps.iam.users.setKeyStatus(ctx.account, name, input.AccessKeyId, input.Status as 'Active' | 'Inactive'));
  return {};
}
