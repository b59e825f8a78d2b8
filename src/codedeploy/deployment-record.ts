import type { DeploymentConfigRecord, DeploymentGroupRecord, DeploymentRecord, DeploymentTargetRecord, RevisionLocation, Scope } from '../store/index.js';
import type { CreateDeploymentRequest } from './deployment-request.js';
import { pendingEvents } from './deployment-run.js';
import type { DeployableInstance } from './instance-directory.js';
import type { ResolvedRevision } from './revision-location.js';

/** How a deployment is made beyond what CreateDeployment's input says. */
export interface CreateOptions {
  /** DeploymentCreator: `user` unless the deployment is a rollback. */
  creator?: string;
  /** A revision already found (the pipeline's artifact, a rollback's last good bundle) instead of the request's. */
  resolved?: ResolvedRevision;
  rollbackInfo?: DeploymentRecord['rollbackInfo'];
}

/** The record of a new deployment: CreateDeployment's input with AWS's defaults, in status Created. */
export function newDeploymentRecord(p: {
  scope: Scope;
  deploymentId: string;
  group: DeploymentGroupRecord;
  config: DeploymentConfigRecord;
  request: CreateDeploymentRequest;
  options: CreateOptions;
  revision: RevisionLocation;
  previousRevision: RevisionLocation | undefined;
  bundlePath: string;
  nowMs: number;
}): DeploymentRecord {
  const { request, group } = p;
  return {
    deploymentId: p.deploymentId,
    account: p.scope.account,
    region: p.scope.region,
    applicationName: group.applicationName,
    deploymentGroupName: group.deploymentGroupName,
    deploymentGroupId: group.deploymentGroupId,
    deploymentConfigName: p.config.deploymentConfigName,
    status: 'Created',
    createMs: p.nowMs,
    ...optional('description', request.description),
    creator: p.options.creator ?? 'user',
    revision: p.revision,
    ...optional('previousRevision', p.previousRevision),
    ignoreApplicationStopFailures: request.ignoreApplicationStopFailures ?? false,
    ...optional('autoRollbackConfiguration', request.autoRollbackConfiguration ?? group.autoRollbackConfiguration),
    updateOutdatedInstancesOnly: request.updateOutdatedInstancesOnly ?? false,
    ...optional('rollbackInfo', p.options.rollbackInfo),
    fileExistsBehavior: request.fileExistsBehavior ?? 'DISALLOW',
    ...optional('targetInstances', request.targetInstances),
    bundlePath: p.bundlePath,
  };
}

/** A new in-place deployment's target: an instance with its events Pending. */
export function newTarget(deploymentId: string, instance: DeployableInstance, nowMs: number): DeploymentTargetRecord {
  return { deploymentId, targetId: instance.instanceName, targetArn: instance.instanceArn, status: 'Pending', lastUpdatedMs: nowMs, lifecycleEvents: pendingEvents() };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
