import type {
  CreateCustomActionTypeInput,
  CreateCustomActionTypeOutput,
  DeleteCustomActionTypeInput,
  UpdateActionTypeInput,
} from '@aws-sdk/client-codepipeline';
import { ActionOwner, actionTypeKey, findActionType, type ActionCategory, type ActionTypeDefinition } from '../../model/index.js';
import { formatArn } from '../../shared/index.js';
import type { HandlerInput, HandlerOutput, NoOutput, RequestContext } from '../protocol/index.js';
import { assertUserTags } from './declaration-checks.js';
import { limits, type CodePipelineDeps } from './deps.js';
import * as errors from './errors.js';
import { callJobs } from './job-errors.js';

/** A custom action type's ARN: `arn:aws:codepipeline:<region>:<account>:actiontype:Custom/<Category>/<Provider>/<Version>`. */
export function actionTypeArn(ctx: RequestContext, t: ActionTypeDefinition): string {
  return formatArn({ service: 'codepipeline', region: ctx.region, account: ctx.account, resource: `actiontype:Custom/${t.id.category}/${t.id.provider}/${t.id.version}` });
}

/** CreateCustomActionType: a new action type of owner Custom that job workers run, with its tags. */
export function createCustomActionType(deps: CodePipelineDeps, input: HandlerInput<CreateCustomActionTypeInput>, ctx: RequestContext): HandlerOutput<CreateCustomActionTypeOutput> {
  const type: ActionTypeDefinition = {
    id: { category: input.category as ActionCategory, owner: 'Custom', provider: input.provider, version: input.version },
    ...(input.settings && Object.keys(input.settings).length ? { settings: { ...input.settings } } : {}),
    actionConfigurationProperties: (input.configurationProperties ?? []).map((p) => ({ ...p })),
    inputArtifactDetails: { ...input.inputArtifactDetails },
    outputArtifactDetails: { ...input.outputArtifactDetails },
  };
  const tags = input.tags ?? [];
  assertUserTags(tags);
  if (tags.length > limits.tagsPerResource) throw new errors.TooManyTagsException(`The number of tags cannot exceed ${limits.tagsPerResource}`); // wording inferred
  callJobs(() => deps.jobs.types.create(ctx, type));
  if (tags.length) deps.tags.put(actionTypeArn(ctx, type), tags, limits.tagsPerResource);
  return { actionType: type, ...(tags.length ? { tags } : {}) };
}

/** DeleteCustomActionType: the type can no longer be used, and its version never again. */
export function deleteCustomActionType(deps: CodePipelineDeps, input: HandlerInput<DeleteCustomActionTypeInput>, ctx: RequestContext): NoOutput {
  const id = { category: input.category as ActionCategory, owner: 'Custom' as const, provider: input.provider, version: input.version };
  const existing = deps.jobs.types.find(ctx, id);
  deps.jobs.types.delete(ctx, id);
  if (existing) deps.tags.removeAll(actionTypeArn(ctx, existing.type));
  return {};
}

/** UpdateActionType: only a type's owner may change it, and an account owns no AWS or ThirdParty type here. */
export function updateActionType(input: HandlerInput<UpdateActionTypeInput>): NoOutput {
  const { id } = input.actionType;
  const owner = Object.values(ActionOwner).find((o) => o === id.owner);
  if (owner && findActionType({ ...id, owner, category: id.category as ActionCategory })) {
    throw new errors.RequestFailedException(`The action type ${id.category}/${id.owner}/${id.provider}/${id.version} is not owned by this account and cannot be updated`); // wording inferred
  }
  throw new errors.ActionTypeNotFoundException(`ActionType (Category: '${id.category}', Provider: '${id.provider}', Owner: '${id.owner}', Version: '${id.version}') is not available`); // wording inferred
}

/** The non-AWS types ListActionTypes shows a caller: the emulator's own (test) types and the account's custom types. */
export function customTypesOf(deps: CodePipelineDeps, ctx: RequestContext): ActionTypeDefinition[] {
  const ofAccounts = new Set(deps.jobs.types.list().map((t) => actionTypeKey(t.id)));
  return [...deps.customActionTypes().filter((t) => !ofAccounts.has(actionTypeKey(t.id))), ...deps.jobs.types.list(ctx)];
}
