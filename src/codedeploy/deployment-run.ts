import type { Clock, Logger } from '../shared/index.js';
import type { CodeDeployDeploymentStore, DeploymentConfigRecord, DeploymentRecord, DeploymentTargetRecord, Scope } from '../store/index.js';
import { minimumHealthyCount } from './deployment-configs.js';
import type { DeploymentEventBus } from './deployment-events.js';
import { failEventInFlight, moveDeployment, moveTarget } from './deployment-status.js';
import type { DeployableInstance } from './instance-directory.js';
import { LIFECYCLE_EVENTS, type DeployToInstance, type InstanceDeploymentOutcome, type LifecycleEvent } from './instance-deployment.js';
import { progress, startProblem, type InstanceResult, type ProgressionEnd } from './progression.js';

/** The errorInformation messages of the deployment-level failures the emulator reports. */
const DEPLOYMENT_ERROR_MESSAGES = {
  // AWS's wording as users report it (NO_INSTANCES, HEALTH_CONSTRAINTS) and as the reference gives it (HEALTH_CONSTRAINTS_INVALID).
  NO_INSTANCES:
    'The deployment failed because no instances were found for your deployment group. Check your deployment group settings to make sure the tags for your Amazon EC2 instances or Auto Scaling groups correctly identify the instances you want to deploy to, and then try again.',
  HEALTH_CONSTRAINTS_INVALID:
    "The deployment can't start because the minimum number of healthy instances, as defined by your deployment configuration, are not available",
  HEALTH_CONSTRAINTS:
    'The overall deployment failed because too many individual instances failed deployment, too few healthy instances are available for deployment, or some instances in your deployment group are experiencing problems.',
  MANUAL_STOP: 'The deployment was stopped by a StopDeployment request.', // wording inferred
} as const;

/** What running one deployment needs. */
export interface RunContext {
  deployments: CodeDeployDeploymentStore;
  events: DeploymentEventBus;
  deployToInstance: DeployToInstance;
  clock: Clock;
  log: Logger;
  deployment: DeploymentRecord;
  config: DeploymentConfigRecord;
  instances: ReadonlyMap<string, DeployableInstance>;
  signal: AbortSignal;
  /** True once the emulator shuts down: nothing more is recorded, so the restart recovery applies. */
  closing(): boolean;
}

/** The seven in-place events, all Pending, as a new target shows them. */
export function pendingEvents(): LifecycleEvent[] {
  return LIFECYCLE_EVENTS.map((lifecycleEventName) => ({ lifecycleEventName, status: 'Pending' as const }));
}

/** Runs a created deployment to its end and returns its final record (undefined when cut short by a shutdown); the caller announces the end. */
export async function runDeployment(run: RunContext): Promise<DeploymentRecord | undefined> {
  const { deployments, clock } = run;
  let deployment = moveDeployment(run.deployment, 'InProgress', { startMs: clock.now() });
  deployments.update(deployment);
  run.events.emit('deployment:started', deployment);
  const targets = deployments.targets(deployment.deploymentId);
  const minHealthy = minimumHealthyCount(run.config, targets.length);
  const problem = startProblem(targets.length, minHealthy);
  let end: ProgressionEnd | { status: 'Failed'; code: 'NO_INSTANCES' | 'HEALTH_CONSTRAINTS_INVALID' };
  if (problem) {
    skipTargets(run, targets);
    end = { status: 'Failed', code: problem };
  } else {
    const queue = unhealthyFirst(run, deployment, targets);
    end = await progress(queue, minHealthy, (t) => deployOne(run, t), (rest) => skipTargets(run, rest), () => run.signal.aborted);
  }
  if (run.closing()) return undefined;
  deployment = deployments.get(deployment.deploymentId)!;
  const errorInformation = end.status === 'Succeeded' ? undefined : end.status === 'Stopped' ? error('MANUAL_STOP') : error(end.code);
  deployment = moveDeployment(deployment, end.status, { completeMs: clock.now(), ...(errorInformation ? { errorInformation } : {}) });
  deployments.update(deployment);
  return deployment;
}

