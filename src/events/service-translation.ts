import type { BuildRecord, DeploymentRecord } from '../model/index.js';
import type { AwsEvent, EventOrigin } from './aws-event.js';
import { buildEventsBetween } from './build-events.js';
import { deploymentEventState, deploymentStateChange } from './deployment-events.js';

/** An emitter of build record changes, as the build service's events are (kept structural: events/ does not know codebuild/). */
export interface BuildChanges {
  on(event: 'build:changed', listener: (build: BuildRecord) => void): () => void;
}

/** An emitter of deployment starts and ends, as the deployment service's events are. */
export interface DeploymentChanges {
  on(event: 'deployment:started' | 'deployment:ended', listener: (deployment: DeploymentRecord) => void): () => void;
}

/** Ids, the time and where translated events go. */
export interface ServiceTranslationDeps {
  newId(): string;
  now(): number;
  emit(event: AwsEvent): void;
}

function originOf(deps: ServiceTranslationDeps, scope: { account: string; region: string }): EventOrigin {
  return { id: deps.newId(), account: scope.account, region: scope.region, nowMs: deps.now() };
}

/** Emits `CodeBuild Build State Change` and `Build Phase Change` events as build records change; returns a function that stops. */
export function translateBuildEvents(builds: BuildChanges, deps: ServiceTranslationDeps): () => void {
  // The record each running build had at its last change, to tell which phases ended since.
  const seen = new Map<string, BuildRecord>();
  return builds.on('build:changed', (build) => {
    const before = seen.get(build.id);
    if (build.buildComplete) seen.delete(build.id);
    else seen.set(build.id, build);
    for (const event of buildEventsBetween(() => originOf(deps, build), before, build)) deps.emit(event);
  });
}

/** Emits `CodeDeploy Deployment State-change Notification` events as deployments start and end; returns a function that stops. */
export function translateDeploymentEvents(deployments: DeploymentChanges, deps: ServiceTranslationDeps): () => void {
  const emit = (deployment: DeploymentRecord) => {
    const state = deploymentEventState(deployment.status);
    if (state) deps.emit(deploymentStateChange(originOf(deps, deployment), deployment, state));
  };
  const offs = [deployments.on('deployment:started', emit), deployments.on('deployment:ended', emit)];
  return () => offs.forEach((off) => off());
}
