import type { InstanceTag } from '../../store/index.js';
import { parseArn } from '../../shared/index.js';
import * as errors from './errors.js';

// The rules the AWS CLI's `aws deploy register` checks before calling the service
// (awscli/customizations/codedeploy/utils.py); the service's own wording is not documented.
const INSTANCE_NAME = /^[A-Za-z0-9+=,.@_-]+$/;
const MAX_INSTANCE_NAME_LENGTH = 100;
// The resource parts of the IAM user and STS session ARNs the CLI accepts; the partition is shared/arn's.
const IAM_USER = /^user\/[A-Za-z0-9/+=,.@_-]+$/;
const IAM_SESSION = /^assumed-role\/[A-Za-z0-9+=,.@_-]+\/[A-Za-z0-9+=,.@_-]+$/;

/** Tags an on-premises instance may carry, and the lengths of a tag (the CLI's limits). */
export const instanceLimits = {
  tagsPerInstance: 10,
  tagKeyLength: 128,
  tagValueLength: 256,
  /** BatchGetOnPremisesInstances names at most this many instances. */
  batchNames: 100,
  /** AddTags/RemoveTags name at most this many instances (inferred: AWS does not document the number). */
  instancesPerTagCall: 100,
  /** ListOnPremisesInstances page size (it takes none). */
  pageSize: 100,
} as const;

/** Refuses a missing or malformed on-premises instance name. */
export function checkInstanceName(name: string | undefined): string {
  if (name === undefined || name === '') throw new errors.InstanceNameRequiredException('An on-premises instance name was not specified.');
  if (!INSTANCE_NAME.test(name)) {
    throw new errors.InvalidInstanceNameException(`The on-premises instance name was specified in an invalid format: ${name} (use letters, digits and + = , . @ _ -).`);
  }
  if (name.startsWith('i-')) throw new errors.InvalidInstanceNameException(`The on-premises instance name was specified in an invalid format: ${name} (it cannot start with 'i-', the EC2 instance id prefix).`);
  if (name.length > MAX_INSTANCE_NAME_LENGTH) {
    throw new errors.InvalidInstanceNameException(`The on-premises instance name was specified in an invalid format: it is longer than ${MAX_INSTANCE_NAME_LENGTH} characters.`);
  }
  return name;
}

/** Refuses a list of instance names that is empty, too long or holds a malformed name. */
export function checkInstanceNames(names: string[], limit: number, tooMany: () => Error): string[] {
  if (names.length === 0) throw new errors.InstanceNameRequiredException('An on-premises instance name was not specified.');
  if (names.length > limit) throw tooMany();
  return names.map(checkInstanceName);
}

/** Which IAM identity registers an instance: exactly one of a user ARN and a session ARN, each well formed. */
export function checkIamArns(input: { iamUserArn?: string; iamSessionArn?: string }): { iamUserArn?: string; iamSessionArn?: string } {
  const { iamUserArn, iamSessionArn } = input;
  if (iamUserArn && iamSessionArn) throw new errors.MultipleIamArnsProvidedException('Both an IAM user ARN and an IAM session ARN were included in the request. Use only one ARN type.');
  if (!iamUserArn && !iamSessionArn) throw new errors.IamArnRequiredException('No IAM ARN was included in the request. You must use an IAM session ARN or user ARN in the request.');
  if (iamUserArn && !isGlobalArn(iamUserArn, 'iam', IAM_USER)) throw new errors.InvalidIamUserArnException(`The user ARN is not valid: ${iamUserArn} (expected arn:aws:iam::<account>:user/<name>).`);
  if (iamSessionArn && !isGlobalArn(iamSessionArn, 'sts', IAM_SESSION)) {
    throw new errors.InvalidIamSessionArnException(`The IAM session ARN is not valid: ${iamSessionArn} (expected arn:aws:sts::<account>:assumed-role/<role>/<session>).`);
  }
  return iamUserArn ? { iamUserArn } : { iamSessionArn };
}

// IAM and STS ARNs name an account but no region.
function isGlobalArn(text: string, service: string, resource: RegExp): boolean {
  const arn = parseArn(text, { service, accountId: true });
  return arn !== undefined && arn.region === '' && resource.test(arn.resource);
}

/** Refuses an empty tag list and tags without a key or a value, or too long. */
export function checkTags(tags: { Key?: string; Value?: string }[]): InstanceTag[] {
  if (tags.length === 0) throw new errors.TagRequiredException('A tag was not specified.');
  return tags.map((tag) => {
    if (!tag.Key) throw new errors.InvalidTagException('The tag was specified in an invalid format: keys cannot be null or empty strings.');
    if (tag.Value === undefined) throw new errors.InvalidTagException(`The tag was specified in an invalid format: the tag ${tag.Key} has no value (keys and values are both required).`);
    if (tag.Key.length > instanceLimits.tagKeyLength) throw new errors.InvalidTagException(`The tag was specified in an invalid format: a tag key cannot be longer than ${instanceLimits.tagKeyLength} characters.`);
    if (tag.Value.length > instanceLimits.tagValueLength) {
      throw new errors.InvalidTagException(`The tag was specified in an invalid format: a tag value cannot be longer than ${instanceLimits.tagValueLength} characters.`);
    }
    return { Key: tag.Key, Value: tag.Value };
  });
}
