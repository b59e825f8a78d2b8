import type { DeploymentRecord } from '../store/index.js';

/** The creator AWS gives the deployments it makes to roll back a failed or stopped one. */
export const ROLLBACK_CREATOR = 'codeDeployRollback';

/**
 * Whether an ended deployment is to be rolled back automatically: a failure with DEPLOYMENT_FAILURE enabled,
 * or a StopDeployment that asked for it (or, without asking either way, DEPLOYMENT_STOP_ON_REQUEST enabled).
 * Rollback deployments themselves are never rolled back.
 */
export function wantsRollback(deployment: DeploymentRecord): boolean {
  if (deployment.creator === ROLLBACK_CREATOR) return false;
  const config = deployment.autoRollbackConfiguration;
  const enabledFor = (event: string) => config?.enabled === true && (config.events ?? []).includes(event);
  if (deployment.status === 'Failed') return enabledFor('DEPLOYMENT_FAILURE');
  if (deployment.status !== 'Stopped' || !deployment.stopRequest) return false;
  return deployment.stopRequest.autoRollbackEnabled;
}

// The rollbackMessage wordings below are inferred: AWS's exact texts are not documented.

/** The rollbackMessage of a deployment that could not be rolled back. */
export function noRollbackMessage(reason: string): string {
  return `Automatic rollback was not performed: ${reason}`;
}

/** The rollbackInfo of the deployment that triggered a rollback. */
export function triggeringRollbackInfo(rollbackDeploymentId: string, lastGood: DeploymentRecord): DeploymentRecord['rollbackInfo'] {
  return {
    rollbackDeploymentId,
    rollbackMessage: `Automatic rollback: deployment ${rollbackDeploymentId} redeploys the revision of the last successful deployment ${lastGood.deploymentId}.`,
  };
}

/** The rollbackInfo of a rollback deployment. */
export function rollbackDeploymentInfo(triggering: DeploymentRecord, lastGood: DeploymentRecord): DeploymentRecord['rollbackInfo'] {
  return {
    rollbackTriggeringDeploymentId: triggering.deploymentId,
    rollbackMessage: `Rollback of deployment ${triggering.deploymentId}: redeploys the revision of the last successful deployment ${lastGood.deploymentId}.`,
  };
}
