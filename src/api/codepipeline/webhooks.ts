import type {
  DeleteWebhookInput,
  DeleteWebhookOutput,
  DeregisterWebhookWithThirdPartyInput,
  DeregisterWebhookWithThirdPartyOutput,
  ListWebhooksInput,
  ListWebhooksOutput,
  PutWebhookInput,
  PutWebhookOutput,
  RegisterWebhookWithThirdPartyInput,
  RegisterWebhookWithThirdPartyOutput,
} from '@aws-sdk/client-codepipeline';
import type { Scope } from '../../model/index.js';
import { formatArn, toEpochSeconds } from '../../shared/index.js';
import type { WebhookDefinitionRecord, WebhookRecord } from '../../store/index.js';
import { pageByOffset, ValidationException, type HandlerInput, type HandlerOutput, type RequestContext } from '../protocol/index.js';
import { assertUserTags } from './declaration-checks.js';
import { limits, type CodePipelineDeps } from './deps.js';
import * as errors from './errors.js';
import { invalidNextToken } from './invalid-next-token.js';
import { requirePipeline } from './pipelines.js';
import { assertWebhookAuthentication, assertWebhookFilters } from './webhook-checks.js';

type WebhookItem = NonNullable<HandlerOutput<ListWebhooksOutput>['webhooks']>[number];

/** AWS's quota of webhooks per region. */
const WEBHOOKS_PER_REGION = 300;

/** Builds a webhook's ARN: `arn:aws:codepipeline:<region>:<account>:webhook:<name>`. */
export function webhookArn(scope: Scope, name: string): string {
  return formatArn({ service: 'codepipeline', region: scope.region, account: scope.account, resource: `webhook:${name}` });
}

/** The path the emulator serves a webhook's trigger URL on (AWS's own form is `https://<region>.webhooks.aws/trigger?t=...&v=1`). */
export function webhookPath(region: string, id: string): string {
  return `/webhooks/${region}/${id}`;
}

/** Refuses a target action that is not an action of the pipeline's first stage, with AWS's observed message. */
function assertTargetAction(deps: CodePipelineDeps, ctx: RequestContext, definition: WebhookDefinitionRecord): void {
  const pipeline = requirePipeline(deps, ctx, definition.targetPipeline);
  const first = pipeline.declaration.stages[0];
  if (!first?.actions.some((a) => a.name === definition.targetAction)) {
    throw new ValidationException(`Action with name ${definition.targetAction} was not found in the first stage of the pipeline`);
  }
}

/** A webhook as ListWebhooks and PutWebhook answer it: its SecretToken redacted, as AWS redacts it. */
function webhookItem(deps: CodePipelineDeps, record: WebhookRecord): WebhookItem {
  const arn = webhookArn(record, record.definition.name);
  const { SecretToken, ...configuration } = record.definition.authenticationConfiguration;
  const tags = deps.tags.list(arn);
  return {
    definition: { ...record.definition, authenticationConfiguration: SecretToken === undefined ? configuration : { ...configuration, SecretToken: '<redacted>' } }, // wording inferred
    url: `${deps.webhooks.baseUrl()}${webhookPath(record.region, record.id)}`,
    arn,
    ...(record.lastTriggeredMs !== undefined ? { lastTriggered: toEpochSeconds(record.lastTriggeredMs) } : {}),
    ...(record.errorMessage !== undefined ? { errorMessage: record.errorMessage, errorCode: record.errorCode } : {}),
    ...(tags.length ? { tags } : {}),
  };
}

