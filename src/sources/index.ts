export { SourceChangeDetector, RESCAN_INTERVAL_MS, MIRROR_POLL_MS, type ChangeDetectorDeps, type WatchableRepository } from './change-detector.js';
export { watchedSources, eventsRuleArn, type WatchedSource, type WatchedGitSource, type WatchedS3Source, type DetectionTrigger, type PushFilter } from './watched-sources.js';
export { matchesPushFilters, type PushEvent } from './push-filters.js';
export { ConnectionMirrors, connectionRepositoryName, isGitUrl } from './connection-mirrors.js';
export { isCompleteZip, hasZipSignature, S3VersionCache, type S3FolderObject } from './s3-folder.js';
export { readS3Object, REVISION_SUMMARY_METADATA } from './s3-source-object.js';
export { RepositoryRefs, type FollowedRepository, type ReferencesChanged } from './repository-refs.js';
