/** Who is calling and where: read from the SigV4 credential scope of each request. */
export interface RequestContext {
  requestId: string;
  accessKeyId: string;
  account: string;
  region: string;
  /** The caller's ARN, as AWS records it in `lastChangedBy` and triggers. */
  principalArn: string;
}

const CREDENTIAL = /Credential=([^/,\s]+)\/\d{8}\/([^/,\s]+)\/([^/,\s]+)\/aws4_request/;

/** Defaults for requests that carry no SigV4 scope (for example `--no-sign-request`). */
export interface ContextDefaults {
  account: string;
  region: string;
}

/**
 * Reads account and region from an Authorization header; no signature check is made.
 * A 12-digit access key id names the account (LocalStack's convention), any other key the default account.
 */
export function readRequestContext(authorization: string | undefined, requestId: string, defaults: ContextDefaults): RequestContext {
  const match = authorization ? CREDENTIAL.exec(authorization) : null;
  const accessKeyId = match?.[1] ?? 'anonymous';
  const region = match?.[2] ?? defaults.region;
  const account = /^\d{12}$/.test(accessKeyId) ? accessKeyId : defaults.account;
  return { requestId, accessKeyId, account, region, principalArn: `arn:aws:iam::${account}:root` };
}
