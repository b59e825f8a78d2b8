export { Engine } from './engine.js';
export type { EngineDeps } from './engine-core.js';
export { EngineError, type EngineErrorCode } from './engine-error.js';
export { EngineEventBus, type EngineEvents, type EngineEventName, type EventScope } from './events.js';
export { ArtifactStore, type ArtifactLocation, type ArtifactObjects } from './artifact-store.js';
export type { StartOptions } from './start-execution.js';
export { DEFAULT_ARTIFACT_RETENTION } from './retention.js';
export { RESTART_SUMMARY } from './recovery.js';
export { executionMoves, stageMoves, actionMoves } from './status-moves.js';
