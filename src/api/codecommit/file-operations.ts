// The input shapes of the file, commit, difference and merge operations, whose required members and nested entries
// CodeCommit checks itself (PathRequiredException, FileModeRequiredException, ...) rather than with a Coral
// ValidationException.

/** Input shapes model.ts relaxes for the file, commit, difference and merge operations. */
export const FILE_AND_COMMIT_INPUTS = [
  'GetBlobInput',
  'GetFileInput',
  'GetFolderInput',
  'PutFileInput',
  'DeleteFileInput',
  'CreateCommitInput',
  'PutFileEntry',
  'SourceFileSpecifier',
  'DeleteFileEntry',
  'SetFileModeEntry',
  'BatchGetCommitsInput',
  'GetDifferencesInput',
  'ListFileCommitHistoryRequest',
  'UpdateDefaultBranchInput',
  'UpdateRepositoryNameInput',
  'BatchGetRepositoriesInput',
  'UpdateRepositoryEncryptionKeyInput',
  'GetMergeOptionsInput',
  'GetMergeConflictsInput',
  'DescribeMergeConflictsInput',
  'BatchDescribeMergeConflictsInput',
  'CreateUnreferencedMergeCommitInput',
  'MergeBranchesByFastForwardInput',
  'MergeBranchesBySquashInput',
  'MergeBranchesByThreeWayInput',
  'GetMergeCommitInput',
  'ReplaceContentEntry',
];
