import type { DeploymentRecord, DeploymentStatus, DeploymentTargetRecord, TargetStatus } from '../store/index.js';
import type { LifecycleEvent } from './instance-deployment.js';

/**
 * The moves a deployment's status may make (in-place deployments: `Created -> InProgress -> Succeeded | Failed | Stopped`;
 * `Created -> Failed | Stopped` when it never started). Queued, Baking and Ready belong to features not emulated.
 */
const DEPLOYMENT_MOVES: Partial<Record<DeploymentStatus, readonly DeploymentStatus[]>> = {
  Created: ['InProgress', 'Failed', 'Stopped'],
  InProgress: ['Succeeded', 'Failed', 'Stopped'],
};

/** The moves a target's status may make. */
const TARGET_MOVES: Partial<Record<TargetStatus, readonly TargetStatus[]>> = {
  Pending: ['InProgress', 'Skipped', 'Failed'],
  InProgress: ['Succeeded', 'Failed', 'Skipped'],
};

/** Statuses after which a deployment no longer changes. */
const ENDED_DEPLOYMENT_STATUSES: readonly DeploymentStatus[] = ['Succeeded', 'Failed', 'Stopped'];

/** Whether a deployment has ended. */
export function hasEnded(deployment: DeploymentRecord): boolean {
  return ENDED_DEPLOYMENT_STATUSES.includes(deployment.status);
}

/** Moves a deployment to a new status, refusing a move the table does not allow (a bug, not a user error). */
export function moveDeployment(deployment: DeploymentRecord, to: DeploymentStatus, changes: Partial<DeploymentRecord> = {}): DeploymentRecord {
  if (!DEPLOYMENT_MOVES[deployment.status]?.includes(to)) throw new Error(`Deployment ${deployment.deploymentId} cannot move from ${deployment.status} to ${to}`);
  return { ...deployment, ...changes, status: to };
}

/** Moves a target to a new status, refusing a move the table does not allow. */
export function moveTarget(target: DeploymentTargetRecord, to: TargetStatus, nowMs: number, changes: Partial<DeploymentTargetRecord> = {}): DeploymentTargetRecord {
  if (!TARGET_MOVES[target.status]?.includes(to)) throw new Error(`Target ${target.targetId} of ${target.deploymentId} cannot move from ${target.status} to ${to}`);
  return { ...target, ...changes, status: to, lastUpdatedMs: nowMs };
}

/**
 * The events of an instance whose agent was cut off: the first event not yet ended fails with UnknownError and
 * `message`, as the agent reports any exception, and the ones after it are skipped; ended events stay as they are.
 */
export function failEventInFlight(events: readonly LifecycleEvent[], nowMs: number, message: string): LifecycleEvent[] {
  let failed = false;
  return events.map((e): LifecycleEvent => {
    if (e.status === 'Succeeded' || e.status === 'Failed' || e.status === 'Skipped') return e;
    if (failed) return { ...e, status: 'Skipped', endMs: nowMs };
    failed = true;
    return { ...e, status: 'Failed', startMs: e.startMs ?? nowMs, endMs: nowMs, diagnostics: { errorCode: 'UnknownError', scriptName: '', message, logTail: '' } };
  });
}
