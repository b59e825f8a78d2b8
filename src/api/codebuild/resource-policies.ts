import type {
  DeleteResourcePolicyInput,
  DeleteResourcePolicyOutput,
  GetResourcePolicyInput,
  GetResourcePolicyOutput,
  ListSharedProjectsInput,
  ListSharedProjectsOutput,
  ListSharedReportGroupsInput,
  ListSharedReportGroupsOutput,
  PutResourcePolicyInput,
  PutResourcePolicyOutput,
} from '@aws-sdk/client-codebuild';
import { parseArn, type Arn } from '../../shared/index.js';
import { pageByOffset, type HandlerInput, type HandlerOutput, type RequestContext } from '../protocol/index.js';
import { limits, type CodeBuildDeps } from './deps.js';
import { InvalidInputException, ResourceNotFoundException } from './errors.js';
import { invalidNextToken } from './projects.js';

type SharedKind = 'project' | 'report-group';

/** The project or report group a resource ARN names, with its last modification; undefined when it does not exist. */
function resourceOf(deps: CodeBuildDeps, arn: Arn, text: string): { kind: SharedKind; modifiedMs: number } | undefined {
  const scope = { account: arn.account, region: arn.region };
  if (arn.resource.startsWith('project/')) {
    const record = deps.store.getProject(scope, arn.resource.slice('project/'.length));
    return record && { kind: 'project', modifiedMs: record.modifiedMs };
  }
  if (arn.resource.startsWith('report-group/')) {
    const group = deps.reports.getReportGroup(text, scope);
    return group && { kind: 'report-group', modifiedMs: group.modifiedMs };
  }
  return undefined;
}

// Only the caller's own projects and report groups take a policy; any other ARN is not found (wordings inferred).
function requireOwnResource(deps: CodeBuildDeps, ctx: RequestContext, resourceArn: string): void {
  const arn = parseArn(resourceArn, { service: 'codebuild', accountId: true });
  if (arn === undefined) throw new InvalidInputException(`Invalid resource ARN: ${resourceArn}`);
  const own = arn.account === ctx.account && arn.region === ctx.region;
  if (!own || resourceOf(deps, arn, resourceArn) === undefined) throw new ResourceNotFoundException(`Resource ${resourceArn} does not exist`);
}

// A policy is a JSON object with at least one statement, as IAM's grammar wants (wordings inferred).
function assertPolicyDocument(policy: string): void {
  let document: unknown;
  try {
    document = JSON.parse(policy);
  } catch {
    throw new InvalidInputException('Invalid resource policy: the policy is not valid JSON');
  }
  const statement = document && typeof document === 'object' && !Array.isArray(document) ? (document as { Statement?: unknown }).Statement : undefined;
  if (statement === undefined || (Array.isArray(statement) && statement.length === 0)) throw new InvalidInputException('Invalid resource policy: the policy has no Statement');
}

/** PutResourcePolicy: stores a JSON policy on one of the caller's projects or report groups, replacing the one it had. */
export function putResourcePolicy(deps: CodeBuildDeps, input: HandlerInput<PutResourcePolicyInput>, ctx: RequestContext): HandlerOutput<PutResourcePolicyOutput> {
  requireOwnResource(deps, ctx, input.resourceArn);
  assertPolicyDocument(input.policy);
  deps.fleets.putPolicy(ctx, input.resourceArn, input.policy);
  return { resourceArn: input.resourceArn };
}

/** GetResourcePolicy: the policy as it was put; a resource without one is ResourceNotFoundException (wording inferred). */
export function getResourcePolicy(deps: CodeBuildDeps, input: HandlerInput<GetResourcePolicyInput>, ctx: RequestContext): HandlerOutput<GetResourcePolicyOutput> {
  requireOwnResource(deps, ctx, input.resourceArn);
  const policy = deps.fleets.getPolicy(input.resourceArn);
  if (policy === undefined) throw new ResourceNotFoundException(`Resource policy for ${input.resourceArn} does not exist`);
  return { policy };
}

/** DeleteResourcePolicy: removes a resource's policy; one without a policy is no error (the model lists only InvalidInputException). */
export function deleteResourcePolicy(deps: CodeBuildDeps, input: HandlerInput<DeleteResourcePolicyInput>, ctx: RequestContext): HandlerOutput<DeleteResourcePolicyOutput> {
  if (parseArn(input.resourceArn, { service: 'codebuild', accountId: true }) === undefined) throw new InvalidInputException(`Invalid resource ARN: ${input.resourceArn}`); // wording inferred
  if (parseArn(input.resourceArn)?.account === ctx.account) deps.fleets.deletePolicy(input.resourceArn);
  return {};
}

// Whether a policy's Allow statements name the account (its root, a 12-digit id, or a user or role of it) as a principal.
function sharesWith(policy: string, account: string): boolean {
  let statements: unknown;
  try {
    const document = JSON.parse(policy) as { Statement?: unknown };
    statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  } catch {
    return false;
  }
  return (statements as { Effect?: unknown; Principal?: { AWS?: unknown } }[]).some((s) => {
    if (s?.Effect !== 'Allow') return false;
    const principals = s.Principal?.AWS;
    const list = Array.isArray(principals) ? principals : [principals];
    return list.some((p) => typeof p === 'string' && (p === account || parseArn(p, { service: 'iam' })?.account === account));
  });
}

// The ARNs of another account's resources of a kind, in the caller's region, whose policy shares them with the caller.
function sharedWith(deps: CodeBuildDeps, ctx: RequestContext, kind: SharedKind, input: { sortBy?: string; sortOrder?: string; maxResults?: number; nextToken?: string }) {
  const shared = deps.fleets.listPolicies().flatMap(({ resourceArn, policy }) => {
    const arn = parseArn(resourceArn, { service: 'codebuild', accountId: true });
    if (!arn || arn.account === ctx.account || arn.region !== ctx.region || !sharesWith(policy, ctx.account)) return [];
    const resource = resourceOf(deps, arn, resourceArn);
    return resource?.kind === kind ? [{ arn: resourceArn, modifiedMs: resource.modifiedMs }] : [];
  });
  const sign = input.sortOrder === 'DESCENDING' ? -1 : 1;
  const key = input.sortBy === 'MODIFIED_TIME' ? (r: { modifiedMs: number; arn: string }) => r.modifiedMs : (r: { arn: string }) => r.arn;
  shared.sort((a, b) => sign * (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.arn < b.arn ? -1 : 1));
  return pageByOffset(shared.map((r) => r.arn), input.nextToken, input.maxResults ?? limits.pageSize, invalidNextToken);
}

/** ListSharedProjects: other accounts' projects whose resource policy allows the caller's account (or a principal of it). */
export function listSharedProjects(deps: CodeBuildDeps, input: HandlerInput<ListSharedProjectsInput>, ctx: RequestContext): HandlerOutput<ListSharedProjectsOutput> {
  const page = sharedWith(deps, ctx, 'project', input);
  return { projects: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

/** ListSharedReportGroups: other accounts' report groups whose resource policy allows the caller's account (or a principal of it). */
export function listSharedReportGroups(deps: CodeBuildDeps, input: HandlerInput<ListSharedReportGroupsInput>, ctx: RequestContext): HandlerOutput<ListSharedReportGroupsOutput> {
  const page = sharedWith(deps, ctx, 'report-group', input);
  return { reportGroups: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}
