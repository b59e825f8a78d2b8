export { registerConsoleRoutes, type ConsoleRoutesDeps } from './console-routes.js';
export { ConsoleEventStream, type EventStreamDeps } from './event-stream.js';
export { ConsoleAssets, missingBuildPage, safeRelativePath, type StaticAnswer } from './static-files.js';
export { findArtifact, downloadName, type ArtifactLookup } from './artifact-download.js';
export { toConsoleEvent, CONSOLE_EVENT_NAMES } from './console-events.js';
