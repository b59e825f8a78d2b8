import { IamRefusal, type IamRefusalCode } from '../../iam/index.js';
import { QUERY_REFUSALS } from '../iam/index.js';
import { defineWireError, type ProtocolName, type WireError, type WireErrorClass } from '../protocol/index.js';

/** How one protocol family answers a refusal: the error class, and AWS's own wording where it differs from IAM's. */
type RefusalTable = Record<IamRefusalCode, { error: WireErrorClass; message?: string }>;

function table(errors: Partial<Record<IamRefusalCode, WireErrorClass | { error: WireErrorClass; message?: string }>>, fallback: WireErrorClass): RefusalTable {
  const codes: IamRefusalCode[] = ['MissingAuthentication', 'IncompleteSignature', 'UnknownKey', 'BadSignature', 'Skewed', 'RequestExpired', 'ExpiredToken', 'AccessDenied', 'NoSuchEntity', 'EntityAlreadyExists', 'MalformedPolicyDocument', 'DeleteConflict', 'InvalidInput', 'LimitExceeded'];
  return Object.fromEntries(codes.map((c) => {
    const entry = errors[c] ?? fallback;
    return [c, 'error' in entry ? entry : { error: entry }];
  })) as RefusalTable;
}

// JSON services (CodePipeline, CodeBuild, CodeDeploy, CodeCommit) answer these with HTTP 400.
const JSON_ACCESS_DENIED = defineWireError('AccessDeniedException', 400);
const JSON_TABLE = table({
  MissingAuthentication: defineWireError('MissingAuthenticationTokenException', 400),
  IncompleteSignature: defineWireError('IncompleteSignatureException', 400),
  UnknownKey: defineWireError('UnrecognizedClientException', 400),
  BadSignature: defineWireError('InvalidSignatureException', 400),
  Skewed: defineWireError('InvalidSignatureException', 400),
  RequestExpired: defineWireError('InvalidSignatureException', 400),
  ExpiredToken: defineWireError('ExpiredTokenException', 400),
}, JSON_ACCESS_DENIED);

// Rest-JSON services (Lambda) answer them with 403.
const REST_JSON_TABLE = table({
  MissingAuthentication: defineWireError('MissingAuthenticationTokenException', 403),
  IncompleteSignature: defineWireError('IncompleteSignatureException', 403),
  UnknownKey: defineWireError('UnrecognizedClientException', 403),
  BadSignature: defineWireError('InvalidSignatureException', 403),
  Skewed: defineWireError('InvalidSignatureException', 403),
  RequestExpired: defineWireError('InvalidSignatureException', 403),
  ExpiredToken: defineWireError('ExpiredTokenException', 403),
}, defineWireError('AccessDeniedException', 403));

// S3 has its own codes and wording for each.
const S3_ACCESS_DENIED = defineWireError('AccessDenied', 403);
const S3_TABLE = table({
  MissingAuthentication: { error: S3_ACCESS_DENIED, message: 'Access Denied' },
  IncompleteSignature: defineWireError('AuthorizationHeaderMalformed', 400),
  UnknownKey: { error: defineWireError('InvalidAccessKeyId', 403), message: 'The AWS Access Key Id you provided does not exist in our records.' },
  BadSignature: { error: defineWireError('SignatureDoesNotMatch', 403), message: 'The request signature we calculated does not match the signature you provided. Check your key and signing method.' },
  Skewed: { error: defineWireError('RequestTimeTooSkewed', 403), message: 'The difference between the request time and the current time is too large.' },
  RequestExpired: S3_ACCESS_DENIED,
  ExpiredToken: { error: defineWireError('ExpiredToken', 400), message: 'The provided token has expired.' },
}, S3_ACCESS_DENIED);

const QUERY_TABLE = table(QUERY_REFUSALS, QUERY_REFUSALS.AccessDenied);

/** The wire error a refusal is answered with in a service's protocol, in AWS's words for that service. */
export function refusalError(refusal: IamRefusal, protocol: ProtocolName, signingName: string): WireError {
  const t = signingName === 's3' ? S3_TABLE : protocol === 'query' ? QUERY_TABLE : protocol === 'rest-json' ? REST_JSON_TABLE : JSON_TABLE;
  const { error, message } = t[refusal.code];
  return new error(message ?? refusal.message, { cause: refusal });
}
