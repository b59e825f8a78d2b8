import type { Caller } from '../api/aws.js';
// The server's ARN module: pure string functions the console may share (see .dependency-cruiser.cjs).
import { formatArn, parseArn } from '../../../shared/arn.js';

/** The service role AWS's console creates for a new pipeline: `AWSCodePipelineServiceRole-<region>-<pipeline>`. */
export function pipelineServiceRoleArn(caller: Caller, pipelineName: string): string {
  return formatArn({ service: 'iam', account: caller.account, resource: `role/service-role/AWSCodePipelineServiceRole-${caller.region}-${pipelineName}` });
}

/** The service role AWS's console creates for a new build project: `codebuild-<project>-service-role`. */
export function buildServiceRoleArn(account: string, projectName: string): string {
  return formatArn({ service: 'iam', account, resource: `role/service-role/codebuild-${projectName}-service-role` });
}

/** The connection the wizard offers for GitHub-style sources: the emulator accepts any connection ARN. */
export function localConnectionArn(caller: Caller): string {
  return formatArn({ service: 'codestar-connections', region: caller.region, account: caller.account, resource: 'connection/local' });
}

/** Tells whether text is an IAM role's ARN (`arn:<partition>:iam::<account>:role/<name>`). */
export function isRoleArn(text: string): boolean {
  const arn = parseArn(text, { service: 'iam', accountId: true });
  return arn !== undefined && arn.region === '' && /^role\/./.test(arn.resource);
}

/** The short name of a caller's ARN, as the AWS console shows authors: `alice` for `...:user/alice`, `root` for `...:root`. */
export function principalName(arn: string | undefined): string {
  if (!arn) return 'unknown';
  const resource = arn.split(':').slice(5).join(':') || arn;
  return resource.split('/').pop() || resource;
}

/** A commit author's name as shown: CodeCommit names API commits without a name by the caller's ARN, shortened here. */
export function personName(name: string | undefined): string {
  return name?.startsWith('arn:') ? principalName(name) : (name ?? 'unknown');
}
