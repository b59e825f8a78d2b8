import type { Readable } from 'node:stream';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Ids, Logger } from '../../shared/index.js';
import type { Dispatcher } from './dispatcher.js';
import { isAllowedHost } from './host-check.js';
import type { ContextDefaults } from './request-context.js';
import type { WireRequest, WireResponse } from './wire/wire-protocol.js';
import { defineWireError, InternalFailure, WireError } from './wire-error.js';

/** What the HTTP server needs: the dispatcher, ids for request ids, a logger and default account/region. */
export interface ServerDeps {
  dispatcher: Dispatcher;
  ids: Ids;
  log: Logger;
  defaults: ContextDefaults;
  /** Host header names accepted besides IP literals and localhost (the `--host` and `--allowed-hosts` names). */
  allowedHosts?: readonly string[];
  /** Lets later parts (git HTTP, console) add routes on the same port. */
  extend?: (app: FastifyInstance) => void | Promise<void>;
}

const AMZ_JSON = 'application/x-amz-json-1.1';
const BODY_LIMIT_BYTES = 16 * 1024 * 1024;
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH'];

function jsonError(reply: FastifyReply, status: number, name: string, message: string): FastifyReply {
  return reply.code(status).type(AMZ_JSON).header('x-amzn-ErrorType', name).send(JSON.stringify({ __type: name, message }));
}

/** A foreign Host header: refused before anything else is read. */
const InvalidHostHeader = defineWireError('InvalidHostHeader', 403);
/** A body past the server's limit. */
const RequestEntityTooLargeException = defineWireError('RequestEntityTooLargeException', 413);

/** The protocol layer's view of a fastify request: method, raw path, query, lower-case headers and body bytes. */
function wireRequest(req: FastifyRequest, withBody = true): WireRequest {
  const q = req.url.indexOf('?');
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v[0] : v;
  const body = withBody && Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const bodyStream = withBody && isStream(req.body) ? req.body : undefined;
  return { method: req.method, path: q < 0 ? req.url : req.url.slice(0, q), query: new URLSearchParams(q < 0 ? '' : req.url.slice(q + 1)), headers, body, ...(bodyStream ? { bodyStream } : {}), sourceIp: req.ip };
}

function isStream(body: unknown): body is Readable {
  return typeof (body as Readable | undefined)?.pipe === 'function';
}

/** Reads a whole body up to the limit; past it, a 413 the error handler answers in the request's protocol. */
function readBody(payload: Readable, declaredLength: number, done: (error: Error | null, body?: Buffer) => void): void {
  const tooLarge = () => Object.assign(new Error(`The request body is larger than ${BODY_LIMIT_BYTES} bytes`), { statusCode: 413 });
  if (declaredLength > BODY_LIMIT_BYTES) return done(tooLarge());
  const chunks: Buffer[] = [];
  let length = 0;
  const onData = (chunk: Buffer) => {
    length += chunk.length;
    if (length <= BODY_LIMIT_BYTES) return void chunks.push(chunk);
    payload.off('data', onData).off('end', onEnd);
    done(tooLarge());
  };
  const onEnd = () => done(null, Buffer.concat(chunks, length));
  payload.on('data', onData).once('end', onEnd).once('error', (error) => done(Object.assign(error, { statusCode: 400 })));
}

function send(reply: FastifyReply, res: WireResponse, head: boolean): FastifyReply {
  reply.code(res.status).headers(res.headers);
  // HEAD answers carry the headers of the GET they stand for, never a body.
  return head ? reply.send() : reply.send(res.body);
}

/**
 * The route constraint other parts put on routes that share a path with the AWS APIs: `awsCall` is `yes` for a
 * SigV4-signed request (header or presigned URL), a query call in the URL (`?Action=`) or one to a `<bucket>.localhost` host, so the console's `GET /`
 * (`{ constraints: { awsCall: 'no' } }`) leaves S3's ListBuckets and virtual-host ListObjects to the API.
 */
export const AWS_CALL_CONSTRAINT = 'awsCall';

