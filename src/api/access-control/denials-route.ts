import type { FastifyInstance } from 'fastify';
import { IamRefusal, type Iam, type RecentDenials } from '../../iam/index.js';

/** Where the console reads the recent refusals of --iam. */
export const DENIALS_ROUTE = '/console/api/iam/denials';

/** The permission that shows every refusal (it shows every principal's calls, as reading the account's IAM details does; inferred choice). */
const READ_DENIALS = 'iam:GetAccountAuthorizationDetails';

/**
 * Serves the recent refusals as JSON to a SigV4-signed GET (the console signs it with its key): the caller must be
 * the root or allowed iam:GetAccountAuthorizationDetails. Answers 401/403 with the refusal's text otherwise.
 */
export function registerDenialsRoute(app: FastifyInstance, deps: { iam: Iam; denials: RecentDenials }): void {
  app.get(DENIALS_ROUTE, async (request, reply) => {
    const q = request.url.indexOf('?');
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(request.headers)) headers[k] = Array.isArray(v) ? v[0] : v;
    reply.header('cache-control', 'no-store');
    try {
      const principal = await deps.iam.authenticator.authenticate({
        method: 'GET', path: q < 0 ? request.url : request.url.slice(0, q), query: new URLSearchParams(q < 0 ? '' : request.url.slice(q + 1)), headers, body: Buffer.alloc(0),
      });
      deps.iam.authorizer.authorize(principal, { action: READ_DENIALS, resources: ['*'], context: {} });
      return reply.send({ denials: deps.denials.list() });
    } catch (error) {
      if (!(error instanceof IamRefusal)) throw error;
      return reply.code(error.code === 'AccessDenied' ? 403 : 401).send({ __type: error.code, message: error.message });
    }
  });
}
