import { documented } from './file-errors.js';

// The exceptions of the repository trigger operations, with the CodeCommit API reference's descriptions as default messages.

/** CodeCommit's RepositoryTriggersListRequiredException. */
export const RepositoryTriggersListRequiredException = documented('RepositoryTriggersListRequiredException', 'The list of triggers for the repository is required, but was not specified.');
/** CodeCommit's MaximumRepositoryTriggersExceededException. */
export const MaximumRepositoryTriggersExceededException = documented('MaximumRepositoryTriggersExceededException', 'The number of triggers allowed for the repository was exceeded.');
/** CodeCommit's InvalidRepositoryTriggerNameException. */
export const InvalidRepositoryTriggerNameException = documented('InvalidRepositoryTriggerNameException', 'The name of the trigger is not valid.');
/** CodeCommit's RepositoryTriggerNameRequiredException. */
export const RepositoryTriggerNameRequiredException = documented('RepositoryTriggerNameRequiredException', 'A name for the trigger is required, but was not specified.');
/** CodeCommit's InvalidRepositoryTriggerDestinationArnException. */
export const InvalidRepositoryTriggerDestinationArnException = documented('InvalidRepositoryTriggerDestinationArnException', 'The Amazon Resource Name (ARN) for the trigger is not valid for the specified destination. The most common reason for this error is that the ARN does not meet the requirements for the service type.');
/** CodeCommit's RepositoryTriggerDestinationArnRequiredException. */
export const RepositoryTriggerDestinationArnRequiredException = documented('RepositoryTriggerDestinationArnRequiredException', 'A destination ARN for the target service for the trigger is required, but was not specified.');
/** CodeCommit's InvalidRepositoryTriggerRegionException. */
export const InvalidRepositoryTriggerRegionException = documented('InvalidRepositoryTriggerRegionException', 'The Amazon Web Services Region for the trigger target does not match the Amazon Web Services Region for the repository. Triggers must be created in the same Amazon Web Services Region as the target for the trigger.');
/** CodeCommit's InvalidRepositoryTriggerCustomDataException. */
export const InvalidRepositoryTriggerCustomDataException = documented('InvalidRepositoryTriggerCustomDataException', 'The custom data provided for the trigger is not valid.');
/** CodeCommit's MaximumBranchesExceededException. */
export const MaximumBranchesExceededException = documented('MaximumBranchesExceededException', 'The number of branches for the trigger was exceeded.');
/** CodeCommit's InvalidRepositoryTriggerBranchNameException. */
export const InvalidRepositoryTriggerBranchNameException = documented('InvalidRepositoryTriggerBranchNameException', 'One or more branch names specified for the trigger is not valid.');
/** CodeCommit's InvalidRepositoryTriggerEventsException. */
export const InvalidRepositoryTriggerEventsException = documented('InvalidRepositoryTriggerEventsException', 'One or more events specified for the trigger is not valid. Check to make sure that all events specified match the requirements for allowed events.');
/** CodeCommit's RepositoryTriggerEventsListRequiredException. */
export const RepositoryTriggerEventsListRequiredException = documented('RepositoryTriggerEventsListRequiredException', 'At least one event for the trigger is required, but was not specified.');
