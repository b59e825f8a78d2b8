import { defineWireError, type WireError } from '../protocol/index.js';

// The exceptions of the file, commit and difference operations. Each one's message defaults to the CodeCommit API
// reference's description of it; a call site may give a more precise one.

/** A CodeCommit exception class whose instances may be made without a message. */
export type DocumentedError = new (message?: string) => WireError;

/** Defines a CodeCommit exception whose message defaults to the API reference's description of it. */
export function documented(errorName: string, description: string): DocumentedError {
  const Base = defineWireError(errorName);
  const cls = class extends Base {
    constructor(message: string = description) {
      super(message);
    }
  };
  Object.defineProperty(cls, 'name', { value: errorName });
  return cls;
}

/** CodeCommit's BlobIdRequiredException. */
export const BlobIdRequiredException = documented('BlobIdRequiredException', 'A blob ID is required, but was not specified.');
/** CodeCommit's InvalidBlobIdException. */
export const InvalidBlobIdException = documented('InvalidBlobIdException', 'The specified blob is not valid.');
/** CodeCommit's BlobIdDoesNotExistException. */
export const BlobIdDoesNotExistException = documented('BlobIdDoesNotExistException', 'The specified blob does not exist.');
/** CodeCommit's FileTooLargeException. */
export const FileTooLargeException = documented('FileTooLargeException', 'The specified file exceeds the file size limit for CodeCommit. For more information about limits in CodeCommit, see Quotas in the CodeCommit User Guide.');
/** CodeCommit's InvalidCommitException. */
export const InvalidCommitException = documented('InvalidCommitException', 'The specified commit is not valid.');
/** CodeCommit's PathRequiredException. */
export const PathRequiredException = documented('PathRequiredException', 'The folderPath for a location cannot be null.');
/** CodeCommit's InvalidPathException. */
export const InvalidPathException = documented('InvalidPathException', 'The specified path is not valid.');
/** CodeCommit's FileDoesNotExistException. */
export const FileDoesNotExistException = documented('FileDoesNotExistException', 'The specified file does not exist. Verify that you have used the correct file name, full path, and extension.');
/** CodeCommit's FolderDoesNotExistException. */
export const FolderDoesNotExistException = documented('FolderDoesNotExistException', 'The specified folder does not exist. Either the folder name is not correct, or you did not enter the full path to the folder.');
/** CodeCommit's ParentCommitIdRequiredException. */
export const ParentCommitIdRequiredException = documented('ParentCommitIdRequiredException', 'A parent commit ID is required. To view the full commit ID of a branch in a repository, use GetBranch or a Git command (for example, git pull or git log).');
/** CodeCommit's InvalidParentCommitIdException. */
export const InvalidParentCommitIdException = documented('InvalidParentCommitIdException', 'The parent commit ID is not valid. The commit ID cannot be empty, and must match the head commit ID for the branch of the repository where you want to add or update a file.');
/** CodeCommit's ParentCommitDoesNotExistException. */
export const ParentCommitDoesNotExistException = documented('ParentCommitDoesNotExistException', 'The parent commit ID is not valid because it does not exist. The specified parent commit ID does not exist in the specified branch of the repository.');
/** CodeCommit's ParentCommitIdOutdatedException. */
export const ParentCommitIdOutdatedException = documented('ParentCommitIdOutdatedException', 'The file could not be added because the provided parent commit ID is not the current tip of the specified branch. To view the full commit ID of the current head of the branch, use GetBranch.');
/** CodeCommit's FileContentRequiredException. */
export const FileContentRequiredException = documented('FileContentRequiredException', 'The file cannot be added because it is empty. Empty files cannot be added to the repository with this API.');
/** CodeCommit's FileContentSizeLimitExceededException. */
export const FileContentSizeLimitExceededException = documented('FileContentSizeLimitExceededException', 'The file cannot be added because it is too large. The maximum file size is 6 MB, and the combined file content change size is 7 MB. Consider making these changes using a Git client.');
/** CodeCommit's FolderContentSizeLimitExceededException. */
export const FolderContentSizeLimitExceededException = documented('FolderContentSizeLimitExceededException', 'The commit cannot be created because at least one of the overall changes in the commit results in a folder whose contents exceed the limit of 6 MB. Either reduce the number and size of your changes, or split the changes across multiple folders.');
/** CodeCommit's BranchNameIsTagNameException. */
export const BranchNameIsTagNameException = documented('BranchNameIsTagNameException', 'The specified branch name is not valid because it is a tag name. Enter the name of a branch in the repository. For a list of valid branch names, use ListBranches.');
/** CodeCommit's InvalidFileModeException. */
export const InvalidFileModeException = documented('InvalidFileModeException', 'The specified file mode permission is not valid. For a list of valid file mode permissions, see PutFile.');
/** CodeCommit's NameLengthExceededException. */
export const NameLengthExceededException = documented('NameLengthExceededException', 'The user name is not valid because it has exceeded the character limit for author names.');
/** CodeCommit's InvalidEmailException. */
export const InvalidEmailException = documented('InvalidEmailException', 'The specified email address either contains one or more characters that are not allowed, or it exceeds the maximum number of characters allowed for an email address.');
/** CodeCommit's CommitMessageLengthExceededException. */
export const CommitMessageLengthExceededException = documented('CommitMessageLengthExceededException', 'The commit message is too long. Provide a shorter string.');
/** CodeCommit's InvalidDeletionParameterException. */
export const InvalidDeletionParameterException = documented('InvalidDeletionParameterException', 'The specified deletion parameter is not valid.');
/** CodeCommit's SameFileContentException. */
export const SameFileContentException = documented('SameFileContentException', 'The file was not added or updated because the content of the file is exactly the same as the content of that file in the repository and branch that you specified.');
/** CodeCommit's FileNameConflictsWithDirectoryNameException. */
export const FileNameConflictsWithDirectoryNameException = documented('FileNameConflictsWithDirectoryNameException', 'A file cannot be added to the repository because the specified file name has the same name as a directory in this repository. Either provide another name for the file, or add the file in a directory that does not match the file name.');
/** CodeCommit's DirectoryNameConflictsWithFileNameException. */
export const DirectoryNameConflictsWithFileNameException = documented('DirectoryNameConflictsWithFileNameException', 'A file cannot be added to the repository because the specified path name has the same name as a file that already exists in this repository. Either provide a different name for the file, or specify a different path for the file.');
/** CodeCommit's FilePathConflictsWithSubmodulePathException. */
export const FilePathConflictsWithSubmodulePathException = documented('FilePathConflictsWithSubmodulePathException', 'The commit cannot be created because a specified file path points to a submodule. Verify that the destination files have valid file paths that do not point to a submodule.');
/** CodeCommit's FileEntryRequiredException. */
export const FileEntryRequiredException = documented('FileEntryRequiredException', 'The commit cannot be created because no files have been specified as added, updated, or changed (PutFile or DeleteFile) for the commit.');
/** CodeCommit's MaximumFileEntriesExceededException. */
export const MaximumFileEntriesExceededException = documented('MaximumFileEntriesExceededException', 'The number of specified files to change as part of this commit exceeds the maximum number of files that can be changed in a single commit. Consider using a Git client for these changes.');
/** CodeCommit's PutFileEntryConflictException. */
export const PutFileEntryConflictException = documented('PutFileEntryConflictException', 'The commit cannot be created because one or more files specified in the commit reference both a file and a folder.');
/** CodeCommit's SourceFileOrContentRequiredException. */
export const SourceFileOrContentRequiredException = documented('SourceFileOrContentRequiredException', 'The commit cannot be created because no source files or file content have been specified for the commit.');
/** CodeCommit's FileContentAndSourceFileSpecifiedException. */
export const FileContentAndSourceFileSpecifiedException = documented('FileContentAndSourceFileSpecifiedException', 'The commit cannot be created because both a source file and file content have been specified for the same file. You cannot provide both. Either specify a source file or provide the file content directly.');
/** CodeCommit's SamePathRequestException. */
export const SamePathRequestException = documented('SamePathRequestException', 'The commit cannot be created because one or more changes in this commit duplicate actions in the same file path. For example, you cannot make the same delete request to the same file in the same file path twice, or make a delete request and a move request to the same file as part of the same commit.');
/** CodeCommit's RestrictedSourceFileException. */
export const RestrictedSourceFileException = documented('RestrictedSourceFileException', 'The commit cannot be created because one of the changes specifies copying or moving a .gitkeep file.');
/** CodeCommit's FileModeRequiredException. */
export const FileModeRequiredException = documented('FileModeRequiredException', 'The commit cannot be created because no file mode has been specified. A file mode is required to update mode permissions for a file.');
/** CodeCommit's NoChangeException. */
export const NoChangeException = documented('NoChangeException', 'The commit cannot be created because no changes will be made to the repository as a result of this commit. A commit must contain at least one change.');
/** CodeCommit's CommitIdsListRequiredException. */
export const CommitIdsListRequiredException = documented('CommitIdsListRequiredException', 'A list of commit IDs is required, but was either not specified or the list was empty.');
/** CodeCommit's CommitIdsLimitExceededException. */
export const CommitIdsLimitExceededException = documented('CommitIdsLimitExceededException', 'The maximum number of allowed commit IDs in a batch request is 100. Verify that your batch requests contains no more than 100 commit IDs, and then try again.');
/** CodeCommit's InvalidMaxResultsException. */
export const InvalidMaxResultsException = documented('InvalidMaxResultsException', 'The specified number of maximum results is not valid.');
/** CodeCommit's CommitRequiredException. */
export const CommitRequiredException = documented('CommitRequiredException', 'A commit was not specified.');
/** CodeCommit's PathDoesNotExistException. */
export const PathDoesNotExistException = documented('PathDoesNotExistException', 'The specified path does not exist.');
/** CodeCommit's RepositoryNamesRequiredException. */
export const RepositoryNamesRequiredException = documented('RepositoryNamesRequiredException', 'At least one repository name object is required, but was not specified.');
/** CodeCommit's MaximumRepositoryNamesExceededException. */
export const MaximumRepositoryNamesExceededException = documented('MaximumRepositoryNamesExceededException', 'The maximum number of allowed repository names was exceeded. Currently, this number is 100.');
/** CodeCommit's EncryptionKeyRequiredException. */
export const EncryptionKeyRequiredException = documented('EncryptionKeyRequiredException', 'A KMS encryption key ID is required but was not specified.');
/** CodeCommit's EncryptionKeyInvalidIdException. */
export const EncryptionKeyInvalidIdException = documented('EncryptionKeyInvalidIdException', 'The Key Management Service encryption key is not valid.');
