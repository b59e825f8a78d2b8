import type {
  BatchGetApplicationRevisionsInput,
  BatchGetApplicationRevisionsOutput,
  GenericRevisionInfo,
  GetApplicationRevisionInput,
  GetApplicationRevisionOutput,
  ListApplicationRevisionsInput,
  ListApplicationRevisionsOutput,
  RegisterApplicationRevisionInput,
  RevisionLocation,
} from '@aws-sdk/client-codedeploy';
import { isBucketName, toEpochSeconds } from '../../shared/index.js';
import type { ApplicationRevisionRecord, Scope } from '../../store/index.js';
import { pageByOffset, type HandlerInput, type HandlerOutput, type NoOutput, type RequestContext } from '../protocol/index.js';
import { batchLimit, requireApplication } from './applications.js';
import { limits, type CodeDeployDeps } from './deps.js';
import * as errors from './errors.js';
import { invalidNextToken } from './invalid-next-token.js';
import { callDeployments } from './refusals.js';

/** The record field each ListApplicationRevisions sortBy value (checked against the model's enum by the protocol layer) sorts on. */
const SORT_FIELDS = { registerTime: 'registerMs', firstUsedTime: 'firstUsedMs', lastUsedTime: 'lastUsedMs' } as const;

/** GenericRevisionInfo as the API shows it; only deployment groups that still exist are named. */
function revisionInfo(deps: CodeDeployDeps, scope: Scope, record: ApplicationRevisionRecord): HandlerOutput<GenericRevisionInfo> {
  const groups = (record.deploymentGroups ?? []).filter((name) => deps.store.getDeploymentGroup(scope, record.applicationName, name));
  return {
    ...(record.description !== undefined ? { description: record.description } : {}),
    deploymentGroups: groups,
    ...(record.firstUsedMs !== undefined ? { firstUsedTime: toEpochSeconds(record.firstUsedMs) } : {}),
    ...(record.lastUsedMs !== undefined ? { lastUsedTime: toEpochSeconds(record.lastUsedMs) } : {}),
    registerTime: toEpochSeconds(record.registerMs),
  };
}

function location(record: ApplicationRevisionRecord): HandlerOutput<RevisionLocation> {
  return record.revision;
}

/** The registered revision a request names, or RevisionDoesNotExistException. */
function requireRevision(deps: CodeDeployDeps, scope: Scope, applicationName: string, revision: RevisionLocation | undefined): ApplicationRevisionRecord {
  const found = callDeployments(() => deps.revisions.find(scope, applicationName, revision ?? {}));
  if (!found) throw new errors.RevisionDoesNotExistException('The named revision does not exist with the user or Amazon Web Services account.');
  return found;
}

/** RegisterApplicationRevision: records a revision of an application (again: its description and register time replaced). */
export function registerApplicationRevision(deps: CodeDeployDeps, input: HandlerInput<RegisterApplicationRevisionInput>, ctx: RequestContext): NoOutput {
  requireApplication(deps, ctx, input.applicationName);
  if ((input.description?.length ?? 0) > limits.descriptionLength) throw new errors.DescriptionTooLongException('The description is too long.');
  callDeployments(() => deps.revisions.register(ctx, input.applicationName, input.revision, input.description));
  return {};
}

/** GetApplicationRevision: a registered revision and its GenericRevisionInfo. */
export function getApplicationRevision(deps: CodeDeployDeps, input: HandlerInput<GetApplicationRevisionInput>, ctx: RequestContext): HandlerOutput<GetApplicationRevisionOutput> {
  requireApplication(deps, ctx, input.applicationName);
  const record = requireRevision(deps, ctx, input.applicationName, input.revision);
  return { applicationName: input.applicationName, revision: location(record), revisionInfo: revisionInfo(deps, ctx, record) };
}

/** BatchGetApplicationRevisions: up to 25 revisions; those not registered are named in errorMessage. */
export function batchGetApplicationRevisions(deps: CodeDeployDeps, input: HandlerInput<BatchGetApplicationRevisionsInput>, ctx: RequestContext): HandlerOutput<BatchGetApplicationRevisionsOutput> {
  requireApplication(deps, ctx, input.applicationName);
  if (input.revisions.length === 0) throw new errors.RevisionRequiredException('The revision ID was not specified.');
  if (input.revisions.length > limits.batchIds) throw batchLimit(limits.batchIds);
  const found = input.revisions.map((r) => callDeployments(() => deps.revisions.find(ctx, input.applicationName, r)));
  const missing = input.revisions.filter((_, i) => !found[i]).map((r) => JSON.stringify(r));
  return {
    applicationName: input.applicationName,
    revisions: found.flatMap((r) => (r ? [{ revisionLocation: location(r), genericRevisionInfo: revisionInfo(deps, ctx, r) }] : [])),
    ...(missing.length ? { errorMessage: `These revisions are not registered with application ${input.applicationName}: ${missing.join(', ')}` } : {}),
  };
}

/** The checks ListApplicationRevisions makes of its S3 filters (its enums are the protocol layer's), with the exceptions AWS names for them. */
function checkListInput(input: HandlerInput<ListApplicationRevisionsInput>): void {
  if (input.s3KeyPrefix !== undefined && input.s3Bucket === undefined) throw new errors.BucketNameFilterRequiredException('A bucket name is required, but was not provided.');
  if (input.s3Bucket !== undefined && !isBucketName(input.s3Bucket)) {
    throw new errors.InvalidBucketNameFilterException("The bucket name either doesn't exist or was specified in an invalid format.");
  }
  if (input.s3KeyPrefix !== undefined && Buffer.byteLength(input.s3KeyPrefix) > 1024) {
    throw new errors.InvalidKeyPrefixFilterException('The specified key prefix filter was specified in an invalid format.');
  }
}

/** ListApplicationRevisions: filtered by bucket, key prefix and whether a group targets them, sorted by a time, 100 per page. */
export function listApplicationRevisions(deps: CodeDeployDeps, input: HandlerInput<ListApplicationRevisionsInput>, ctx: RequestContext): HandlerOutput<ListApplicationRevisionsOutput> {
  requireApplication(deps, ctx, input.applicationName);
  checkListInput(input);
  const targeted = (r: ApplicationRevisionRecord) => revisionInfo(deps, ctx, r).deploymentGroups!.length > 0;
  let revisions = deps.revisions.list(ctx, input.applicationName).filter((r) => {
    const s3 = r.revision.s3Location;
    if (input.s3Bucket !== undefined && s3?.bucket !== input.s3Bucket) return false;
    if (input.s3KeyPrefix !== undefined && !s3?.key?.startsWith(input.s3KeyPrefix)) return false;
    if (input.deployed === 'include') return targeted(r);
    if (input.deployed === 'exclude') return !targeted(r);
    return true;
  });
  if (input.sortBy !== undefined) {
    const field = SORT_FIELDS[input.sortBy as keyof typeof SORT_FIELDS];
    // Revisions never used sort as the oldest. Descending is ascending reversed, so revisions registered in the same
    // millisecond come in one order one way and the opposite order the other (a stable sort kept them as stored).
    revisions = [...revisions].sort((a, b) => (a[field] ?? 0) - (b[field] ?? 0));
    if (input.sortOrder === 'descending') revisions.reverse();
  }
  const page = pageByOffset(revisions, input.nextToken, limits.pageSize, invalidNextToken);
  return { revisions: page.items.map(location), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}
