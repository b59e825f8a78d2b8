/**
 * The contract between CodeDeploy's deployment orchestration (API, deployment groups, configs, rollback,
 * the pipeline action) and the agent (what happens inside one instance container: bundle, files,
 * permissions, hooks). Both sides code against these types.
 */

import type { LifecycleEvent } from '../model/index.js';

// A deployment's records belong to the model (the store keeps them); the agent's side names them from here too.
export { LIFECYCLE_EVENTS, type LifecycleEventName, type LifecycleEventStatus, type Diagnostics, type LifecycleEvent } from '../model/index.js';

/** The instance a deployment runs on: a long-lived container standing in for an EC2 or on-premises instance. */
export interface DeployTarget {
  instanceName: string;
  /** The Docker container id or name to exec into. */
  container: string;
}

/** Everything the agent needs to deploy one revision to one instance. */
export interface InstanceDeploymentRequest {
  deploymentId: string;
  applicationName: string;
  deploymentGroupName: string;
  deploymentGroupId: string;
  target: DeployTarget;
  /** The revision bundle: a zip file on this machine (appspec.yml at its root, or in a single top folder). */
  bundleZip: string;
  /** The deployment's `fileExistsBehavior` (DISALLOW when absent, as AWS). */
  fileExistsBehavior: 'DISALLOW' | 'OVERWRITE' | 'RETAIN';
  /** The S3 revision's location, when the revision is one: hooks see it as BUNDLE_BUCKET, BUNDLE_KEY, BUNDLE_VERSION, BUNDLE_ETAG. */
  s3Location?: { bucket: string; key: string; version?: string; eTag?: string };
  /** A failure in ApplicationStop does not fail the instance (CreateDeployment `ignoreApplicationStopFailures`). */
  ignoreApplicationStopFailures: boolean;
  /** Aborted by StopDeployment or a pipeline abandoning the action. */
  signal: AbortSignal;
  /** Receives each event as it starts and ends, so the API can show progress. */
  onEvent(event: LifecycleEvent): void;
}

/** How the deployment to one instance ended. */
export interface InstanceDeploymentOutcome {
  status: 'Succeeded' | 'Failed' | 'Skipped';
  /** All seven events, in order, with their final status (events after a failure are Skipped). */
  events: LifecycleEvent[];
}

/** Deploys one revision to one instance, as the CodeDeploy agent would; a failing deployment is an outcome, not a throw. */
export type DeployToInstance = (request: InstanceDeploymentRequest) => Promise<InstanceDeploymentOutcome>;
