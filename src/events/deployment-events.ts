import type { DeploymentRecord } from '../model/index.js';
import { awsEvent, type AwsEvent, type EventOrigin } from './aws-event.js';

/** The CodeDeploy detail-type of a deployment's state changes. */
export const DEPLOYMENT_DETAIL_TYPE = 'CodeDeploy Deployment State-change Notification';

/** A deployment's state in CodeDeploy's events. */
export type DeploymentEventState = 'START' | 'SUCCESS' | 'FAILURE' | 'STOP' | 'READY';

/** The event state a deployment status means, or undefined for statuses CodeDeploy does not announce (Created, Queued). */
export function deploymentEventState(status: string): DeploymentEventState | undefined {
  const states: Record<string, DeploymentEventState> = { InProgress: 'START', Succeeded: 'SUCCESS', Failed: 'FAILURE', Stopped: 'STOP', Ready: 'READY' };
  return Object.hasOwn(states, status) ? states[status] : undefined;
}

/** `CodeDeploy Deployment State-change Notification` for one deployment entering `state`. */
export function deploymentStateChange(origin: EventOrigin, deployment: DeploymentRecord, state: DeploymentEventState): AwsEvent {
  const prefix = `arn:aws:codedeploy:${origin.region}:${origin.account}`;
  return awsEvent(origin, 'aws.codedeploy', DEPLOYMENT_DETAIL_TYPE, [`${prefix}:application:${deployment.applicationName}`, `${prefix}:deploymentgroup:${deployment.applicationName}/${deployment.deploymentGroupName}`], {
    region: origin.region,
    deploymentId: deployment.deploymentId,
    instanceGroupId: deployment.deploymentGroupId,
    deploymentGroup: deployment.deploymentGroupName,
    state,
    application: deployment.applicationName,
  });
}
