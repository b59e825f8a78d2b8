import type { FastifyInstance, FastifyReply } from 'fastify';
import { AWS_CALL_CONSTRAINT } from '../../api/protocol/index.js';
import { ARTIFACTS_PATH, CONTEXT_PATH, EVENTS_PATH, type ConsoleContext } from '../shared/console-event.js';
import { artifactStream, downloadName, findArtifact } from './artifact-download.js';
import type { ConsoleEventStream } from './event-stream.js';
import { addConsoleSecurityHeaders } from './security-headers.js';
import { ConsoleAssets, type StaticAnswer } from './static-files.js';

/** What the console's routes need: where the built app and the artifacts are, the event stream, and the defaults. */
export interface ConsoleRoutesDeps {
  /** The Vite build output (`dist/console/`). */
  distDir: string;
  /** The folder of the artifact buckets: the S3 folder (`--s3-dir`), whose objects are `<bucket>/<key>` files. */
  artifactsDir: string;
  /** Where artifacts were kept before they became S3 objects (`<dataDir>/artifacts`), still read for old executions. */
  olderArtifactsDir?: string;
  stream: ConsoleEventStream;
  context: ConsoleContext;
}

function send(reply: FastifyReply, answer: StaticAnswer): FastifyReply {
  return reply.code(answer.status).headers(answer.headers).send(answer.body);
}

function textError(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply.code(status).type('text/plain; charset=utf-8').send(`${message}\n`);
}

/**
 * Adds the console to the server: the app at /console/ (GET / redirects there; POST / stays the AWS API),
 * its event stream, its context, and artifact downloads, each answered with the console's security headers.
 */
export function registerConsoleRoutes(app: FastifyInstance, deps: ConsoleRoutesDeps): void {
  const assets = new ConsoleAssets(deps.distDir, deps.context);
  const secured = { onRequest: addConsoleSecurityHeaders };
  // A signed GET / is S3's ListBuckets (and one to <bucket>.localhost its ListObjects): left to the API.
  // (on the API server only, which registers that constraint; the console alone has no API to leave it to)
  const constraints = app.hasConstraintStrategy(AWS_CALL_CONSTRAINT) ? { constraints: { [AWS_CALL_CONSTRAINT]: 'no' } } : {};
  app.get('/', { ...secured, ...constraints }, (_req, reply) => reply.redirect('/console/', 302));
  app.get('/console', secured, (_req, reply) => reply.redirect('/console/', 302));
  app.get(EVENTS_PATH, secured, (req, reply) => deps.stream.handle(req as Parameters<ConsoleEventStream['handle']>[0], reply));
  app.get(CONTEXT_PATH, secured, (_req, reply) => reply.header('cache-control', 'no-store').send(deps.context));
  app.get<{ Params: { bucket: string; '*': string }; Querystring: { name?: string } }>(`${ARTIFACTS_PATH}/:bucket/*`, secured, async (req, reply) => {
    let found = await findArtifact(deps.artifactsDir, req.params.bucket, req.params['*']);
    if (!found.found && found.status === 404 && deps.olderArtifactsDir) found = await findArtifact(deps.olderArtifactsDir, req.params.bucket, req.params['*']);
    if (!found.found) return textError(reply, found.status, found.message);
    return reply
      .type('application/zip')
      .header('content-length', String(found.size))
      .header('content-disposition', `attachment; filename="${downloadName(req.query.name, req.params['*'])}"`)
      .send(artifactStream(found.path));
  });
  app.get<{ Params: { '*': string } }>('/console/*', secured, async (req, reply) => {
    const path = req.params['*'];
    // Unknown console API paths must not fall back to the app's page: a script asking for JSON would get HTML.
    if (path === 'api' || path.startsWith('api/')) return textError(reply, 404, `No console API at /console/${path}`);
    return send(reply, await assets.answer(path, /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))));
  });
}
