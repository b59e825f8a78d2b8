import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { BuildLogs } from '../../codebuild/index.js';
import type { CodeBuildStore } from '../../store/index.js';

/** The path of a build's log on the emulator's server (the build's `logs.deepLink`). */
export const BUILD_LOG_ROUTE = '/codebuild/builds/:buildId/log';

/**
 * Serves build logs as text: `GET /codebuild/builds/<build id>/log` answers the log so far; with `?follow=1` the
 * response stays open and streams new lines until the build ends (like `tail -f`, or `aws logs tail --follow`).
 */
export function registerBuildLogRoute(app: FastifyInstance, deps: { store: CodeBuildStore; logs: BuildLogs }): void {
  app.get<{ Params: { buildId: string }; Querystring: { follow?: string } }>(BUILD_LOG_ROUTE, async (request, reply) => {
    const { buildId } = request.params;
    const build = buildId.includes(':') ? deps.store.getBuild(buildId) : undefined;
    if (!build) return reply.code(404).type('text/plain; charset=utf-8').send(`Build ${buildId} does not exist\n`);
    reply.type('text/plain; charset=utf-8').header('cache-control', 'no-store');
    const follow = ['1', 'true', 'yes'].includes(request.query.follow ?? '');
    if (!follow || !deps.logs.isLive(buildId)) return reply.send(deps.logs.read(buildId) ?? '');
    const stream = new PassThrough();
    const stop = deps.logs.follow(buildId, { line: (text) => stream.write(`${text}\n`), end: () => stream.end() });
    // A client that hangs up stops being fed.
    request.raw.once('close', () => {
      stop();
      stream.end();
    });
    return reply.send(stream);
  });
}
