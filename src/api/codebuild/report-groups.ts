import type {
  BatchGetReportGroupsInput,
  BatchGetReportGroupsOutput,
  CreateReportGroupInput,
  CreateReportGroupOutput,
  DeleteReportGroupInput,
  DeleteReportGroupOutput,
  ListReportGroupsInput,
  ListReportGroupsOutput,
  ReportExportConfig,
  UpdateReportGroupInput,
  UpdateReportGroupOutput,
} from '@aws-sdk/client-codebuild';
import { reportGroupArn, reportGroupNameOf } from '../../codebuild/index.js';
import type { ReportExportConfigRecord, ReportGroupRecord } from '../../store/index.js';
import { pageByOffset, type HandlerInput, type HandlerOutput, type RequestContext } from '../protocol/index.js';
import { limits, type CodeBuildDeps } from './deps.js';
import { AccountLimitExceededException, InvalidInputException, ResourceAlreadyExistsException, ResourceNotFoundException } from './errors.js';
import { invalidNextToken } from './projects.js';
import { reportGroupView } from './report-views.js';

// AWS's names: a letter or digit, then letters, digits, '-' and '_' (CodeBuild's console rule; wording of the refusal inferred).
const GROUP_NAME = /^[A-Za-z0-9][A-Za-z0-9\-_]{1,127}$/;

/** Finds a report group of the caller's scope by ARN, or throws ResourceNotFoundException (wording inferred). */
export function requireReportGroup(deps: CodeBuildDeps, ctx: RequestContext, arn: string): ReportGroupRecord {
  if (reportGroupNameOf(arn) === undefined) throw new InvalidInputException(`Invalid report group ARN: ${arn}`); // wording inferred
  const group = deps.reports.getReportGroup(arn, ctx);
  if (!group) throw new ResourceNotFoundException(`Report group ${arn} does not exist`);
  return group;
}

/** Checks an export configuration as CodeBuild does: S3 needs a bucket, NO_EXPORT takes no destination (wordings inferred). */
function exportConfigOf(config: ReportExportConfig): ReportExportConfigRecord {
  if (config.exportConfigType === 'S3') {
    if (!config.s3Destination?.bucket) throw new InvalidInputException('Invalid export config: s3Destination.bucket is required when exportConfigType is S3');
    return config as ReportExportConfigRecord;
  }
  if (config.exportConfigType === 'NO_EXPORT') return { exportConfigType: 'NO_EXPORT' };
  throw new InvalidInputException('Invalid export config: exportConfigType must be S3 or NO_EXPORT');
}

/** CreateReportGroup: a new report group of the caller's scope. */
export function createReportGroup(deps: CodeBuildDeps, input: HandlerInput<CreateReportGroupInput>, ctx: RequestContext): HandlerOutput<CreateReportGroupOutput> {
  if (!GROUP_NAME.test(input.name)) {
    throw new InvalidInputException(`Invalid report group name ${input.name}: it must start with a letter or digit and hold only letters, digits, '-' and '_'`);
  }
  const arn = reportGroupArn(ctx, input.name);
  if (deps.reports.listReportGroups(ctx).length >= limits.reportGroupsPerRegion) {
    throw new AccountLimitExceededException(`Cannot have more than ${limits.reportGroupsPerRegion} report groups in the account`); // wording inferred
  }
  const now = deps.clock.now();
  const group: ReportGroupRecord = { arn, name: input.name, type: input.type, exportConfig: exportConfigOf(input.exportConfig), createdMs: now, modifiedMs: now, tags: (input.tags ?? []) as ReportGroupRecord['tags'] };
  if (!deps.reports.createReportGroup(ctx, group)) throw new ResourceAlreadyExistsException(`Report group ${arn} already exists`); // wording inferred
  return { reportGroup: reportGroupView(group) };
}

/** UpdateReportGroup: replaces the export configuration and the tags given; the rest stays. */
export function updateReportGroup(deps: CodeBuildDeps, input: HandlerInput<UpdateReportGroupInput>, ctx: RequestContext): HandlerOutput<UpdateReportGroupOutput> {
  const group = requireReportGroup(deps, ctx, input.arn);
  const updated: ReportGroupRecord = {
    ...group,
    ...(input.exportConfig ? { exportConfig: exportConfigOf(input.exportConfig) } : {}),
    ...(input.tags ? { tags: input.tags as ReportGroupRecord['tags'] } : {}),
    modifiedMs: deps.clock.now(),
  };
  deps.reports.saveReportGroup(updated);
  return { reportGroup: reportGroupView(updated) };
}

/** DeleteReportGroup: refuses a group that still holds reports unless deleteReports; a missing group is not an error. */
export function deleteReportGroup(deps: CodeBuildDeps, input: HandlerInput<DeleteReportGroupInput>, ctx: RequestContext): HandlerOutput<DeleteReportGroupOutput> {
  const group = deps.reports.getReportGroup(input.arn, ctx);
  if (!group) return {};
  if (!input.deleteReports && deps.reports.reportArnsOfGroup(group.arn).length > 0) {
    // wording inferred: AWS documents that the call fails while the group holds reports.
    throw new InvalidInputException(`Cannot delete report group ${group.arn}: it contains reports. Delete them first or set deleteReports`);
  }
  deps.reports.deleteReportGroup(group.arn, true);
  // Its resource policy goes with it: a group made again under the name starts unshared.
  deps.fleets.deletePolicy(group.arn);
  return {};
}

/** BatchGetReportGroups: the groups found, in the order asked, and the ARNs not found. */
export function batchGetReportGroups(deps: CodeBuildDeps, input: HandlerInput<BatchGetReportGroupsInput>, ctx: RequestContext): HandlerOutput<BatchGetReportGroupsOutput> {
  const reportGroups: ReturnType<typeof reportGroupView>[] = [];
  const reportGroupsNotFound: string[] = [];
  for (const arn of input.reportGroupArns) {
    const group = deps.reports.getReportGroup(arn, ctx);
    if (group) reportGroups.push(reportGroupView(group));
    else reportGroupsNotFound.push(arn);
  }
  return { reportGroups, reportGroupsNotFound };
}

const SORT_KEYS = {
  NAME: (g: ReportGroupRecord) => g.name,
  CREATED_TIME: (g: ReportGroupRecord) => g.createdMs,
  LAST_MODIFIED_TIME: (g: ReportGroupRecord) => g.modifiedMs,
} as const;

/** ListReportGroups: the ARNs of the scope's report groups sorted by name, creation or change, maxResults a page (100 by default). */
export function listReportGroups(deps: CodeBuildDeps, input: HandlerInput<ListReportGroupsInput>, ctx: RequestContext): HandlerOutput<ListReportGroupsOutput> {
  const key = SORT_KEYS[input.sortBy ?? 'CREATED_TIME'];
  const sign = input.sortOrder === 'DESCENDING' ? -1 : 1;
  const sorted = deps.reports.listReportGroups(ctx).sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    return sign * (x < y ? -1 : x > y ? 1 : 0);
  });
  const page = pageByOffset(sorted, input.nextToken, input.maxResults ?? limits.pageSize, invalidNextToken);
  return { reportGroups: page.items.map((g) => g.arn), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}