/** PutWebhook: creates a webhook, or replaces the one of that name (with a new URL, as AWS makes one on re-creation). */
export async function putWebhook(deps: CodePipelineDeps, input: HandlerInput<PutWebhookInput>, ctx: RequestContext): Promise<HandlerOutput<PutWebhookOutput>> {
  const definition = input.webhook as WebhookDefinitionRecord;
  const existing = deps.webhooks.store.get(ctx, definition.name);
  if (!existing && deps.webhooks.store.count(ctx) >= WEBHOOKS_PER_REGION) {
    throw new errors.LimitExceededException(`The maximum number of webhooks (${WEBHOOKS_PER_REGION}) for this region has been reached`); // wording inferred
  }
  assertWebhookAuthentication(definition);
  await assertWebhookFilters(definition);
  assertTargetAction(deps, ctx, definition);
  const tags = input.tags ?? [];
  assertUserTags(tags);
  if (tags.length > limits.tagsPerResource) throw new errors.TooManyTagsException(`Tag limit exceeded for resource [${webhookArn(ctx, definition.name)}].`);
  const record: WebhookRecord = {
    account: ctx.account,
    region: ctx.region,
    id: deps.webhooks.ids.uuid().replace(/-/g, ''),
    definition: {
      name: definition.name,
      targetPipeline: definition.targetPipeline,
      targetAction: definition.targetAction,
      filters: definition.filters.map((f) => ({ jsonPath: f.jsonPath, ...(f.matchEquals !== undefined ? { matchEquals: f.matchEquals } : {}) })),
      authentication: definition.authentication,
      authenticationConfiguration: { ...definition.authenticationConfiguration },
    },
    registeredWithThirdParty: existing?.registeredWithThirdParty ?? false,
  };
  deps.webhooks.store.put(record);
  if (tags.length) deps.tags.put(webhookArn(ctx, definition.name), tags, limits.tagsPerResource);
  return { webhook: webhookItem(deps, record) };
}

/** ListWebhooks: the region's webhooks in the order created, paged with the capitalised NextToken/MaxResults. */
export function listWebhooks(deps: CodePipelineDeps, input: HandlerInput<ListWebhooksInput>, ctx: RequestContext): HandlerOutput<ListWebhooksOutput> {
  const page = pageByOffset(deps.webhooks.store.list(ctx), input.NextToken, input.MaxResults, invalidNextToken);
  return { webhooks: page.items.map((r) => webhookItem(deps, r)), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
}

/** DeleteWebhook: removes the webhook and its tags; a webhook already gone is not an error, as AWS answers. */
export function deleteWebhook(deps: CodePipelineDeps, input: HandlerInput<DeleteWebhookInput>, ctx: RequestContext): HandlerOutput<DeleteWebhookOutput> {
  if (deps.webhooks.store.delete(ctx, input.name)) deps.tags.removeAll(webhookArn(ctx, input.name));
  return {};
}

/** Records whether the webhook is registered with its third party (there is none to call locally). */
function setRegistered(deps: CodePipelineDeps, ctx: RequestContext, name: string | undefined, registered: boolean): void {
  const record = name === undefined ? undefined : deps.webhooks.store.get(ctx, name);
  if (!record) throw new errors.WebhookNotFoundException(`The webhook ${name ?? ''} was not found`); // wording inferred
  deps.webhooks.store.put({ ...record, registeredWithThirdParty: registered });
}

/** RegisterWebhookWithThirdParty: recorded only; AWS would create the webhook on GitHub. */
export function registerWebhookWithThirdParty(
  deps: CodePipelineDeps,
  input: HandlerInput<RegisterWebhookWithThirdPartyInput>,
  ctx: RequestContext,
): HandlerOutput<RegisterWebhookWithThirdPartyOutput> {
  setRegistered(deps, ctx, input.webhookName, true);
  return {};
}

/** DeregisterWebhookWithThirdParty: recorded only; AWS would remove the webhook from GitHub. */
export function deregisterWebhookWithThirdParty(
  deps: CodePipelineDeps,
  input: HandlerInput<DeregisterWebhookWithThirdPartyInput>,
  ctx: RequestContext,
): HandlerOutput<DeregisterWebhookWithThirdPartyOutput> {
  setRegistered(deps, ctx, input.webhookName, false);
  return {};
}
