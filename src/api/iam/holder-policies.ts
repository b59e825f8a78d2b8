import type { HolderKind } from '../../iam/index.js';
import type { RequestContext } from '../protocol/index.js';
import type { IamDeps } from './deps.js';
import { iamCall } from './errors.js';
import { iamPage } from './paging.js';
import { encodedDocument } from './views.js';

// The policy operations users, groups and roles share (AttachUserPolicy, AttachGroupPolicy, AttachRolePolicy, ...),
// written once over the holder's kind and name.

/** Attach<Kind>Policy. */
export function attachPolicy(deps: IamDeps, ctx: RequestContext, kind: HolderKind, name: string, policyArn: string): Record<string, never> {
  iamCall(() => deps.iam.policies.attach(ctx.account, kind, name, policyArn));
  return {};
}

/** Detach<Kind>Policy. */
export function detachPolicy(deps: IamDeps, ctx: RequestContext, kind: HolderKind, name: string, policyArn: string): Record<string, never> {
  iamCall(() => deps.iam.policies.detach(ctx.account, kind, name, policyArn));
  return {};
}

/** ListAttached<Kind>Policies. */
export function listAttachedPolicies(deps: IamDeps, ctx: RequestContext, kind: HolderKind, name: string, input: { PathPrefix?: string; Marker?: string; MaxItems?: number }) {
  const attached = iamCall(() => deps.iam.policies.attached(ctx.account, kind, name)).filter((p) => p.path.startsWith(input.PathPrefix ?? '/'));
  const { items, ...page } = iamPage(attached, input.Marker, input.MaxItems);
  return { AttachedPolicies: items.map((p) => ({ PolicyName: p.policyName, PolicyArn: p.arn })), ...page };
}

/** Put<Kind>Policy: an inline policy. */
export function putInlinePolicy(deps: IamDeps, ctx: RequestContext, kind: HolderKind, name: string, policyName: string, document: string): Record<string, never> {
  iamCall(() => deps.iam.policies.putInline(ctx.account, kind, name, policyName, document));
  return {};
}

/** Get<Kind>Policy: the inline policy's document, URL-encoded. */
export function getInlinePolicy(deps: IamDeps, ctx: RequestContext, kind: HolderKind, name: string, policyName: string): { PolicyName: string; PolicyDocument: string } {
  return { PolicyName: policyName, PolicyDocument: encodedDocument(iamCall(() => deps.iam.policies.getInline(ctx.account, kind, name, policyName))) };
}

/** Delete<Kind>Policy. */
export function deleteInlinePolicy(deps: IamDeps, ctx: RequestContext, kind: HolderKind, name: string, policyName: string): Record<string, never> {
  iamCall(() => deps.iam.policies.deleteInline(ctx.account, kind, name, policyName));
  return {};
}

/** List<Kind>Policies: the inline policies' names. */
export function listInlinePolicies(deps: IamDeps, ctx: RequestContext, kind: HolderKind, name: string, input: { Marker?: string; MaxItems?: number }) {
  const { items, ...page } = iamPage(iamCall(() => deps.iam.policies.inlineNames(ctx.account, kind, name)), input.Marker, input.MaxItems);
  return { PolicyNames: items, ...page };
}
