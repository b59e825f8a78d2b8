import { documented } from './file-errors.js';

// The exceptions of the merge operations, with the CodeCommit API reference's descriptions as default messages.

/** CodeCommit's ManualMergeRequiredException. */
export const ManualMergeRequiredException = documented('ManualMergeRequiredException', 'The pull request cannot be merged automatically into the destination branch. You must manually merge the branches and resolve any conflicts.');
/** CodeCommit's MergeOptionRequiredException. */
export const MergeOptionRequiredException = documented('MergeOptionRequiredException', 'A merge option or stategy is required, and none was provided.');
/** CodeCommit's InvalidMergeOptionException. */
export const InvalidMergeOptionException = documented('InvalidMergeOptionException', 'The specified merge option is not valid for this operation. Not all merge strategies are supported for all operations.');
/** CodeCommit's InvalidConflictDetailLevelException. */
export const InvalidConflictDetailLevelException = documented('InvalidConflictDetailLevelException', 'The specified conflict detail level is not valid.');
/** CodeCommit's InvalidConflictResolutionStrategyException. */
export const InvalidConflictResolutionStrategyException = documented('InvalidConflictResolutionStrategyException', 'The specified conflict resolution strategy is not valid.');
/** CodeCommit's InvalidConflictResolutionException. */
export const InvalidConflictResolutionException = documented('InvalidConflictResolutionException', 'The specified conflict resolution list is not valid.');
/** CodeCommit's MaximumConflictResolutionEntriesExceededException. */
export const MaximumConflictResolutionEntriesExceededException = documented('MaximumConflictResolutionEntriesExceededException', 'The number of allowed conflict resolution entries was exceeded.');
/** CodeCommit's MultipleConflictResolutionEntriesException. */
export const MultipleConflictResolutionEntriesException = documented('MultipleConflictResolutionEntriesException', 'More than one conflict resolution entries exists for the conflict. A conflict can have only one conflict resolution entry.');
/** CodeCommit's ReplacementTypeRequiredException. */
export const ReplacementTypeRequiredException = documented('ReplacementTypeRequiredException', 'A replacement type is required.');
/** CodeCommit's InvalidReplacementTypeException. */
export const InvalidReplacementTypeException = documented('InvalidReplacementTypeException', 'Automerge was specified for resolving the conflict, but the specified replacement type is not valid.');
/** CodeCommit's ReplacementContentRequiredException. */
export const ReplacementContentRequiredException = documented('ReplacementContentRequiredException', 'USE_NEW_CONTENT was specified, but no replacement content has been provided.');
/** CodeCommit's InvalidReplacementContentException. */
export const InvalidReplacementContentException = documented('InvalidReplacementContentException', 'Automerge was specified for resolving the conflict, but the replacement type is not valid or content is missing.');
/** CodeCommit's ConcurrentReferenceUpdateException. */
export const ConcurrentReferenceUpdateException = documented('ConcurrentReferenceUpdateException', 'The merge cannot be completed because the target branch has been modified. Another user might have modified the target branch while the merge was in progress. Wait a few minutes, and then try again.');
/** CodeCommit's InvalidTargetBranchException. */
export const InvalidTargetBranchException = documented('InvalidTargetBranchException', 'The specified target branch is not valid.');
/** CodeCommit's InvalidMaxConflictFilesException. */
export const InvalidMaxConflictFilesException = documented('InvalidMaxConflictFilesException', 'The specified value for the number of conflict files to return is not valid.');
/** CodeCommit's InvalidMaxMergeHunksException. */
export const InvalidMaxMergeHunksException = documented('InvalidMaxMergeHunksException', 'The specified value for the number of merge hunks to return is not valid.');
