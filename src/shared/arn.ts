/**
 * ARNs: `arn:<partition>:<service>:<region>:<account>:<resource>`. The one place that builds and reads them, so the
 * partition (aws, aws-cn, aws-us-gov, aws-iso-b, ...) is matched one way everywhere.
 */

// aws, then dash-separated lower-case words (aws-cn, aws-us-gov, aws-iso-b).
const PARTITION = /^aws(?:-[a-z]+)*$/;
const ACCOUNT_ID = /^\d{12}$/;

/** The parts of an ARN; the resource keeps its own colons and slashes. */
export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

/** Builds an ARN (partition `aws` unless given; S3 ARNs leave region and account empty). */
export function formatArn({ partition = 'aws', service, region = '', account = '', resource }: Partial<Arn> & { service: string; resource: string }): string {
  return `arn:${partition}:${service}:${region}:${account}:${resource}`;
}

/** Splits an ARN of `service` (any service when absent), with a 12-digit account when `accountId` is asked; undefined otherwise. */
export function parseArn(text: string, { service, accountId = false }: { service?: string | readonly string[]; accountId?: boolean } = {}): Arn | undefined {
  const parts = text.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || !PARTITION.test(parts[1]) || !parts[2]) return undefined;
  const arn = { partition: parts[1], service: parts[2], region: parts[3], account: parts[4], resource: parts.slice(5).join(':') };
  if (service !== undefined && !(typeof service === 'string' ? [service] : service).includes(arn.service)) return undefined;
  if (accountId && !ACCOUNT_ID.test(arn.account)) return undefined;
  return arn;
}

/** The `bucket/key` an S3 location names, whether written as `bucket/key` or as `arn:aws:s3:::bucket/key`. */
export function s3PathOf(location: string): string {
  const arn = parseArn(location, { service: 's3' });
  return arn && !arn.region && !arn.account ? arn.resource : location;
}
