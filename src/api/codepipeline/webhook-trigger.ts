import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Engine } from '../../engine/index.js';
import type { Clock } from '../../shared/index.js';
import type { PipelineStore, WebhookRecord, WebhookStore } from '../../store/index.js';
import { cidrRange } from './webhook-checks.js';
import { failedFilter } from './webhook-filters.js';
import { webhookArn } from './webhooks.js';

/** What serving a webhook's URL needs. */
export interface WebhookTriggerDeps {
  webhooks: WebhookStore;
  pipelines: PipelineStore;
  engine: Engine;
  clock: Clock;
}

/** A POST to a webhook's URL as the HTTP route hands it on. */
export interface WebhookRequest {
  id: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  remoteAddress: string;
}

/** The answer to a webhook POST: a status and a JSON body. */
export interface WebhookResponse {
  status: number;
  body: Record<string, string>;
}

const header = (headers: WebhookRequest['headers'], name: string) => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Whether `signature` (`sha1=<hex>` or `sha256=<hex>`) is the HMAC of the body under the secret, compared in constant time. */
function signatureMatches(signature: string | undefined, algorithm: 'sha1' | 'sha256', secret: string, body: Buffer): boolean {
  if (!signature?.startsWith(`${algorithm}=`)) return false;
  const expected = Buffer.from(`${algorithm}=${createHmac(algorithm, secret).update(body).digest('hex')}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Whether the request passes the webhook's authentication: GitHub's HMAC signature, the caller's address in range, or none. */
function authenticated(record: WebhookRecord, request: WebhookRequest): boolean {
  const { authentication, authenticationConfiguration: config } = record.definition;
  if (authentication === 'GITHUB_HMAC') {
    const secret = config.SecretToken ?? '';
    // GitHub sends both headers; either one that matches is enough, the SHA-256 one being the one GitHub recommends.
    return signatureMatches(header(request.headers, 'x-hub-signature-256'), 'sha256', secret, request.body) || signatureMatches(header(request.headers, 'x-hub-signature'), 'sha1', secret, request.body);
  }
  if (authentication === 'IP') {
    const range = cidrRange(config.AllowedIPRange ?? '');
    const address = request.remoteAddress.replace(/^::ffff:/, '');
    return range !== undefined && range.check(address, address.includes(':') ? 'ipv6' : 'ipv4');
  }
  return true;
}

function parsePayload(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Records a failure to start the pipeline on the webhook, as ListWebhooks shows it (errorMessage, errorCode). */
function startFailed(deps: WebhookTriggerDeps, record: WebhookRecord, status: number, message: string): WebhookResponse {
  deps.webhooks.put({ ...record, errorMessage: message, errorCode: String(status) });
  return { status, body: { message } };
}

/**
 * Serves a POST to a webhook's URL: one that passes the authentication and every filter starts the target pipeline
 * (trigger `Webhook`, detail the webhook's ARN); others are refused and start nothing.
 */
export async function triggerWebhook(deps: WebhookTriggerDeps, request: WebhookRequest): Promise<WebhookResponse> {
  const record = deps.webhooks.byId(request.id);
  if (!record) return { status: 404, body: { message: 'No webhook is found at this URL' } }; // wording inferred
  if (!authenticated(record, request)) return { status: 403, body: { message: 'The request did not pass the webhook authentication' } }; // wording inferred
  const payload = parsePayload(request.body);
  if (payload === undefined) return { status: 400, body: { message: 'The request body is not JSON' } }; // wording inferred
  const pipeline = deps.pipelines.get(record, record.definition.targetPipeline);
  const action = pipeline?.declaration.stages[0]?.actions.find((a) => a.name === record.definition.targetAction);
  if (!pipeline || !action) return startFailed(deps, record, 404, `The target pipeline ${record.definition.targetPipeline} or its source action ${record.definition.targetAction} no longer exists`); // wording inferred
  const failed = await failedFilter(record.definition.filters, payload, action.configuration ?? {});
  // A payload that does not match is accepted and ignored: GitHub would otherwise mark every other branch's push as a failed delivery.
  if (failed) return { status: 200, body: { message: `The payload did not match the filter ${failed.jsonPath}; no execution was started` } }; // wording inferred
  try {
    const execution = deps.engine.start(record, pipeline.name, { trigger: { triggerType: 'Webhook', triggerDetail: webhookArn(record, record.definition.name) } });
    const { errorMessage: _m, errorCode: _c, ...rest } = record;
    deps.webhooks.put({ ...rest, lastTriggeredMs: deps.clock.now() });
    return { status: 200, body: { pipelineExecutionId: execution.id } };
  } catch (error) {
    return startFailed(deps, record, 409, error instanceof Error ? error.message : String(error));
  }
}
