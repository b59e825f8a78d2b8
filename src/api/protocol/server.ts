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
  return { method: req.method, path: q < 0 ? req.url : req.url.slice(0, q), query: new URLSearchParams(q < 0 ? '' : req.url.slice(q + 1)), headers, body };
}

function send(reply: FastifyReply, res: WireResponse, head: boolean): FastifyReply {
  reply.code(res.status).headers(res.headers);
  // HEAD answers carry the headers of the GET they stand for, never a body.
  return head ? reply.send() : reply.send(res.body);
}

/** Builds the one HTTP server, without listening, so tests can inject requests or listen on any port. */
export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT_BYTES });
  // The protocols parse bodies themselves, so a malformed one becomes that protocol's serialization error.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

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
