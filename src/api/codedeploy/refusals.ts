import { DeploymentRefusal, type DeploymentRefusalCode } from '../../codedeploy/index.js';
import { mapRefusals, type WireErrorClass } from '../protocol/index.js';
import * as errors from './errors.js';

const WIRE: Record<DeploymentRefusalCode, WireErrorClass> = {
  ApplicationDoesNotExist: errors.ApplicationDoesNotExistException,
  DeploymentGroupNameRequired: errors.DeploymentGroupNameRequiredException,
  DeploymentGroupDoesNotExist: errors.DeploymentGroupDoesNotExistException,
  DeploymentConfigDoesNotExist: errors.DeploymentConfigDoesNotExistException,
  DeploymentLimitExceeded: errors.DeploymentLimitExceededException,
  RevisionRequired: errors.RevisionRequiredException,
  RevisionDoesNotExist: errors.RevisionDoesNotExistException,
  InvalidRevision: errors.InvalidRevisionException,
  InvalidAutoRollbackConfig: errors.InvalidAutoRollbackConfigException,
  DeploymentDoesNotExist: errors.DeploymentDoesNotExistException,
  DeploymentAlreadyCompleted: errors.DeploymentAlreadyCompletedException,
  InvalidDeploymentId: errors.InvalidDeploymentIdException,
  LifecycleEventAlreadyCompleted: errors.LifecycleEventAlreadyCompletedException,
  InvalidLifecycleEventHookExecutionId: errors.InvalidLifecycleEventHookExecutionIdException,
  UnsupportedActionForDeploymentType: errors.UnsupportedActionForDeploymentTypeException,
  InvalidDeploymentConfigName: errors.InvalidDeploymentConfigNameException,
};

/** Runs a deployment call and turns its domain refusals into CodeDeploy's wire errors: the one place they are mapped. */
export function callDeployments<T>(work: () => T): T {
  return mapRefusals(DeploymentRefusal, WIRE, work);
}

/** callDeployments for a deployment call that returns a promise. */
export async function callDeploymentsAsync<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    return callDeployments(() => {
      throw error;
    });
  }
}
