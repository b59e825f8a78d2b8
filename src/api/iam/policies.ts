import { awsManagedPolicies, type ManagedPolicyRecord } from '../../iam/index.js';
import type { HandlerInput, HandlerOutput, NoOutput, RequestContext } from '../protocol/index.js';
import type { IamDeps } from './deps.js';
import { iamCall, NoSuchEntityException } from './errors.js';
import type { IamOperations as Ops } from './operations.js';
import { iamPage } from './paging.js';
import { policyView, versionView } from './views.js';

type In<K extends keyof Ops> = HandlerInput<Ops[K]['input']>;
type Out<K extends keyof Ops> = HandlerOutput<Ops[K]['output']>;

function view(deps: IamDeps, ctx: RequestContext, policy: ManagedPolicyRecord) {
  return policyView(policy, deps.iam.policies.attachmentCount(ctx.account, policy.arn));
}

/** CreatePolicy: a customer managed policy with its first version, v1. */
export function createPolicy(deps: IamDeps, input: In<'CreatePolicy'>, ctx: RequestContext): Out<'CreatePolicy'> {
  const policy = iamCall(() => deps.iam.policies.create(ctx.account, input.PolicyName, input.PolicyDocument, input.Path, input.Description));
  return { Policy: view(deps, ctx, policy) };
}

/** GetPolicy. */
export function getPolicy(deps: IamDeps, input: In<'GetPolicy'>, ctx: RequestContext): Out<'GetPolicy'> {
  return { Policy: view(deps, ctx, iamCall(() => deps.iam.policies.get(ctx.account, input.PolicyArn))) };
}

/** ListPolicies: Scope All (default), AWS or Local, OnlyAttached, PathPrefix. */
export function listPolicies(deps: IamDeps, input: In<'ListPolicies'>, ctx: RequestContext): Out<'ListPolicies'> {
  const scope = input.Scope ?? 'All';
  const all = [...(scope === 'Local' ? [] : awsManagedPolicies()), ...(scope === 'AWS' ? [] : deps.iam.policies.list(ctx.account))];
  const shown = all
    .filter((p) => p.path.startsWith(input.PathPrefix ?? '/'))
    .map((p) => view(deps, ctx, p))
    .filter((p) => !input.OnlyAttached || (p.AttachmentCount ?? 0) > 0);
  const { items, ...page } = iamPage(shown, input.Marker, input.MaxItems);
  return { Policies: items, ...page };
}

/** DeletePolicy. */
export function deletePolicy(deps: IamDeps, input: In<'DeletePolicy'>, ctx: RequestContext): NoOutput {
  iamCall(() => deps.iam.policies.delete(ctx.account, input.PolicyArn));
  return {};
}

/** CreatePolicyVersion. */
export function createPolicyVersion(deps: IamDeps, input: In<'CreatePolicyVersion'>, ctx: RequestContext): Out<'CreatePolicyVersion'> {
  const version = iamCall(() => deps.iam.policies.createVersion(ctx.account, input.PolicyArn, input.PolicyDocument, Boolean(input.SetAsDefault)));
  return { PolicyVersion: versionView(deps.iam.policies.get(ctx.account, input.PolicyArn), version, false) };
}

/** GetPolicyVersion, its document URL-encoded. */
export function getPolicyVersion(deps: IamDeps, input: In<'GetPolicyVersion'>, ctx: RequestContext): Out<'GetPolicyVersion'> {
  const policy = iamCall(() => deps.iam.policies.get(ctx.account, input.PolicyArn));
  const version = policy.versions.find((v) => v.versionId === input.VersionId);
  if (!version) throw new NoSuchEntityException(`Policy ${input.PolicyArn} version ${input.VersionId} does not exist or is not attachable.`);
  return { PolicyVersion: versionView(policy, version, true) };
}

/** ListPolicyVersions, newest first. */
export function listPolicyVersions(deps: IamDeps, input: In<'ListPolicyVersions'>, ctx: RequestContext): Out<'ListPolicyVersions'> {
  const policy = iamCall(() => deps.iam.policies.get(ctx.account, input.PolicyArn));
  const { items, ...page } = iamPage([...policy.versions].reverse(), input.Marker, input.MaxItems);
  return { Versions: items.map((v) => versionView(policy, v, false)), ...page };
}

/** DeletePolicyVersion. */
export function deletePolicyVersion(deps: IamDeps, input: In<'DeletePolicyVersion'>, ctx: RequestContext): NoOutput {
  iamCall(() => deps.iam.policies.deleteVersion(ctx.account, input.PolicyArn, input.VersionId));
  return {};
}

/** SetDefaultPolicyVersion. */
export function setDefaultPolicyVersion(deps: IamDeps, input: In<'SetDefaultPolicyVersion'>, ctx: RequestContext): NoOutput {
  iamCall(() => deps.iam.policies.setDefault(ctx.account, input.PolicyArn, input.VersionId));
  return {};
}
