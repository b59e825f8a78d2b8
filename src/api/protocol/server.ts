import Fastify, { type FastifyInstance } from 'fastify';
import type { Ids, Logger } from '../../shared/index.js';
import type { Dispatcher, DispatchResult } from './dispatcher.js';
import { isAllowedHost } from './host-check.js';
import { readRequestContext, type ContextDefaults } from './request-context.js';
import { WireError } from './wire-error.js';

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

/** Builds the one HTTP server, without listening, so tests can inject requests or listen on any port. */
export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT_BYTES });
  // The dispatcher parses bodies itself, so a malformed one becomes a SerializationException.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.addHook('onRequest', async (req, reply) => {
    const requestId = deps.ids.uuid();
    (req as { awsRequestId?: string }).awsRequestId = requestId;
    reply.header('x-amzn-RequestId', requestId);
    if (!isAllowedHost(req.headers.host, deps.allowedHosts ?? [])) {
      const host = String(req.headers.host).slice(0, 100);
      const message = `The Host header '${host}' names no host this server answers to (it accepts IP addresses, localhost and the names given with --allowed-hosts); a web page on another site may be trying to reach it`;
      return reply.code(403).type(AMZ_JSON).header('x-amzn-ErrorType', 'InvalidHostHeader').send(JSON.stringify({ __type: 'InvalidHostHeader', message }));
    }
  });
  app.addHook('onResponse', async (req, reply) => {
    const target = req.headers['x-amz-target'];
    deps.log.info({ method: req.method, url: req.url, target, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 }, target ? String(target) : `${req.method} ${req.url}`);
  });

  app.post('/', async (req, reply) => {
    const requestId = (req as { awsRequestId?: string }).awsRequestId!;
    const target = req.headers['x-amz-target'];
    const result = await contextOrError(req.headers.authorization, requestId, deps.defaults, (ctx) =>
      deps.dispatcher.dispatch(Array.isArray(target) ? target[0] : target, (req.body as string) ?? '', ctx),
    );
    if (result.errorName) reply.header('x-amzn-ErrorType', result.errorName);
    return reply.code(result.status).type(AMZ_JSON).send(JSON.stringify(result.body));
  });

  app.setNotFoundHandler((req, reply) => {
    reply.code(404).type(AMZ_JSON).send(JSON.stringify({ __type: 'UnknownOperationException', message: `No route for ${req.method} ${req.url}` }));
  });
  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, req, reply) => {
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) deps.log.error({ err: error, url: req.url }, 'unexpected server error');
    const name = status === 413 ? 'RequestEntityTooLargeException' : status < 500 ? 'SerializationException' : 'InternalFailure';
    const message = status === 500 ? 'The request processing has failed because of an unknown error' : error.message;
    reply.code(status).type(AMZ_JSON).header('x-amzn-ErrorType', name).send(JSON.stringify({ __type: name, message }));
  });

  if (deps.extend) await deps.extend(app);
  return app;
}

/** Reads the request's context and runs the call with it; a scope AWS would refuse answers its wire error. */
async function contextOrError(
  authorization: string | undefined,
  requestId: string,
  defaults: ContextDefaults,
  call: (ctx: ReturnType<typeof readRequestContext>) => Promise<DispatchResult>,
): Promise<DispatchResult> {
  let ctx;
  try {
    ctx = readRequestContext(authorization, requestId, defaults);
  } catch (error) {
    if (!(error instanceof WireError)) throw error;
    return { status: error.httpStatus, errorName: error.errorName, body: { __type: error.errorName, message: error.message } };
  }
  return call(ctx);
}
