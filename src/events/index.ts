export { awsEvent, eventTime, type AwsEvent, type EventOrigin } from './aws-event.js';
export { actionStateChange, executionStateChange, stageStateChange, PIPELINE_DETAIL_TYPES, type ActionEventState, type ExecutionEventState, type StageEventState } from './pipeline-events.js';
export { buildEventsBetween, buildPhaseChange, buildStateChange, codeBuildEventTime, BUILD_DETAIL_TYPES } from './build-events.js';
export { deploymentEventState, deploymentStateChange, DEPLOYMENT_DETAIL_TYPE, type DeploymentEventState } from './deployment-events.js';
export { matchesFilter, type EventFilter } from './event-filter.js';
export { EventLog, DEFAULT_EVENT_LOG_SIZE, type LoggedEvent } from './event-log.js';
export { translateEngineEvents, type EngineTranslationDeps } from './engine-translation.js';
export { translateBuildEvents, translateDeploymentEvents, type BuildChanges, type DeploymentChanges, type ServiceTranslationDeps } from './service-translation.js';
export { referenceStateChange, translateReferenceChanges, REPOSITORY_DETAIL_TYPE, type ChangedRepository, type EventRepository, type MergeDetail, type ReferenceMove, type ReferenceTranslationDeps } from './repository-events.js';
