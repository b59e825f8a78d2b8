export { runGit, GitError, type GitResult } from './git.js';
export { isRepositoryName, isBranchName, isValidRefName, isObjectId, isAccountId, isRegionName } from './names.js';
export { listBranches, resolveBranch, createBranchRef, deleteBranchRef, readHeadBranch, setHeadBranch, type BranchRef } from './refs.js';
export { readCommitObject, type CommitObject, type CommitSignature } from './commit-object.js';
export { bareRepositoryPath, initBareRepository, removeBareRepository, inspectRepository, gitRoot, NotARepositoryError, type GitLocation } from './repositories.js';
export { runHttpBackend, splitCgiHeaders, SmartHttpPath, type HttpBackendRequest, type HttpBackendResponse } from './http-backend.js';
export { isCommitIdLike, resolveCommit, readCommit, branchesAt, pathsChangedBy, type CommitInfo, type CommitPerson } from './commits.js';
export { archiveCommit } from './snapshot.js';
