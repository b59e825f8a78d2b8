import { defineWireError } from '../protocol/index.js';

// One class per CodeCommit exception the implemented operations raise; all are client faults (HTTP 400).

/** CodeCommit's BranchDoesNotExistException. */
export const BranchDoesNotExistException = defineWireError('BranchDoesNotExistException');
/** CodeCommit's BranchNameExistsException. */
export const BranchNameExistsException = defineWireError('BranchNameExistsException');
/** CodeCommit's BranchNameRequiredException. */
export const BranchNameRequiredException = defineWireError('BranchNameRequiredException');
/** CodeCommit's CommitDoesNotExistException (CreateBranch's name for a missing commit). */
export const CommitDoesNotExistException = defineWireError('CommitDoesNotExistException');
/** CodeCommit's CommitIdDoesNotExistException (GetCommit's name for a missing commit). */
export const CommitIdDoesNotExistException = defineWireError('CommitIdDoesNotExistException');
/** CodeCommit's CommitIdRequiredException. */
export const CommitIdRequiredException = defineWireError('CommitIdRequiredException');
/** CodeCommit's DefaultBranchCannotBeDeletedException. */
export const DefaultBranchCannotBeDeletedException = defineWireError('DefaultBranchCannotBeDeletedException');
/** CodeCommit's InvalidBranchNameException. */
export const InvalidBranchNameException = defineWireError('InvalidBranchNameException');
/** CodeCommit's InvalidCommitIdException. */
export const InvalidCommitIdException = defineWireError('InvalidCommitIdException');
/** CodeCommit's InvalidContinuationTokenException. */
export const InvalidContinuationTokenException = defineWireError('InvalidContinuationTokenException');
/** CodeCommit's InvalidOrderException. */
export const InvalidOrderException = defineWireError('InvalidOrderException');
/** CodeCommit's InvalidRepositoryDescriptionException. */
export const InvalidRepositoryDescriptionException = defineWireError('InvalidRepositoryDescriptionException');
/** CodeCommit's InvalidRepositoryNameException. */
export const InvalidRepositoryNameException = defineWireError('InvalidRepositoryNameException');
/** CodeCommit's InvalidSortByException. */
export const InvalidSortByException = defineWireError('InvalidSortByException');
/** CodeCommit's InvalidResourceArnException. */
export const InvalidResourceArnException = defineWireError('InvalidResourceArnException');
/** CodeCommit's RepositoryDoesNotExistException. */
export const RepositoryDoesNotExistException = defineWireError('RepositoryDoesNotExistException');
/** CodeCommit's RepositoryNameExistsException. */
export const RepositoryNameExistsException = defineWireError('RepositoryNameExistsException');
/** CodeCommit's RepositoryNameRequiredException. */
export const RepositoryNameRequiredException = defineWireError('RepositoryNameRequiredException');
/** CodeCommit's ResourceArnRequiredException. */
export const ResourceArnRequiredException = defineWireError('ResourceArnRequiredException');
/** CodeCommit's TooManyTagsException. */
export const TooManyTagsException = defineWireError('TooManyTagsException');
