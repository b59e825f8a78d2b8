import type { ActionCategory, ActionOwner } from './enums.js';
import type { ActionTypeId } from './pipeline-declaration.js';

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
