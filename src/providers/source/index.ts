export { CodeCommitSourceProvider, CODECOMMIT_SOURCE_TYPE, type CodeCommitSourceDeps, type RepositoryFinder } from './codecommit.js';
export { ConnectionSourceProvider, CONNECTION_SOURCE_TYPE, connectionRepositoryName, type ConnectionSourceDeps } from './codestar-connection.js';
export { S3SourceProvider, S3_SOURCE_TYPE, type S3SourceDeps } from './s3.js';
export { ConnectionMirrors, isGitUrl } from './connection-mirrors.js';
export { objectPath, objectVersionId, objectETag, readFolderObject, isCompleteZip, S3VersionCache, KEPT_VERSIONS, type S3FolderObject } from './s3-folder.js';
export { CLONE_REF_FILE, readCloneRef, writeCloneRef, type CloneRef } from './clone-ref.js';
export { OutputArtifactFormat, isoSeconds, type LocalGitRepository } from './git-source.js';
export { sourceFailures } from './source-failures.js';
