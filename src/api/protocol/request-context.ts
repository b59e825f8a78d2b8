import { formatArn, REGION_PATTERN } from '../../shared/index.js';
import { defineWireError } from './wire-error.js';

/** Who is calling and where: read from the SigV4 credential scope of each request. */
export interface RequestContext {
  requestId: string;
  accessKeyId: string;
  account: string;
  region: string;
  /** The caller's ARN, as AWS records it in `lastChangedBy` and triggers. */
  principalArn: string;
  /** The verified caller, set only when access control is on (`--iam`): who signed the request. */
  identity?: CallerIdentity;
  /** The client's address, set with the identity (`--iam`) for the `aws:SourceIp` condition key. */
  sourceIp?: string;
}

/** A caller whose signature was verified (`--iam`): the root, an IAM user, or a role session. */
export interface CallerIdentity {
  kind: 'root' | 'user' | 'assumed-role';
  arn: string;
  userId: string;
  /** The user or role name (`root` for the root). */
  name: string;
}

const CREDENTIAL = /Credential=([^/,\s]+)\/\d{8}\/([^/,\s]+)\/([^/,\s]+)\/aws4_request/;

/**
 * The SigV4 credential of a request in the Authorization header's form: the header itself, or a presigned URL's
 * `X-Amz-Credential` parameter (S3 presigned GETs carry no header).
 */
export function signedCredential(authorization: string | undefined, query: URLSearchParams): string | undefined {
  const presigned = query.get('X-Amz-Credential');
  return authorization ?? (presigned ? `Credential=${presigned}` : undefined);
}

/** Names the service a credential scope was signed for (`s3`, `sns`, `monitoring`), the router's first clue. */
export function scopeService(credential: string | undefined): string | undefined {
  return credential ? CREDENTIAL.exec(credential)?.[3] : undefined;
}

/** A SigV4 credential scope AWS would not accept, such as one naming no region. */
export const InvalidSignatureException = defineWireError('InvalidSignatureException');

/** The access key id of a request that carried no SigV4 credential (`--no-sign-request`). */
const UNSIGNED = 'anonymous';

/** Defaults for requests that carry no SigV4 scope (for example `--no-sign-request`). */
export interface ContextDefaults {
  account: string;
  region: string;
}

/**
 * Reads account and region from an Authorization header; no signature check is made.
 * A 12-digit access key id names the account (LocalStack's convention), any other key the default account.
 * A scope whose region is not a region name is refused here, before the region can reach a path or an ARN.
 */
export function readRequestContext(authorization: string | undefined, requestId: string, defaults: ContextDefaults): RequestContext {
  const match = authorization ? CREDENTIAL.exec(authorization) : null;
  const accessKeyId = match?.[1] ?? UNSIGNED;
  const region = match?.[2] ?? defaults.region;
  if (!REGION_PATTERN.test(region)) {
    throw new InvalidSignatureException(`Credential should be scoped to a valid region, not '${region.slice(0, 64)}'. `);
  }
  const account = /^\d{12}$/.test(accessKeyId) ? accessKeyId : defaults.account;
  return { requestId, accessKeyId, account, region, principalArn: formatArn({ service: 'iam', account, resource: 'root' }) };
}

/** LocalStack's documented default key, which the README's examples use: it stands for the account itself. */
const DEFAULT_KEY = 'test';

/**
 * The caller's ARN, as CodeCommit records authors and approvers. There is no IAM yet, so an access key id stands
 * for an IAM user named after it (`arn:aws:iam::<account>:user/<accessKeyId>`), while an unsigned request, the
 * default key `test` and a key that is the account number (the account's own caller) stand for the account's root.
 * With `--iam` the verified caller's ARN is used instead.
 */
export function callerArn(ctx: Pick<RequestContext, 'accessKeyId' | 'account' | 'identity'>): string {
  if (ctx.identity) return ctx.identity.arn;
  const { accessKeyId, account } = ctx;
  const root = accessKeyId === UNSIGNED || accessKeyId === DEFAULT_KEY || accessKeyId === account || !/^[\w+=,.@-]{1,64}$/.test(accessKeyId);
  return formatArn({ service: 'iam', account, resource: root ? 'root' : `user/${accessKeyId}` });
}
