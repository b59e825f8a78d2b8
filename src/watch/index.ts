export { PipelineFileWatcher, isPipelineFileName, PIPELINE_FILE_DEBOUNCE_MS, type PipelineFileEvents, type PipelineFileWatcherOptions } from './pipeline-files.js';
export { GitRefWatcher, readRefsSync, diffRefs, refsDir, GIT_REFS_DEBOUNCE_MS, GIT_REFS_MAX_WAIT_MS, type GitRefEvents, type RefChange } from './git-refs.js';
export { ObjectFileWatcher, OBJECT_FILE_DEBOUNCE_MS, type ObjectFileEvents } from './s3-objects.js';