function isAwsCall(req: { headers: Record<string, string | string[] | undefined>; url?: string }): boolean {
  const host = String(req.headers.host ?? '');
  // A query-protocol call in the URL (an SNS SubscribeURL or UnsubscribeURL opened by an endpoint or a browser) is one too.
  return req.headers.authorization !== undefined || /[?&](X-Amz-Credential|Action)=/i.test(req.url ?? '') || /\.localhost\.?(:\d+)?$/i.test(host);
}

/**
 * Stands in for fastify's JSON-schema compilers (ajv, fast-json-stringify), which it would otherwise load at every
 * start: input is checked against the services' models by the protocol layer, and no route declares a schema.
 */
function noSchemas(): never {
  throw new Error('Routes here declare no JSON schema: AWS input is validated against the service models, other routes check their own input');
}

/** Builds the one HTTP server, without listening, so tests can inject requests or listen on any port. */
export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT_BYTES, schemaController: { compilersFactory: { buildValidator: noSchemas, buildSerializer: noSchemas } } });
  // The protocols parse bodies themselves, so a malformed one becomes that protocol's serialization error.
  app.removeAllContentTypeParsers();
  // A streaming payload (an S3 object body) is handed on unread and unbounded; every other body is read whole, up to the limit.
  app.addContentTypeParser('*', (req, payload, done) => {
    if (deps.dispatcher.streamsBody(wireRequest(req, false))) return done(null, payload);
    readBody(payload, Number(req.headers['content-length']), done);
  });

  app.addConstraintStrategy({
    name: AWS_CALL_CONSTRAINT,
    storage() {
      const handlers = new Map<string, unknown>();
      return { get: (value: string) => (handlers.get(value) ?? null) as never, set: (value: string, store: unknown) => void handlers.set(value, store) };
    },
    deriveConstraint: (req: { headers: Record<string, string | string[] | undefined>; url?: string }) => (isAwsCall(req) ? 'yes' : 'no'),
    mustMatchWhenDerived: false,
    validate() {},
  });

  app.addHook('onRequest', async (req, reply) => {
    const requestId = deps.ids.uuid();
    (req as { awsRequestId?: string }).awsRequestId = requestId;
    reply.header('x-amzn-RequestId', requestId);
    if (!isAllowedHost(req.headers.host, deps.allowedHosts ?? [])) {
      const host = String(req.headers.host).slice(0, 100);
      const message = `The Host header '${host}' names no host this server answers to (it accepts IP addresses, localhost and the names given with --allowed-hosts); a web page on another site may be trying to reach it`;
      return send(reply, deps.dispatcher.refuse(wireRequest(req, false), new InvalidHostHeader(message), requestId), req.method === 'HEAD');
    }
  });
  app.addHook('onResponse', async (req, reply) => {
    const target = req.headers['x-amz-target'];
    deps.log.info({ method: req.method, url: req.url, target, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 }, target ? String(target) : `${req.method} ${req.url}`);
  });

  app.route({
    method: METHODS,
    url: '/*',
    exposeHeadRoute: false,
    handler: async (req, reply) => {
      const requestId = (req as { awsRequestId?: string }).awsRequestId!;
      const res = await deps.dispatcher.dispatch(wireRequest(req), requestId, deps.defaults);
      if (!res) return jsonError(reply, 404, 'UnknownOperationException', `No route for ${req.method} ${req.url}`);
      return send(reply, res, req.method === 'HEAD');
    },
  });

  app.setNotFoundHandler((req, reply) => {
    jsonError(reply, 404, 'UnknownOperationException', `No route for ${req.method} ${req.url}`);
  });
  app.setErrorHandler((error: { statusCode?: number; message: string }, req, reply) => {
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) deps.log.error({ err: error, url: req.url }, 'unexpected server error');
    const wire: WireError =
      status === 413 ? new RequestEntityTooLargeException(error.message)
      : status < 500 ? new WireError('SerializationException', status, error.message)
      : new InternalFailure('The request processing has failed because of an unknown error');
    const requestId = (req as { awsRequestId?: string }).awsRequestId ?? '';
    // The body was never read (too large or malformed), so the request is routed on its headers alone.
    return send(reply, deps.dispatcher.refuse(wireRequest(req, false), wire, requestId), req.method === 'HEAD');
  });

  if (deps.extend) await deps.extend(app);
  return app;
}
