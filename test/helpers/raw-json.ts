import request from 'supertest';

/** The content type of the AWS JSON 1.1 protocol. */
export const AMZ_JSON = 'application/x-amz-json-1.1';

/** A SigV4 Authorization header whose credential scope names a region, an access key and a service; the signature is not checked. */
export function signedAuthorization(region: string, accessKeyId = 'AKIDEXAMPLE', service = 'codepipeline'): string {
  return `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20260101/${region}/${service}/aws4_request, SignedHeaders=host;x-amz-target, Signature=${'0'.repeat(64)}`;
}

/** Posts a raw AWS JSON 1.1 call (for protocol edge cases the SDK would never send), signed for us-east-1 unless headers say otherwise. */
export function rawJsonCall(url: string, target: string | undefined, body: string, headers: Record<string, string> = {}): request.Test {
  const req = request(url).post('/').set('Content-Type', AMZ_JSON).set('Authorization', signedAuthorization('us-east-1'));
  if (target) req.set('X-Amz-Target', target);
  for (const [k, v] of Object.entries(headers)) req.set(k, v);
  return req.send(body);
}
