import type { CodeDeployDeploymentStore, DeploymentTargetRecord } from '../store/index.js';
import { failEventInFlight, moveDeployment, moveTarget } from './deployment-status.js';

/** The agent's own message for an event cut short by its restart; the emulator's restart is the same situation. */
export const RESTART_EVENT_MESSAGE = 'Failed: Failing in-progress lifecycle event after an agent restart.';

/** The errorInformation of a deployment cut short by an emulator restart (wording is the emulator's). */
const RESTART_ERROR = {
  code: 'INTERNAL_ERROR',
  message: 'The deployment was interrupted: codepipeline-local stopped while it ran. Create a new deployment to deploy this revision.',
} as const;

function interrupted(target: DeploymentTargetRecord, nowMs: number): DeploymentTargetRecord {
  if (target.status === 'Pending') {
    return moveTarget(target, 'Skipped', nowMs, { lifecycleEvents: target.lifecycleEvents.map((e) => ({ ...e, status: 'Skipped' as const })) });
  }
  return moveTarget(target, 'Failed', nowMs, { lifecycleEvents: failEventInFlight(target.lifecycleEvents, nowMs, RESTART_EVENT_MESSAGE) });
}

/**
 * Ends the deployments a previous run of the emulator left active: they cannot be resumed (their agents
 * were cut off mid-event), so they fail as AWS fails a deployment whose agent restarted, freeing their groups.
 * No rollback is started for them: nothing is deployed behind the user's back at start-up.
 */
export function failInterruptedDeployments(deployments: CodeDeployDeploymentStore, nowMs: number): string[] {
  const ids: string[] = [];
  for (const deployment of deployments.active()) {
    for (const target of deployments.targets(deployment.deploymentId)) {
      if (target.status === 'Pending' || target.status === 'InProgress') deployments.updateTarget(interrupted(target, nowMs));
    }
    deployments.update(moveDeployment(deployment, 'Failed', { completeMs: nowMs, errorInformation: { ...RESTART_ERROR } }));
    ids.push(deployment.deploymentId);
  }
  return ids;
}
