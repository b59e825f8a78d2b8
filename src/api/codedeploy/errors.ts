import { defineWireError } from '../protocol/index.js';

// One class per CodeDeploy exception that the service model declares; all are client faults (HTTP 400).

/** CodeDeploy's AlarmsLimitExceededException. */
export const AlarmsLimitExceededException = defineWireError('AlarmsLimitExceededException');
/** CodeDeploy's ApplicationAlreadyExistsException. */
export const ApplicationAlreadyExistsException = defineWireError('ApplicationAlreadyExistsException');
/** CodeDeploy's ApplicationDoesNotExistException. */
export const ApplicationDoesNotExistException = defineWireError('ApplicationDoesNotExistException');
/** CodeDeploy's ApplicationLimitExceededException. */
export const ApplicationLimitExceededException = defineWireError('ApplicationLimitExceededException');
/** CodeDeploy's ApplicationNameRequiredException. */
export const ApplicationNameRequiredException = defineWireError('ApplicationNameRequiredException');
/** CodeDeploy's ArnNotSupportedException. */
export const ArnNotSupportedException = defineWireError('ArnNotSupportedException');
/** CodeDeploy's BatchLimitExceededException. */
export const BatchLimitExceededException = defineWireError('BatchLimitExceededException');
/** CodeDeploy's BucketNameFilterRequiredException. */
export const BucketNameFilterRequiredException = defineWireError('BucketNameFilterRequiredException');
/** CodeDeploy's DeploymentAlreadyCompletedException. */
export const DeploymentAlreadyCompletedException = defineWireError('DeploymentAlreadyCompletedException');
/** CodeDeploy's DeploymentAlreadyStartedException. */
export const DeploymentAlreadyStartedException = defineWireError('DeploymentAlreadyStartedException');
/** CodeDeploy's DeploymentConfigAlreadyExistsException. */
export const DeploymentConfigAlreadyExistsException = defineWireError('DeploymentConfigAlreadyExistsException');
/** CodeDeploy's DeploymentConfigDoesNotExistException. */
export const DeploymentConfigDoesNotExistException = defineWireError('DeploymentConfigDoesNotExistException');
/** CodeDeploy's DeploymentConfigInUseException. */
export const DeploymentConfigInUseException = defineWireError('DeploymentConfigInUseException');
/** CodeDeploy's DeploymentConfigLimitExceededException. */
export const DeploymentConfigLimitExceededException = defineWireError('DeploymentConfigLimitExceededException');
/** CodeDeploy's DeploymentConfigNameRequiredException. */
export const DeploymentConfigNameRequiredException = defineWireError('DeploymentConfigNameRequiredException');
/** CodeDeploy's DeploymentDoesNotExistException. */
export const DeploymentDoesNotExistException = defineWireError('DeploymentDoesNotExistException');
/** CodeDeploy's DeploymentGroupAlreadyExistsException. */
export const DeploymentGroupAlreadyExistsException = defineWireError('DeploymentGroupAlreadyExistsException');
/** CodeDeploy's DeploymentGroupDoesNotExistException. */
export const DeploymentGroupDoesNotExistException = defineWireError('DeploymentGroupDoesNotExistException');
/** CodeDeploy's DeploymentGroupLimitExceededException. */
export const DeploymentGroupLimitExceededException = defineWireError('DeploymentGroupLimitExceededException');
/** CodeDeploy's DeploymentGroupNameRequiredException. */
export const DeploymentGroupNameRequiredException = defineWireError('DeploymentGroupNameRequiredException');
/** CodeDeploy's DeploymentIdRequiredException. */
export const DeploymentIdRequiredException = defineWireError('DeploymentIdRequiredException');
/** CodeDeploy's DeploymentIsNotInReadyStateException. */
export const DeploymentIsNotInReadyStateException = defineWireError('DeploymentIsNotInReadyStateException');
/** CodeDeploy's DeploymentLimitExceededException. */
export const DeploymentLimitExceededException = defineWireError('DeploymentLimitExceededException');
/** CodeDeploy's DeploymentNotStartedException. */
export const DeploymentNotStartedException = defineWireError('DeploymentNotStartedException');
/** CodeDeploy's DeploymentTargetDoesNotExistException. */
export const DeploymentTargetDoesNotExistException = defineWireError('DeploymentTargetDoesNotExistException');
/** CodeDeploy's DeploymentTargetIdRequiredException. */
export const DeploymentTargetIdRequiredException = defineWireError('DeploymentTargetIdRequiredException');
/** CodeDeploy's DeploymentTargetListSizeExceededException. */
export const DeploymentTargetListSizeExceededException = defineWireError('DeploymentTargetListSizeExceededException');
/** CodeDeploy's DescriptionTooLongException. */
export const DescriptionTooLongException = defineWireError('DescriptionTooLongException');
/** CodeDeploy's ECSServiceMappingLimitExceededException. */
export const ECSServiceMappingLimitExceededException = defineWireError('ECSServiceMappingLimitExceededException');
/** CodeDeploy's GitHubAccountTokenDoesNotExistException. */
export const GitHubAccountTokenDoesNotExistException = defineWireError('GitHubAccountTokenDoesNotExistException');
/** CodeDeploy's GitHubAccountTokenNameRequiredException. */
export const GitHubAccountTokenNameRequiredException = defineWireError('GitHubAccountTokenNameRequiredException');
/** CodeDeploy's IamArnRequiredException. */
export const IamArnRequiredException = defineWireError('IamArnRequiredException');
/** CodeDeploy's IamSessionArnAlreadyRegisteredException. */
export const IamSessionArnAlreadyRegisteredException = defineWireError('IamSessionArnAlreadyRegisteredException');
/** CodeDeploy's IamUserArnAlreadyRegisteredException. */
export const IamUserArnAlreadyRegisteredException = defineWireError('IamUserArnAlreadyRegisteredException');
/** CodeDeploy's IamUserArnRequiredException. */
export const IamUserArnRequiredException = defineWireError('IamUserArnRequiredException');
/** CodeDeploy's InstanceDoesNotExistException. */
export const InstanceDoesNotExistException = defineWireError('InstanceDoesNotExistException');
/** CodeDeploy's InstanceIdRequiredException. */
export const InstanceIdRequiredException = defineWireError('InstanceIdRequiredException');
/** CodeDeploy's InstanceLimitExceededException. */
export const InstanceLimitExceededException = defineWireError('InstanceLimitExceededException');
/** CodeDeploy's InstanceNameAlreadyRegisteredException. */
export const InstanceNameAlreadyRegisteredException = defineWireError('InstanceNameAlreadyRegisteredException');
/** CodeDeploy's InstanceNameRequiredException. */
export const InstanceNameRequiredException = defineWireError('InstanceNameRequiredException');
/** CodeDeploy's InstanceNotRegisteredException. */
export const InstanceNotRegisteredException = defineWireError('InstanceNotRegisteredException');
/** CodeDeploy's InvalidAlarmConfigException. */
export const InvalidAlarmConfigException = defineWireError('InvalidAlarmConfigException');
/** CodeDeploy's InvalidApplicationNameException. */
export const InvalidApplicationNameException = defineWireError('InvalidApplicationNameException');
/** CodeDeploy's InvalidArnException. */
export const InvalidArnException = defineWireError('InvalidArnException');
/** CodeDeploy's InvalidAutoRollbackConfigException. */
export const InvalidAutoRollbackConfigException = defineWireError('InvalidAutoRollbackConfigException');
/** CodeDeploy's InvalidAutoScalingGroupException. */
export const InvalidAutoScalingGroupException = defineWireError('InvalidAutoScalingGroupException');
/** CodeDeploy's InvalidBlueGreenDeploymentConfigurationException. */
export const InvalidBlueGreenDeploymentConfigurationException = defineWireError('InvalidBlueGreenDeploymentConfigurationException');
/** CodeDeploy's InvalidBucketNameFilterException. */
export const InvalidBucketNameFilterException = defineWireError('InvalidBucketNameFilterException');
/** CodeDeploy's InvalidComputePlatformException. */
export const InvalidComputePlatformException = defineWireError('InvalidComputePlatformException');
/** CodeDeploy's InvalidDeployedStateFilterException. */
export const InvalidDeployedStateFilterException = defineWireError('InvalidDeployedStateFilterException');
/** CodeDeploy's InvalidDeploymentConfigNameException. */
export const InvalidDeploymentConfigNameException = defineWireError('InvalidDeploymentConfigNameException');
/** CodeDeploy's InvalidDeploymentGroupNameException. */
export const InvalidDeploymentGroupNameException = defineWireError('InvalidDeploymentGroupNameException');
/** CodeDeploy's InvalidDeploymentIdException. */
export const InvalidDeploymentIdException = defineWireError('InvalidDeploymentIdException');
/** CodeDeploy's InvalidDeploymentInstanceTypeException. */
export const InvalidDeploymentInstanceTypeException = defineWireError('InvalidDeploymentInstanceTypeException');
/** CodeDeploy's InvalidDeploymentStatusException. */
export const InvalidDeploymentStatusException = defineWireError('InvalidDeploymentStatusException');
/** CodeDeploy's InvalidDeploymentStyleException. */
export const InvalidDeploymentStyleException = defineWireError('InvalidDeploymentStyleException');
/** CodeDeploy's InvalidDeploymentTargetIdException. */
export const InvalidDeploymentTargetIdException = defineWireError('InvalidDeploymentTargetIdException');
/** CodeDeploy's InvalidDeploymentWaitTypeException. */
export const InvalidDeploymentWaitTypeException = defineWireError('InvalidDeploymentWaitTypeException');
/** CodeDeploy's InvalidEC2TagCombinationException. */
export const InvalidEC2TagCombinationException = defineWireError('InvalidEC2TagCombinationException');
/** CodeDeploy's InvalidEC2TagException. */
export const InvalidEC2TagException = defineWireError('InvalidEC2TagException');
/** CodeDeploy's InvalidECSServiceException. */
export const InvalidECSServiceException = defineWireError('InvalidECSServiceException');
/** CodeDeploy's InvalidExternalIdException. */
export const InvalidExternalIdException = defineWireError('InvalidExternalIdException');
/** CodeDeploy's InvalidFileExistsBehaviorException. */
export const InvalidFileExistsBehaviorException = defineWireError('InvalidFileExistsBehaviorException');
/** CodeDeploy's InvalidGitHubAccountTokenException. */
export const InvalidGitHubAccountTokenException = defineWireError('InvalidGitHubAccountTokenException');
/** CodeDeploy's InvalidGitHubAccountTokenNameException. */
export const InvalidGitHubAccountTokenNameException = defineWireError('InvalidGitHubAccountTokenNameException');
/** CodeDeploy's InvalidIamSessionArnException. */
export const InvalidIamSessionArnException = defineWireError('InvalidIamSessionArnException');
/** CodeDeploy's InvalidIamUserArnException. */
export const InvalidIamUserArnException = defineWireError('InvalidIamUserArnException');
/** CodeDeploy's InvalidIgnoreApplicationStopFailuresValueException. */
export const InvalidIgnoreApplicationStopFailuresValueException = defineWireError('InvalidIgnoreApplicationStopFailuresValueException');
/** CodeDeploy's InvalidInputException. */
export const InvalidInputException = defineWireError('InvalidInputException');
/** CodeDeploy's InvalidInstanceIdException. */
export const InvalidInstanceIdException = defineWireError('InvalidInstanceIdException');
/** CodeDeploy's InvalidInstanceNameException. */
export const InvalidInstanceNameException = defineWireError('InvalidInstanceNameException');
/** CodeDeploy's InvalidInstanceStatusException. */
export const InvalidInstanceStatusException = defineWireError('InvalidInstanceStatusException');
/** CodeDeploy's InvalidInstanceTypeException. */
export const InvalidInstanceTypeException = defineWireError('InvalidInstanceTypeException');
/** CodeDeploy's InvalidKeyPrefixFilterException. */
export const InvalidKeyPrefixFilterException = defineWireError('InvalidKeyPrefixFilterException');
/** CodeDeploy's InvalidLifecycleEventHookExecutionIdException. */
export const InvalidLifecycleEventHookExecutionIdException = defineWireError('InvalidLifecycleEventHookExecutionIdException');
/** CodeDeploy's InvalidLifecycleEventHookExecutionStatusException. */
export const InvalidLifecycleEventHookExecutionStatusException = defineWireError('InvalidLifecycleEventHookExecutionStatusException');
/** CodeDeploy's InvalidLoadBalancerInfoException. */
export const InvalidLoadBalancerInfoException = defineWireError('InvalidLoadBalancerInfoException');
/** CodeDeploy's InvalidMinimumHealthyHostValueException. */
export const InvalidMinimumHealthyHostValueException = defineWireError('InvalidMinimumHealthyHostValueException');
/** CodeDeploy's InvalidNextTokenException. */
export const InvalidNextTokenException = defineWireError('InvalidNextTokenException');
/** CodeDeploy's InvalidOnPremisesTagCombinationException. */
export const InvalidOnPremisesTagCombinationException = defineWireError('InvalidOnPremisesTagCombinationException');
/** CodeDeploy's InvalidOperationException. */
export const InvalidOperationException = defineWireError('InvalidOperationException');
/** CodeDeploy's InvalidRegistrationStatusException. */
export const InvalidRegistrationStatusException = defineWireError('InvalidRegistrationStatusException');
/** CodeDeploy's InvalidRevisionException. */
export const InvalidRevisionException = defineWireError('InvalidRevisionException');
/** CodeDeploy's InvalidRoleException. */
export const InvalidRoleException = defineWireError('InvalidRoleException');
/** CodeDeploy's InvalidSortByException. */
export const InvalidSortByException = defineWireError('InvalidSortByException');
/** CodeDeploy's InvalidSortOrderException. */
export const InvalidSortOrderException = defineWireError('InvalidSortOrderException');
/** CodeDeploy's InvalidTagException. */
export const InvalidTagException = defineWireError('InvalidTagException');
/** CodeDeploy's InvalidTagFilterException. */
export const InvalidTagFilterException = defineWireError('InvalidTagFilterException');
/** CodeDeploy's InvalidTagsToAddException. */
export const InvalidTagsToAddException = defineWireError('InvalidTagsToAddException');
/** CodeDeploy's InvalidTargetException. */
export const InvalidTargetException = defineWireError('InvalidTargetException');
/** CodeDeploy's InvalidTargetFilterNameException. */
export const InvalidTargetFilterNameException = defineWireError('InvalidTargetFilterNameException');
/** CodeDeploy's InvalidTargetGroupPairException. */
export const InvalidTargetGroupPairException = defineWireError('InvalidTargetGroupPairException');
/** CodeDeploy's InvalidTargetInstancesException. */
export const InvalidTargetInstancesException = defineWireError('InvalidTargetInstancesException');
/** CodeDeploy's InvalidTimeRangeException. */
export const InvalidTimeRangeException = defineWireError('InvalidTimeRangeException');
/** CodeDeploy's InvalidTrafficRoutingConfigurationException. */
export const InvalidTrafficRoutingConfigurationException = defineWireError('InvalidTrafficRoutingConfigurationException');
/** CodeDeploy's InvalidTriggerConfigException. */
export const InvalidTriggerConfigException = defineWireError('InvalidTriggerConfigException');
/** CodeDeploy's InvalidUpdateOutdatedInstancesOnlyValueException. */
export const InvalidUpdateOutdatedInstancesOnlyValueException = defineWireError('InvalidUpdateOutdatedInstancesOnlyValueException');
/** CodeDeploy's InvalidZonalDeploymentConfigurationException. */
export const InvalidZonalDeploymentConfigurationException = defineWireError('InvalidZonalDeploymentConfigurationException');
/** CodeDeploy's LifecycleEventAlreadyCompletedException. */
export const LifecycleEventAlreadyCompletedException = defineWireError('LifecycleEventAlreadyCompletedException');
/** CodeDeploy's LifecycleHookLimitExceededException. */
export const LifecycleHookLimitExceededException = defineWireError('LifecycleHookLimitExceededException');
/** CodeDeploy's MultipleIamArnsProvidedException. */
export const MultipleIamArnsProvidedException = defineWireError('MultipleIamArnsProvidedException');
/** CodeDeploy's OperationNotSupportedException. */
export const OperationNotSupportedException = defineWireError('OperationNotSupportedException');
/** CodeDeploy's ResourceArnRequiredException. */
export const ResourceArnRequiredException = defineWireError('ResourceArnRequiredException');
/** CodeDeploy's ResourceValidationException. */
export const ResourceValidationException = defineWireError('ResourceValidationException');
/** CodeDeploy's RevisionDoesNotExistException. */
export const RevisionDoesNotExistException = defineWireError('RevisionDoesNotExistException');
/** CodeDeploy's RevisionRequiredException. */
export const RevisionRequiredException = defineWireError('RevisionRequiredException');
/** CodeDeploy's RoleRequiredException. */
export const RoleRequiredException = defineWireError('RoleRequiredException');
/** CodeDeploy's TagLimitExceededException. */
export const TagLimitExceededException = defineWireError('TagLimitExceededException');
/** CodeDeploy's TagRequiredException. */
export const TagRequiredException = defineWireError('TagRequiredException');
/** CodeDeploy's TagSetListLimitExceededException. */
export const TagSetListLimitExceededException = defineWireError('TagSetListLimitExceededException');
/** CodeDeploy's ThrottlingException. */
export const ThrottlingException = defineWireError('ThrottlingException');
/** CodeDeploy's TriggerTargetsLimitExceededException. */
export const TriggerTargetsLimitExceededException = defineWireError('TriggerTargetsLimitExceededException');
/** CodeDeploy's UnsupportedActionForDeploymentTypeException. */
export const UnsupportedActionForDeploymentTypeException = defineWireError('UnsupportedActionForDeploymentTypeException');
