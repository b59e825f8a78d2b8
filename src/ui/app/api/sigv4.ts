/** An access key the console signs its calls with (`serve --iam`), kept for the browser tab's session only. */
export interface ConsoleCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

const encoder = new TextEncoder();
const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

async function sha256Hex(text: string): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

async function hmac(key: ArrayBuffer, text: string): Promise<ArrayBuffer> {
  const imported = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return crypto.subtle.sign('HMAC', imported, encoder.encode(text));
}

/** What one call signs: its method and path (`POST /` unless told), service (signing name), region, Host, headers (lower-case names) and body. */
export interface SignedCall {
  method?: string;
  path?: string;
  service: string;
  region: string;
  host: string;
  headers: Record<string, string>;
  body: string;
  credentials: ConsoleCredentials;
  now: Date;
}

/** What one AWS JSON call signs: a signed call whose headers are its target. */
export type JsonCall = Omit<SignedCall, 'headers'> & { target: string };

/** The headers of a SigV4-signed AWS JSON 1.1 call (`POST /` with X-Amz-Target). */
export function signedJsonHeaders(call: JsonCall): Promise<Record<string, string>> {
  const { target, ...rest } = call;
  return signedHeaders({ ...rest, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target } });
}

/**
 * The headers of a SigV4-signed `POST /` (AWS JSON, or a query protocol's form), computed with the browser's
 * WebCrypto as the SDKs compute them; Host is signed but left to the browser to send.
 */
export async function signedHeaders(call: SignedCall): Promise<Record<string, string>> {
  const amzDate = call.now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = { ...call.headers, host: call.host, 'x-amz-date': amzDate };
  if (call.credentials.sessionToken) headers['x-amz-security-token'] = call.credentials.sessionToken;
  const names = Object.keys(headers).sort();
  const canonical = [call.method ?? 'POST', call.path ?? '/', '', ...names.map((n) => `${n}:${headers[n].trim()}`), '', names.join(';'), await sha256Hex(call.body)].join('\n');
  const scope = `${day}/${call.region}/${call.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, await sha256Hex(canonical)].join('\n');
  let key = await hmac(encoder.encode(`AWS4${call.credentials.secretAccessKey}`).buffer as ArrayBuffer, day);
  for (const part of [call.region, call.service, 'aws4_request']) key = await hmac(key, part);
  const signature = hex(await hmac(key, stringToSign));
  const { host: _sentByTheBrowser, ...sent } = headers;
  return { ...sent, authorization: `AWS4-HMAC-SHA256 Credential=${call.credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}` };
}
