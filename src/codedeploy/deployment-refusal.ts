/** The ways a deployment request can be refused; api/ maps each to CodeDeploy's exception of the same stem in one place. */
export type DeploymentRefusalCode =
  | 'ApplicationDoesNotExist'
  | 'DeploymentGroupNameRequired'
  | 'DeploymentGroupDoesNotExist'
  | 'DeploymentConfigDoesNotExist'
  | 'DeploymentLimitExceeded'
  | 'RevisionRequired'
  | 'RevisionDoesNotExist'
  | 'InvalidRevision'
  | 'InvalidAutoRollbackConfig'
  | 'DeploymentDoesNotExist'
  | 'DeploymentAlreadyCompleted'
  | 'InvalidDeploymentId'
  | 'LifecycleEventAlreadyCompleted'
  | 'InvalidLifecycleEventHookExecutionId'
  | 'UnsupportedActionForDeploymentType'
  | 'InvalidDeploymentConfigName';

/** A refused deployment request: a domain error with a code and a message for the user. */
export class DeploymentRefusal extends Error {
  constructor(
    readonly code: DeploymentRefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'DeploymentRefusal';
  }
}
