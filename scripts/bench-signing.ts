/** SigV4 signing for benchmarks of `serve --iam`: requests signed once by the SDK's signer, replayed for a run (a signature stays valid 15 minutes). */
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../src/iam/index.js';

/** An access key to sign with. */
export interface SigningKey {
  accessKeyId: string;
  secretAccessKey: string;
}

/** The headers of a POST to `url` with `body`, signed for a service (its signing name) with a key, as now. */
export async function signedHeaders(url: string, service: string, key: SigningKey, headers: Record<string, string>, body: string): Promise<Record<string, string>> {
  const { hostname, port, host } = new URL(url);
  const signer = new SignatureV4({ service, region: 'us-east-1', sha256: NodeSha256, credentials: key });
  const signed = await signer.sign({ method: 'POST', protocol: 'http:', hostname, port: Number(port), path: '/', query: {}, headers: { ...headers, host }, body });
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(signed.headers)) if (k.toLowerCase() !== 'host') out[k.toLowerCase()] = v;
  return out;
}

/** Calls an IAM query operation signed with a key and returns its XML answer; throws on a non-2xx. */
export async function iamCall(url: string, key: SigningKey, params: Record<string, string>): Promise<string> {
  const body = new URLSearchParams({ ...params, Version: '2010-05-08' }).toString();
  const headers = await signedHeaders(url, 'iam', key, { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body);
  const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(5000) });
  const text = await res.text();
  if (!res.ok) throw new Error(`IAM ${params.Action} answered ${res.status}: ${text}`);
  return text;
}
