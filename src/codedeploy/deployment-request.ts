import { randomBytes } from 'node:crypto';
import type { AutoRollbackConfiguration, CodeDeployStore, DeploymentConfigRecord, DeploymentGroupRecord, RevisionLocation, Scope } from '../store/index.js';
import { DEFAULT_DEPLOYMENT_CONFIG, findBuiltInConfig } from './deployment-configs.js';
import { DeploymentRefusal } from './deployment-refusal.js';

/** CreateDeployment's input members that an in-place deployment uses. */
export interface CreateDeploymentRequest {
  applicationName: string;
  deploymentGroupName?: string;
  revision?: RevisionLocation;
  deploymentConfigName?: string;
  description?: string;
  ignoreApplicationStopFailures?: boolean;
  autoRollbackConfiguration?: AutoRollbackConfiguration;
  updateOutdatedInstancesOnly?: boolean;
  fileExistsBehavior?: 'DISALLOW' | 'OVERWRITE' | 'RETAIN';
  targetInstances?: Record<string, unknown>;
}

/** The automatic rollback events CodeDeploy knows. */
const AUTO_ROLLBACK_EVENTS = ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM', 'DEPLOYMENT_STOP_ON_REQUEST'] as const;

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A new deployment id: `d-` and nine upper-case alphanumerics, as AWS makes them. */
export function newDeploymentId(): string {
  return `d-${[...randomBytes(9)].map((b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('')}`;
}

/** Whether a string has the form of a deployment id. */
export function isDeploymentId(id: string): boolean {
  return /^d-[A-Z0-9]{9}$/.test(id);
}

/** Finds a deployment config by name: a predefined one or a custom one of the scope. */
export function lookupConfig(store: CodeDeployStore, scope: Scope, name: string): DeploymentConfigRecord | undefined {
  return findBuiltInConfig(name) ?? store.getDeploymentConfig(scope, name);
}

/** Why an autoRollbackConfiguration is refused (InvalidAutoRollbackConfigException), or undefined. */
export function autoRollbackProblem(config: AutoRollbackConfiguration | undefined): string | undefined {
  if (!config?.enabled) return undefined;
  const events = config.events ?? [];
  if (events.length > 0 && events.every((e) => (AUTO_ROLLBACK_EVENTS as readonly string[]).includes(e))) return undefined;
  // AWS's documented description of the exception.
  return 'The automatic rollback configuration was specified in an invalid format. For example, automatic rollback is enabled, but an invalid triggering event type or no event types were listed.';
}

/** The application, group and config a CreateDeployment names, or the refusal AWS answers. */
export interface DeploymentTargets {
  group: DeploymentGroupRecord;
  config: DeploymentConfigRecord;
}

/** Checks the application, deployment group, config and rollback settings of a request, as CreateDeployment does. */
export function checkRequest(store: CodeDeployStore, scope: Scope, request: CreateDeploymentRequest): DeploymentTargets {
  if (!store.getApplication(scope, request.applicationName)) {
    throw new DeploymentRefusal('ApplicationDoesNotExist', `No application found for name: ${request.applicationName}`);
  }
  if (!request.deploymentGroupName) throw new DeploymentRefusal('DeploymentGroupNameRequired', 'The deployment group name was not specified.');
  const group = store.getDeploymentGroup(scope, request.applicationName, request.deploymentGroupName);
  if (!group) throw new DeploymentRefusal('DeploymentGroupDoesNotExist', `No Deployment Group found for name: ${request.deploymentGroupName}`);
  const configName = request.deploymentConfigName ?? group.deploymentConfigName ?? DEFAULT_DEPLOYMENT_CONFIG;
  const config = lookupConfig(store, scope, configName);
  if (!config) throw new DeploymentRefusal('DeploymentConfigDoesNotExist', `No deployment configuration found for name: ${configName}`); // wording inferred
  if (config.computePlatform !== group.computePlatform) {
    throw new DeploymentRefusal('InvalidDeploymentConfigName', `The deployment configuration ${configName} is for the ${config.computePlatform} compute platform, not ${group.computePlatform}.`); // wording inferred
  }
  const rollbackProblem = autoRollbackProblem(request.autoRollbackConfiguration);
  if (rollbackProblem) throw new DeploymentRefusal('InvalidAutoRollbackConfig', rollbackProblem);
  return { group, config };
}
