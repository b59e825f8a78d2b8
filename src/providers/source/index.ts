export { CodeCommitSourceProvider, type CodeCommitSourceDeps, type RepositoryFinder } from './codecommit.js';
export { ConnectionSourceProvider, type ConnectionSourceDeps } from './codestar-connection.js';
export { S3SourceProvider, type S3SourceDeps } from './s3.js';
export { CLONE_REF_FILE, readCloneRef, type CloneRef } from './clone-ref.js';
export { type LocalGitRepository } from './git-source.js';
