import { AwsError, currentCaller } from './aws.js';
import { signedHeaders } from './sigv4.js';

/** A user, role or customer managed policy as the Access page lists it. */
export interface IamEntity {
  name: string;
  arn: string;
  created?: string;
  /** A policy's attachment count. */
  attachments?: number;
}

const FORM = 'application/x-www-form-urlencoded; charset=utf-8';

/** Calls one IAM query operation (`Action=...&Version=2010-05-08`), signed with the console's key when it has one; the parsed XML answer. */
async function callIam(action: string, params: Record<string, string>, signal?: AbortSignal): Promise<Document> {
  const caller = currentCaller();
  const body = new URLSearchParams({ Action: action, Version: '2010-05-08', ...params }).toString();
  const headers = caller.credentials
    ? await signedHeaders({ service: 'iam', region: caller.region, host: location.host, headers: { 'content-type': FORM }, body, credentials: caller.credentials, now: new Date() })
    : { 'Content-Type': FORM, Authorization: `AWS4-HMAC-SHA256 Credential=${caller.account}/20260101/${caller.region}/iam/aws4_request, SignedHeaders=host, Signature=0` };
  const response = await fetch('/', { method: 'POST', headers, body, signal });
  const xml = new DOMParser().parseFromString(await response.text(), 'text/xml');
  if (!response.ok) {
    const text = (tag: string) => xml.getElementsByTagName(tag)[0]?.textContent ?? '';
    throw new AwsError(text('Code') || 'UnexpectedResponse', text('Message'), response.status);
  }
  return xml;
}

function members(xml: Document, listTag: string): Element[] {
  const list = xml.getElementsByTagName(listTag)[0];
  return list ? [...list.children].filter((e) => e.tagName === 'member') : [];
}

const child = (e: Element, tag: string) => e.getElementsByTagName(tag)[0]?.textContent ?? '';

/** Every page of an IAM list: the members under `listTag`, read by `read`. */
async function allOf(action: string, listTag: string, params: Record<string, string>, read: (e: Element) => IamEntity, signal?: AbortSignal): Promise<IamEntity[]> {
  const out: IamEntity[] = [];
  let marker: string | undefined;
  do {
    const xml = await callIam(action, { ...params, ...(marker ? { Marker: marker } : {}) }, signal);
    out.push(...members(xml, listTag).map(read));
    marker = xml.getElementsByTagName('IsTruncated')[0]?.textContent === 'true' ? (xml.getElementsByTagName('Marker')[0]?.textContent ?? undefined) : undefined;
  } while (marker);
  return out;
}

/** IAM's users (ListUsers). */
export function listUsers(signal?: AbortSignal): Promise<IamEntity[]> {
  return allOf('ListUsers', 'Users', {}, (e) => ({ name: child(e, 'UserName'), arn: child(e, 'Arn'), created: child(e, 'CreateDate') }), signal);
}

/** IAM's roles (ListRoles). */
export function listRoles(signal?: AbortSignal): Promise<IamEntity[]> {
  return allOf('ListRoles', 'Roles', {}, (e) => ({ name: child(e, 'RoleName'), arn: child(e, 'Arn'), created: child(e, 'CreateDate') }), signal);
}

/** The account's customer managed policies (ListPolicies, Scope=Local). */
export function listPolicies(signal?: AbortSignal): Promise<IamEntity[]> {
  return allOf('ListPolicies', 'Policies', { Scope: 'Local' }, (e) => ({ name: child(e, 'PolicyName'), arn: child(e, 'Arn'), created: child(e, 'CreateDate'), attachments: Number(child(e, 'AttachmentCount')) }), signal);
}

/** One refused call (serve --iam), as the server keeps the recent ones. */
export interface Denial {
  atMs: number;
  principalArn: string;
  action: string;
  resource: string;
  message: string;
  where: string;
}

const DENIALS_PATH = '/console/api/iam/denials';

/** The recent refusals, newest first; undefined when the emulator does not check access (no --iam). */
export async function recentDenials(signal?: AbortSignal): Promise<Denial[] | undefined> {
  const caller = currentCaller();
  const headers = caller.credentials
    ? await signedHeaders({ method: 'GET', path: DENIALS_PATH, service: 'iam', region: caller.region, host: location.host, headers: {}, body: '', credentials: caller.credentials, now: new Date() })
    : {};
  const response = await fetch(DENIALS_PATH, { headers, signal });
  if (response.status === 404) return undefined;
  const body = (await response.json()) as { denials?: Denial[]; __type?: string; message?: string };
  if (!response.ok) throw new AwsError(body.__type ?? 'UnexpectedResponse', body.message ?? '', response.status);
  return body.denials ?? [];
}
