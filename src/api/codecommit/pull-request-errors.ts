import { documented } from './file-errors.js';

// The exceptions of the pull request operations, with the CodeCommit API reference's descriptions as default messages.

/** CodeCommit's IdempotencyParameterMismatchException. */
export const IdempotencyParameterMismatchException = documented('IdempotencyParameterMismatchException', 'The client request token is not valid. Either the token is not in a valid format, or the token has been used in a previous request and cannot be reused.');
/** CodeCommit's ReferenceNameRequiredException. */
export const ReferenceNameRequiredException = documented('ReferenceNameRequiredException', 'A reference name is required, but none was provided.');
/** CodeCommit's InvalidReferenceNameException. */
export const InvalidReferenceNameException = documented('InvalidReferenceNameException', 'The specified reference name format is not valid. Reference names must conform to the Git references format (for example, refs/heads/main). For more information, see Git Internals - Git References or consult your Git documentation.');
/** CodeCommit's ReferenceDoesNotExistException. */
export const ReferenceDoesNotExistException = documented('ReferenceDoesNotExistException', 'The specified reference does not exist. You must provide a full commit ID.');
/** CodeCommit's ReferenceTypeNotSupportedException. */
export const ReferenceTypeNotSupportedException = documented('ReferenceTypeNotSupportedException', 'The specified reference is not a supported type.');
/** CodeCommit's TitleRequiredException. */
export const TitleRequiredException = documented('TitleRequiredException', 'A pull request title is required. It cannot be empty or null.');
/** CodeCommit's InvalidTitleException. */
export const InvalidTitleException = documented('InvalidTitleException', 'The title of the pull request is not valid. Pull request titles cannot exceed 100 characters in length.');
/** CodeCommit's InvalidDescriptionException. */
export const InvalidDescriptionException = documented('InvalidDescriptionException', 'The pull request description is not valid. Descriptions cannot be more than 1,000 characters.');
/** CodeCommit's TargetsRequiredException. */
export const TargetsRequiredException = documented('TargetsRequiredException', 'An array of target objects is required. It cannot be empty or null.');
/** CodeCommit's InvalidTargetsException. */
export const InvalidTargetsException = documented('InvalidTargetsException', 'The targets for the pull request is not valid or not in a valid format. Targets are a list of target objects. Each target object must contain the full values for the repository name, source branch, and destination branch for a pull request.');
/** CodeCommit's TargetRequiredException. */
export const TargetRequiredException = documented('TargetRequiredException', 'A pull request target is required. It cannot be empty or null. A pull request target must contain the full values for the repository name, source branch, and destination branch for the pull request.');
/** CodeCommit's MultipleRepositoriesInPullRequestException. */
export const MultipleRepositoriesInPullRequestException = documented('MultipleRepositoriesInPullRequestException', 'You cannot include more than one repository in a pull request. Make sure you have specified only one repository name in your request, and then try again.');
/** CodeCommit's MaximumOpenPullRequestsExceededException. */
export const MaximumOpenPullRequestsExceededException = documented('MaximumOpenPullRequestsExceededException', 'You cannot create the pull request because the repository has too many open pull requests. The maximum number of open pull requests for a repository is 1,000. Close one or more open pull requests, and then try again.');
/** CodeCommit's SourceAndDestinationAreSameException. */
export const SourceAndDestinationAreSameException = documented('SourceAndDestinationAreSameException', 'The source branch and destination branch for the pull request are the same. You must specify different branches for the source and destination.');
/** CodeCommit's PullRequestDoesNotExistException. */
export const PullRequestDoesNotExistException = documented('PullRequestDoesNotExistException', 'The pull request ID could not be found. Make sure that you have specified the correct repository name and pull request ID, and then try again.');
/** CodeCommit's InvalidPullRequestIdException. */
export const InvalidPullRequestIdException = documented('InvalidPullRequestIdException', 'The pull request ID is not valid. Make sure that you have provided the full ID and that the pull request is in the specified repository, and then try again.');
/** CodeCommit's PullRequestIdRequiredException. */
export const PullRequestIdRequiredException = documented('PullRequestIdRequiredException', 'A pull request ID is required, but none was provided.');
/** CodeCommit's InvalidPullRequestStatusException. */
export const InvalidPullRequestStatusException = documented('InvalidPullRequestStatusException', 'The pull request status is not valid. The only valid values are OPEN and CLOSED.');
/** CodeCommit's InvalidAuthorArnException. */
export const InvalidAuthorArnException = documented('InvalidAuthorArnException', 'The Amazon Resource Name (ARN) is not valid. Make sure that you have provided the full ARN for the author of the pull request, and then try again.');
/** CodeCommit's PullRequestAlreadyClosedException. */
export const PullRequestAlreadyClosedException = documented('PullRequestAlreadyClosedException', 'The pull request status cannot be updated because it is already closed.');
/** CodeCommit's InvalidPullRequestStatusUpdateException. */
export const InvalidPullRequestStatusUpdateException = documented('InvalidPullRequestStatusUpdateException', 'The pull request status update is not valid. The only valid update is from OPEN to CLOSED.');
/** CodeCommit's PullRequestStatusRequiredException. */
export const PullRequestStatusRequiredException = documented('PullRequestStatusRequiredException', 'A pull request status is required, but none was provided.');
/** CodeCommit's TipOfSourceReferenceIsDifferentException. */
export const TipOfSourceReferenceIsDifferentException = documented('TipOfSourceReferenceIsDifferentException', 'The tip of the source branch in the destination repository does not match the tip of the source branch specified in your request. The pull request might have been updated. Make sure that you have the latest changes.');
/** CodeCommit's RepositoryNotAssociatedWithPullRequestException. */
export const RepositoryNotAssociatedWithPullRequestException = documented('RepositoryNotAssociatedWithPullRequestException', 'The repository does not contain any pull requests with that pull request ID. Use GetPullRequest to verify the correct repository name for the pull request ID.');
/** CodeCommit's InvalidPullRequestEventTypeException. */
export const InvalidPullRequestEventTypeException = documented('InvalidPullRequestEventTypeException', 'The pull request event type is not valid.');
/** CodeCommit's InvalidActorArnException. */
export const InvalidActorArnException = documented('InvalidActorArnException', 'The Amazon Resource Name (ARN) is not valid. Make sure that you have provided the full ARN for the user who initiated the change for the pull request, and then try again.');
