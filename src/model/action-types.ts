import type { ActionTypeId } from './pipeline-declaration.js';
import type { ActionConfigurationProperty, ActionTypeDeclaration, ActionTypeDefinition, ActionTypeProperty, ActionTypeSettings, ActionTypeUrls } from './action-type-shapes.js';
import { builtInActionTypeData } from './built-in-action-types.js';

// The shapes live in their own file so the built-in catalog can name them without importing this module.
export type * from './action-type-shapes.js';

/** The catalog of AWS-owned (and the legacy ThirdParty GitHub) action types every account sees. */
export const builtInActionTypes: readonly ActionTypeDefinition[] = builtInActionTypeData;

/** Returns the lookup key of an action type id: `Category/Owner/Provider/Version`. */
export function actionTypeKey(id: ActionTypeId): string {
  return `${id.category}/${id.owner}/${id.provider}/${id.version}`;
}

const byKey = new Map(builtInActionTypes.map((t) => [actionTypeKey(t.id), t]));

/** Finds an action type by id among the built-ins, then among `extra` (e.g. the account's custom types). */
export function findActionType(
  id: ActionTypeId,
  extra: readonly ActionTypeDefinition[] = [],
): ActionTypeDefinition | undefined {
  const key = actionTypeKey(id);
  return byKey.get(key) ?? extra.find((t) => actionTypeKey(t.id) === key);
}

// The docs mark these providers "only available for V2 type pipelines".
const v2OnlyKeys = new Set(['Build/AWS/ECRBuildAndPublish/1', 'Compute/AWS/Commands/1', 'Deploy/AWS/Lambda/1']);

/** Tells whether an action type may only be used in V2 pipelines. */
export function isV2OnlyActionType(id: ActionTypeId): boolean {
  return v2OnlyKeys.has(actionTypeKey(id));
}

function toUrls(settings: ActionTypeSettings | undefined): ActionTypeUrls | undefined {
  if (!settings) return undefined;
  const urls: ActionTypeUrls = {};
  if (settings.thirdPartyConfigurationUrl) urls.configurationUrl = settings.thirdPartyConfigurationUrl;
  if (settings.entityUrlTemplate) urls.entityUrlTemplate = settings.entityUrlTemplate;
  if (settings.executionUrlTemplate) urls.executionUrlTemplate = settings.executionUrlTemplate;
  if (settings.revisionUrlTemplate) urls.revisionUrlTemplate = settings.revisionUrlTemplate;
  return Object.keys(urls).length > 0 ? urls : undefined;
}

function toProperty(p: ActionConfigurationProperty): ActionTypeProperty {
  const out: ActionTypeProperty = { name: p.name, optional: !p.required, key: p.key, noEcho: p.secret };
  if (p.queryable !== undefined) out.queryable = p.queryable;
  if (p.description !== undefined) out.description = p.description;
  return out;
}

/** Converts a ListActionTypes entry into the GetActionType shape (a job-worker executor, as built-ins are). */
export function toActionTypeDeclaration(def: ActionTypeDefinition): ActionTypeDeclaration {
  const out: ActionTypeDeclaration = {
    executor: { configuration: { jobWorkerExecutorConfiguration: {} }, type: 'JobWorker' },
    id: { ...def.id },
    inputArtifactDetails: { ...def.inputArtifactDetails },
    outputArtifactDetails: { ...def.outputArtifactDetails },
    properties: def.actionConfigurationProperties.map(toProperty),
  };
  const urls = toUrls(def.settings);
  if (urls) out.urls = urls;
  return out;
}
