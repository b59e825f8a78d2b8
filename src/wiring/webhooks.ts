import { triggerWebhook, type WebhookDeps } from '../api/index.js';
import { WebhookStore } from '../store/index.js';
import type { FeatureContext, FeatureModule } from './feature-module.js';

/**
 * Webhooks (V1): the store the PutWebhook family of operations keeps them in, and the route that serves each
 * webhook's URL (`/webhooks/<region>/<id>` on this server) and starts its pipeline.
 */
export function webhooksFeature(context: FeatureContext): FeatureModule & { webhooks: WebhookDeps } {
  const store = new WebhookStore(context.db);
  const deps = { webhooks: store, pipelines: context.pipelines, engine: context.engine, clock: context.clock };
  return {
    webhooks: { store, ids: context.ids, baseUrl: () => context.baseUrl() },
    routes(app) {
      app.post<{ Params: { region: string; id: string } }>('/webhooks/:region/:id', async (req, reply) => {
        const body = Buffer.isBuffer(req.body) ? req.body : Buffer.from(typeof req.body === 'string' ? req.body : '');
        const answer = await triggerWebhook(deps, { id: req.params.id, headers: req.headers, body, remoteAddress: req.socket.remoteAddress ?? '' });
        return reply.code(answer.status).type('application/json').send(answer.body);
      });
    },
  };
}