function error(code: keyof typeof DEPLOYMENT_ERROR_MESSAGES): { code: string; message: string } {
  return { code, message: DEPLOYMENT_ERROR_MESSAGES[code] };
}

/** Unhealthy instances (whose last deployment failed or who never had one) go first, as CodeDeploy schedules them. */
function unhealthyFirst(run: RunContext, deployment: Scope, targets: DeploymentTargetRecord[]): DeploymentTargetRecord[] {
  const healthy = (t: DeploymentTargetRecord) => run.deployments.lastOutcomeOf(deployment, t.targetId) === 'Succeeded';
  return [...targets.filter((t) => !healthy(t)), ...targets.filter(healthy)];
}

function saveTarget(run: RunContext, target: DeploymentTargetRecord): void {
  if (run.closing()) return;
  run.deployments.updateTarget(target);
  run.events.emit('target:updated', target);
}

function skipTargets(run: RunContext, targets: DeploymentTargetRecord[]): void {
  const now = run.clock.now();
  for (const target of targets) {
    const events = target.lifecycleEvents.map((e) => ({ ...e, status: 'Skipped' as const }));
    saveTarget(run, moveTarget(target, 'Skipped', now, { lifecycleEvents: events }));
  }
}

async function deployOne(run: RunContext, pending: DeploymentTargetRecord): Promise<InstanceResult> {
  const d = run.deployment;
  let target = moveTarget(pending, 'InProgress', run.clock.now());
  saveTarget(run, target);
  const instance = run.instances.get(target.targetId);
  const onEvent = (event: LifecycleEvent) => {
    const lifecycleEvents = target.lifecycleEvents.map((e) => (e.lifecycleEventName === event.lifecycleEventName ? event : e));
    target = { ...target, lifecycleEvents, lastUpdatedMs: run.clock.now() };
    saveTarget(run, target);
  };
  const outcome = instance
    ? await run
        .deployToInstance({
          deploymentId: d.deploymentId,
          applicationName: d.applicationName,
          deploymentGroupName: d.deploymentGroupName,
          deploymentGroupId: d.deploymentGroupId,
          target: { instanceName: instance.instanceName, container: instance.container },
          bundleZip: d.bundlePath,
          fileExistsBehavior: d.fileExistsBehavior,
          ...s3LocationOf(d),
          ignoreApplicationStopFailures: d.ignoreApplicationStopFailures,
          signal: run.signal,
          onEvent,
        })
        .catch((cause: unknown) => crashed(run, target, cause))
    : crashed(run, target, new Error(`The instance ${target.targetId} is no longer registered`));
  saveTarget(run, moveTarget(target, outcome.status, run.clock.now(), { lifecycleEvents: outcome.events }));
  return outcome.status;
}

/** The S3 location hooks see as BUNDLE_BUCKET, BUNDLE_KEY, BUNDLE_VERSION and BUNDLE_ETAG, for S3 revisions. */
function s3LocationOf(d: DeploymentRecord): { s3Location?: { bucket: string; key: string; version?: string; eTag?: string } } {
  const s3 = d.revision.s3Location;
  if (d.revision.revisionType !== 'S3' || !s3?.bucket || !s3.key) return {};
  return { s3Location: { bucket: s3.bucket, key: s3.key, ...(s3.version ? { version: s3.version } : {}), ...(s3.eTag ? { eTag: s3.eTag } : {}) } };
}

/** The agent threw instead of reporting: the event in flight fails with UnknownError, as the agent reports any exception, and the rest are skipped. */
function crashed(run: RunContext, target: DeploymentTargetRecord, cause: unknown): InstanceDeploymentOutcome {
  run.log.error({ err: cause, deploymentId: target.deploymentId, instance: target.targetId }, 'the agent failed unexpectedly');
  const message = cause instanceof Error ? cause.message : String(cause);
  return { status: 'Failed', events: failEventInFlight(target.lifecycleEvents, run.clock.now(), message) };
}
