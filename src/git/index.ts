export { runGit, GitError, type GitResult } from './git.js';
export { isRepositoryName, isBranchName, isObjectId, isAccountId, isRegionName } from './names.js';
export { listBranches, resolveBranch, createBranchRef, deleteBranchRef, readHeadBranch, setHeadBranch, type BranchRef } from './refs.js';
export { readCommitObject, parseCommitObject, type CommitObject, type CommitSignature } from './commit-object.js';
export { bareRepositoryPath, initBareRepository, removeBareRepository, inspectRepository, gitRoot, NotARepositoryError, type GitLocation } from './repositories.js';
export { runHttpBackend, splitCgiHeaders, SmartHttpPath, type HttpBackendRequest, type HttpBackendResponse } from './http-backend.js';
export { isFullCommitId, isCommitIdLike, isValidRefName, resolveCommit, branchHead, readCommit, branchesAt, pathsChangedBy, type CommitInfo, type CommitPerson } from './commits.js';
export { archiveCommit, commonGitDir } from './snapshot.js';
