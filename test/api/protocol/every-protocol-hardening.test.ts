import { decode, encode } from 'cbor-x';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTinyServer, type TinyServer } from './tiny/tiny-server.js';

const scope = (service: string, region = 'us-east-1') => `AWS4-HMAC-SHA256 Credential=test/20260101/${region}/${service}/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}`;

/** One request of each protocol, and how its error names an error code. */
const PROTOCOLS = [
  {
    name: 'query',
    service: 'sns',
    request: (extra: Record<string, string>, body?: Uint8Array<ArrayBuffer>) => ({ path: '/', method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: scope('sns'), ...extra }, body: body ?? new TextEncoder().encode('Action=ListTopics&Version=2010-03-31') }),
    code: async (res: Response) => /<ErrorResponse[^>]*><Error><Type>Sender<\/Type><Code>([^<]+)<\/Code>/.exec(await res.text())?.[1],
  },
  {
    name: 'rest-xml',
    service: 's3',
    // PutBucketTagging: an XML body, read whole and bounded (object bodies stream, unbounded).
    request: (extra: Record<string, string>, body?: Uint8Array<ArrayBuffer>) => ({ path: '/bucket?tagging', method: 'PUT', headers: { authorization: scope('s3'), ...extra }, body: body ?? new Uint8Array([1]) }),
    code: async (res: Response) => /^<\?xml[^>]*><Error><Code>([^<]+)<\/Code>/.exec(await res.text())?.[1],
  },
  {
    name: 'rest-json',
    service: 'lambda',
    request: (extra: Record<string, string>, body?: Uint8Array<ArrayBuffer>) => ({ path: '/2015-03-31/functions/alpha/invocations', method: 'POST', headers: { authorization: scope('lambda'), ...extra }, body: body ?? new Uint8Array([0x31]) }),
    code: async (res: Response) => (await res.json(), res.headers.get('x-amzn-errortype') ?? undefined),
  },
  {
    name: 'smithy-rpc-v2-cbor',
    service: 'monitoring',
    request: (extra: Record<string, string>, body?: Uint8Array<ArrayBuffer>) => ({ path: '/service/GraniteServiceVersion20100801/operation/ListMetrics', method: 'POST', headers: { 'smithy-protocol': 'rpc-v2-cbor', 'content-type': 'application/cbor', authorization: scope('monitoring'), ...extra }, body: body ?? new Uint8Array(encode({})) }),
    code: async (res: Response) => (res.headers.get('smithy-protocol') === 'rpc-v2-cbor' ? (decode(new Uint8Array(await res.arrayBuffer())) as { __type: string }).__type : undefined),
  },
];

describe('the hardening of the JSON protocol, in every protocol', () => {
  let server: TinyServer;
  beforeAll(async () => {
    server = await startTinyServer();
  });
  afterAll(async () => server.close());

  const send = (r: ReturnType<(typeof PROTOCOLS)[number]['request']>) => fetch(`${server.url}${r.path}`, { method: r.method, headers: r.headers, body: r.body });

  describe.each(PROTOCOLS)('when a $name request', ({ service, request, code }) => {
    it('names a foreign Host, it is refused with 403 InvalidHostHeader in that protocol', async () => {
      // fetch will not set Host, so the request goes through node:http with it.
      const { request: httpRequest } = await import('node:http');
      const r = request({});
      const res = await new Promise<Response>((resolve, reject) => {
        const req = httpRequest(`${server.url}${r.path}`, { method: r.method, headers: { ...r.headers, host: 'attacker.example' } }, (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (c: Buffer) => chunks.push(c));
          incoming.on('end', () => resolve(new Response(Buffer.concat(chunks), { status: incoming.statusCode, headers: incoming.headers as Record<string, string> })));
        });
        req.on('error', reject);
        req.end(Buffer.from(r.body));
      });
      expect(res.status).toBe(403);
      expect(await code(res)).toBe('InvalidHostHeader');
    });

    it('carries a body over 16 MB, it is refused with 413 in that protocol', async () => {
      const res = await send(request({}, new Uint8Array(16 * 1024 * 1024 + 1)));
      expect(res.status).toBe(413);
      expect(await code(res)).toBe('RequestEntityTooLargeException');
    });

    it('is signed for a region that is no region name, it is refused with InvalidSignatureException in that protocol', async () => {
      const res = await send(request({ authorization: scope(service, '..') }));
      expect(res.status).toBe(400);
      expect(await code(res)).toBe('InvalidSignatureException');
    });
  });

  describe('when an RPC v2 path names a property every JavaScript object has', () => {
    it.each(['constructor', '__proto__', 'toString'])('answers operation %s with UnknownOperationException in CBOR', async (name) => {
      const r = PROTOCOLS[3].request({});
      const res = await fetch(`${server.url}/service/GraniteServiceVersion20100801/operation/${name}`, { method: 'POST', headers: r.headers, body: r.body });
      expect(res.status).toBe(400);
      expect(await PROTOCOLS[3].code(res)).toBe('UnknownOperationException');
    });
  });
});
