import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { getCanonicalHeaders, getSigningKey, SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest, QueryParameterBag, SourceData } from '@smithy/types';
import { NodeSha256 } from './node-sha256.js';
import { IamRefusal } from './refusal.js';

/** What signature checking reads of a request: the raw path, query, lower-case headers and (unless streamed) the body. */
export interface SignedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  body: Buffer;
  /** Set when the body is streamed on unread (S3 PutObject, UploadPart): its declared hash is then taken as signed. */
  bodyStream?: unknown;
}

/** A request's SigV4 signature as sent: in the Authorization header, or in a presigned URL's query string. */
export interface SignatureParts {
  accessKeyId: string;
  shortDate: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  /** `X-Amz-Date` (ISO basic form, `20260101T000000Z`). */
  longDate: string;
  sessionToken?: string;
  /** A presigned URL's `X-Amz-Expires`, in seconds; undefined for a header signature. */
  expiresSeconds?: number;
}

const HEADER = /^AWS4-HMAC-SHA256 (.*)$/;
const SCOPE = /^([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request$/;
const LONG_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
/** AWS accepts a request signed up to 15 minutes before or after its own clock. */
export const ALLOWED_SKEW_MS = 15 * 60 * 1000;

/** The smithy signer with its canonical-request steps opened up, so a request's signature can be computed again. */
class Verifier extends SignatureV4 {
  async signatureOf(request: HttpRequest, canonicalHeaders: Record<string, string>, payloadHash: string, parts: SignatureParts, secretAccessKey: string): Promise<string> {
    const scope = `${parts.shortDate}/${parts.region}/${parts.service}/aws4_request`;
    const canonical = this.createCanonicalRequest(request, canonicalHeaders, payloadHash);
    const stringToSign = await this.createStringToSign(parts.longDate, scope, canonical, 'AWS4-HMAC-SHA256');
    const credentials = { accessKeyId: parts.accessKeyId, secretAccessKey, sessionToken: parts.sessionToken };
    const key = await getSigningKey(NodeSha256, credentials, parts.shortDate, parts.region, parts.service);
    return createHmac('sha256', key).update(stringToSign).digest('hex');
  }
}

function incomplete(message: string): never {
  throw new IamRefusal('IncompleteSignature', message);
}

/** Reads the signature of a request; undefined when it carries none (an anonymous request). */
export function signatureParts(req: SignedRequest): SignatureParts | undefined {
  const authorization = req.headers.authorization;
  if (authorization !== undefined) {
    const match = HEADER.exec(authorization.trim());
    if (!match) incomplete(`Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=${authorization.slice(0, 100)}`);
    const fields = new Map(match[1].split(',').map((f) => f.trim().split('=') as [string, string]));
    const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((f) => !fields.get(f));
    if (missing.length > 0) incomplete(missing.map((f) => `Authorization header requires '${f}' parameter.`).join(' '));
    const longDate = req.headers['x-amz-date'] ?? '';
    if (!LONG_DATE.test(longDate)) incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    return { ...scopeOf(fields.get('Credential')!), signedHeaders: fields.get('SignedHeaders')!.split(';'), signature: fields.get('Signature')!, longDate, sessionToken: req.headers['x-amz-security-token'] };
  }
  if (!req.query.has('X-Amz-Signature') && !req.query.has('X-Amz-Credential')) return undefined;
  const q = (name: string) => req.query.get(name) ?? incomplete(`AWS query-string parameters must include '${name}'. Re-examine the query-string parameters.`);
  const longDate = q('X-Amz-Date');
  if (!LONG_DATE.test(longDate)) incomplete(`X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`);
  const expiresSeconds = Number(q('X-Amz-Expires'));
  return {
    ...scopeOf(q('X-Amz-Credential')),
    signedHeaders: q('X-Amz-SignedHeaders').split(';'),
    signature: q('X-Amz-Signature'),
    longDate,
    sessionToken: req.query.get('X-Amz-Security-Token') ?? undefined,
    expiresSeconds: Number.isFinite(expiresSeconds) ? expiresSeconds : 0,
  };
}

function scopeOf(credential: string): Pick<SignatureParts, 'accessKeyId' | 'shortDate' | 'region' | 'service'> {
  const match = SCOPE.exec(credential);
  if (!match) incomplete(`Credential should be scoped to a valid region, service and aws4_request terminator. Credential=${credential.slice(0, 200)}`);
  return { accessKeyId: match[1], shortDate: match[2], region: match[3], service: match[4] };
}

/** A SigV4 long date as epoch ms. */
export function longDateMs(longDate: string): number {
  const [, y, mo, d, h, mi, s] = LONG_DATE.exec(longDate)!;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
}

/** Epoch ms in SigV4's long date form. */
export function formatLongDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Refuses a request signed too far from now (header signatures) or a presigned URL past its expiry, in AWS's words. */
export function checkTime(parts: SignatureParts, nowMs: number): void {
  const signedMs = longDateMs(parts.longDate);
  if (parts.expiresSeconds !== undefined) {
    if (signedMs + parts.expiresSeconds * 1000 < nowMs) throw new IamRefusal('RequestExpired', 'Request has expired');
    if (signedMs - ALLOWED_SKEW_MS > nowMs) throw new IamRefusal('RequestExpired', 'Request is not yet valid');
    return;
  }
  const now = formatLongDate(nowMs);
  if (signedMs < nowMs - ALLOWED_SKEW_MS) {
    throw new IamRefusal('Skewed', `Signature expired: ${parts.longDate} is now earlier than ${formatLongDate(nowMs - ALLOWED_SKEW_MS)} (${now} - 15 min.)`);
  }
  if (signedMs > nowMs + ALLOWED_SKEW_MS) {
    throw new IamRefusal('Skewed', `Signature not yet current: ${parts.longDate} is still later than ${formatLongDate(nowMs + ALLOWED_SKEW_MS)} (${now} + 15 min.)`);
  }
}

function queryBag(query: URLSearchParams, presigned: boolean): QueryParameterBag {
  const bag: Record<string, string | string[]> = {};
  for (const [key, value] of query) {
    // The signature itself is never part of what was signed.
    if (presigned && key === 'X-Amz-Signature') continue;
    const had = Object.hasOwn(bag, key) ? bag[key] : undefined;
    bag[key] = had === undefined ? value : [...(Array.isArray(had) ? had : [had]), value];
  }
  return bag;
}

/**
 * The hash a signer put at the end of its canonical request: the `x-amz-content-sha256` it sent (S3's
 * UNSIGNED-PAYLOAD and streaming forms included), S3 presigned URLs' UNSIGNED-PAYLOAD, else the body's SHA-256.
 */
function payloadHash(req: SignedRequest, parts: SignatureParts): string {
  const declared = req.headers['x-amz-content-sha256'] ?? req.query.get('X-Amz-Content-Sha256') ?? undefined;
  // A declared hex hash of a body read whole must be that body's: else the signature covers other bytes.
  if (declared && (req.bodyStream !== undefined || !/^[0-9a-f]{64}$/.test(declared))) return declared;
  if (parts.expiresSeconds !== undefined && parts.service === 's3') return 'UNSIGNED-PAYLOAD';
  return createHash('sha256').update(req.body).digest('hex');
}

/** Says whether the request's signature is the one its secret key makes (the smithy signer's canonical request, computed again). */
export async function signatureMatches(req: SignedRequest, parts: SignatureParts, secretAccessKey: string): Promise<boolean> {
  const signed = new Set(parts.signedHeaders);
  const headers: Record<string, string> = {};
  for (const name of signed) {
    const value = req.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  const verifier = new Verifier({ service: parts.service, region: parts.region, credentials: { accessKeyId: parts.accessKeyId, secretAccessKey }, sha256: NodeSha256, uriEscapePath: parts.service !== 's3' });
  const request = { method: req.method, protocol: 'http:', hostname: '', path: req.path, query: queryBag(req.query, parts.expiresSeconds !== undefined), headers } as HttpRequest;
  const canonicalHeaders = getCanonicalHeaders(request, undefined, signed);
  const expected = await verifier.signatureOf(request, canonicalHeaders, payloadHash(req, parts), parts, secretAccessKey);
  const given = Buffer.from(parts.signature);
  return given.length === expected.length && timingSafeEqual(given, Buffer.from(expected));
}
