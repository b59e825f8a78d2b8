// The deployments side (service, configs, progression, rollback, revisions); the agent and instances side adds its exports below.
export { DeploymentService, type DeploymentServiceDeps, type CreateOptions, type StopResult } from './deployment-service.js';
export { DeploymentEventBus, type DeploymentEvents } from './deployment-events.js';
export { DeploymentRefusal, type DeploymentRefusalCode } from './deployment-refusal.js';
export { BUILT_IN_CONFIG_PREFIX, BUILT_IN_DEPLOYMENT_CONFIGS, DEFAULT_DEPLOYMENT_CONFIG, findBuiltInConfig, minimumHealthyCount, minimumHealthyHostsProblem } from './deployment-configs.js';
export { newDeploymentId, isDeploymentId, lookupConfig, autoRollbackProblem, type CreateDeploymentRequest } from './deployment-request.js';
export { ApplicationRevisions, normalizeRevision, revisionIdentity, type FetchedObject } from './application-revisions.js';
export { resolveRevision, bundledRevision, type RevisionSources, type ResolvedRevision } from './revision-location.js';
export { progress, startProblem, type ProgressionEnd } from './progression.js';
export { wantsRollback, ROLLBACK_CREATOR } from './rollback.js';
export { hasEnded } from './deployment-status.js';
export { selectInstances } from './target-selection.js';
export type { InstanceDirectory, DeployableInstance } from './instance-directory.js';
// The agent and instances side: instance containers, their registry, and the agent that deploys to them.
export type { DeployToInstance, InstanceDeploymentRequest, InstanceDeploymentOutcome, LifecycleEvent, LifecycleEventName, Diagnostics, DeployTarget } from './instance-deployment.js';
export { LIFECYCLE_EVENTS } from './instance-deployment.js';
export { createAgent, type AgentDeps } from './agent.js';
export { AgentSessions } from './agent-session.js';
export { AgentError } from './agent-error.js';
export { parseAppSpec, FileExistsBehavior, type AppSpec, type AppSpecFile, type AppSpecScript, type AppSpecPermission } from './appspec.js';
export { RevisionBundle } from './bundle.js';
export { DEPLOYMENT_ROOT, deploymentPaths, type DeploymentPaths } from './agent-layout.js';
export { InstanceRegistry, toLocalInstance, type LocalInstance, type Registration } from './instances.js';
export { InstanceContainers, instanceUrl, KIND_LABEL, INSTANCE_NAME_LABEL, INSTANCE_SCOPE_LABEL, INSTALLATION_LABEL } from './instance-containers.js';
export { InstanceImage, INSTANCE_IMAGE, INSTANCE_IMAGE_DIR } from './instance-image.js';
export { matchesTargeting, matchesTagSet, matchesTagGroup, matchesTagFilter, effectiveFilterType, TagFilterType, type TagFilter, type InstanceTargeting } from './tag-filters.js';
