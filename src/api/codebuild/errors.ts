import { defineWireError } from '../protocol/index.js';

// One class per CodeBuild exception of the service model that these operations raise; all are client faults (HTTP 400).

/** CodeBuild's AccountLimitExceededException. */
export const AccountLimitExceededException = defineWireError('AccountLimitExceededException');
/** CodeBuild's InvalidInputException. */
export const InvalidInputException = defineWireError('InvalidInputException');
/** CodeBuild's ResourceAlreadyExistsException. */
export const ResourceAlreadyExistsException = defineWireError('ResourceAlreadyExistsException');
/** CodeBuild's ResourceNotFoundException. */
export const ResourceNotFoundException = defineWireError('ResourceNotFoundException');
/** CodeBuild's AccountSuspendedException: StartSandbox's model lists it; an emulated account is never suspended, so it is never raised. */
export const AccountSuspendedException = defineWireError('AccountSuspendedException');
/** CodeBuild's OAuthProviderException: the webhook operations' model lists it for GitHub's OAuth; no OAuth provider is called here, so it is never raised. */
export const OAuthProviderException = defineWireError('OAuthProviderException');
