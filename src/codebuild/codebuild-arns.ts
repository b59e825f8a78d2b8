import { formatArn, parseArn } from '../shared/index.js';

/** Where a CodeBuild resource lives: the account and region its ARN names. */
export interface ArnScope {
  account: string;
  region: string;
}

/** The ARN of a build project: `arn:aws:codebuild:<region>:<account>:project/<name>`. */
export function projectArn(scope: ArnScope, name: string): string {
  return formatArn({ service: 'codebuild', region: scope.region, account: scope.account, resource: `project/${name}` });
}

/** The ARN of a build: `arn:aws:codebuild:<region>:<account>:build/<project>:<uuid>`. */
export function buildArn(scope: ArnScope, buildId: string): string {
  return formatArn({ service: 'codebuild', region: scope.region, account: scope.account, resource: `build/${buildId}` });
}

/** The AWS managed S3 key (`alias/aws/s3`) CodeBuild encrypts artifacts with when a project names no key. */
export function s3ManagedKeyArn(scope: ArnScope): string {
  return formatArn({ service: 'kms', region: scope.region, account: scope.account, resource: 'alias/aws/s3' });
}

/** The ARN of a report group: `arn:aws:codebuild:<region>:<account>:report-group/<name>`. */
export function reportGroupArn(scope: ArnScope, name: string): string {
  return formatArn({ service: 'codebuild', region: scope.region, account: scope.account, resource: `report-group/${name}` });
}

/** The ARN of one build's report in a group: `arn:aws:codebuild:<region>:<account>:report/<group name>:<build uuid>`. */
export function reportArn(scope: ArnScope, groupName: string, buildUuid: string): string {
  return formatArn({ service: 'codebuild', region: scope.region, account: scope.account, resource: `report/${groupName}:${buildUuid}` });
}

/** The report group name a report-group ARN names, or undefined when the text is not one. */
export function reportGroupNameOf(arn: string): string | undefined {
  const resource = parseArn(arn, { service: 'codebuild' })?.resource;
  return resource?.startsWith('report-group/') && resource.length > 'report-group/'.length ? resource.slice('report-group/'.length) : undefined;
}

/** The ARN of a batch build: `arn:aws:codebuild:<region>:<account>:build-batch/<project>:<uuid>`. */
export function buildBatchArn(scope: ArnScope, batchId: string): string {
  return formatArn({ service: 'codebuild', region: scope.region, account: scope.account, resource: `build-batch/${batchId}` });
}
