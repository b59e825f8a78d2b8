import type { ActionCategory, ActionOwner } from './enums.js';
import type { ActionTypeId } from './pipeline-declaration.js';
import { builtInActionTypeData } from './built-in-action-types.js';

/** One configuration key of an action type, as ListActionTypes returns it (`ActionConfigurationProperty`). */
export interface ActionConfigurationProperty {
  name: string;
  required: boolean;
  key: boolean;
  secret: boolean;
  queryable?: boolean;
  description?: string;
  type?: 'String' | 'Number' | 'Boolean';
}

/** How many artifacts an action of a type consumes or produces (`ArtifactDetails`). */
export interface ArtifactDetails {
  minimumCount: number;
  maximumCount: number;
}

/** Console URL templates of an action type (`ActionTypeSettings`). */
export interface ActionTypeSettings {
  thirdPartyConfigurationUrl?: string;
  entityUrlTemplate?: string;
  executionUrlTemplate?: string;
  revisionUrlTemplate?: string;
}

/** An action type as ListActionTypes returns it (the SDK's `ActionType`). */
export interface ActionTypeDefinition {
  id: ActionTypeId;
  settings?: ActionTypeSettings;
  actionConfigurationProperties: ActionConfigurationProperty[];
  inputArtifactDetails: ArtifactDetails;
  outputArtifactDetails: ArtifactDetails;
}

/** One configuration key as GetActionType returns it (`ActionTypeProperty`). */
export interface ActionTypeProperty {
  name: string;
  optional: boolean;
  key: boolean;
  noEcho: boolean;
  queryable?: boolean;
  description?: string;
}

/** Console URLs as GetActionType returns them (`ActionTypeUrls`). */
export interface ActionTypeUrls {
  configurationUrl?: string;
  entityUrlTemplate?: string;
  executionUrlTemplate?: string;
  revisionUrlTemplate?: string;
}

/** An action type as GetActionType returns it (`ActionTypeDeclaration`). */
export interface ActionTypeDeclaration {
  description?: string;
  executor: {
    configuration: { jobWorkerExecutorConfiguration?: { pollingAccounts?: string[]; pollingServicePrincipals?: string[] } };
    type: 'JobWorker' | 'Lambda';
  };
  id: { category: ActionCategory; owner: ActionOwner; provider: string; version: string };
  inputArtifactDetails: ArtifactDetails;
  outputArtifactDetails: ArtifactDetails;
  permissions?: { allowedAccounts: string[] };
  properties?: ActionTypeProperty[];
  urls?: ActionTypeUrls;
}

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
