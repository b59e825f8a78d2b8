import type {
  ContinueDeploymentInput,
  DeleteResourcesByExternalIdInput,
  DeleteResourcesByExternalIdOutput,
  PutLifecycleEventHookExecutionStatusInput,
  PutLifecycleEventHookExecutionStatusOutput,
  SkipWaitTimeForInstanceTerminationInput,
} from '@aws-sdk/client-codedeploy';
import { hasEnded } from '../../codedeploy/index.js';
import type { DeploymentRecord } from '../../store/index.js';
import type { HandlerInput, HandlerOutput, NoOutput, RequestContext } from '../protocol/index.js';
import { requireDeployment } from './deployments.js';
import { callDeployments } from './refusals.js';
import type { CodeDeployDeps } from './deps.js';
import * as errors from './errors.js';

// The emulator runs in-place deployments of the EC2/On-premises platform only (blue/green deployment groups are
// refused at creation), so the operations that act on a blue/green wait or a Lambda/ECS hook find none to act on
// and answer AWS's refusals for the deployment asked about.

/** A deployment of the caller that has not ended, or AWS's error for its id (missing, malformed, unknown, complete). */
function requireRunningDeployment(deps: CodeDeployDeps, ctx: RequestContext, deploymentId: string | undefined): DeploymentRecord {
  if (!deploymentId) throw new errors.DeploymentIdRequiredException('At least one deployment ID must be specified.'); // wording inferred
  const deployment = requireDeployment(deps, ctx, deploymentId);
  if (hasEnded(deployment)) throw new errors.DeploymentAlreadyCompletedException(`The deployment ${deploymentId} is already complete.`);
  return deployment;
}

/** ContinueDeployment: only a blue/green deployment waits to reroute or terminate; an in-place one never does. */
export function continueDeployment(deps: CodeDeployDeps, input: HandlerInput<ContinueDeploymentInput>, ctx: RequestContext): NoOutput {
  const deployment = requireRunningDeployment(deps, ctx, input.deploymentId);
  throw new errors.UnsupportedActionForDeploymentTypeException(
    `ContinueDeployment is only supported for blue/green deployments; deployment ${deployment.deploymentId} is an in-place deployment.`, // wording inferred
  );
}

/** SkipWaitTimeForInstanceTermination: only a blue/green deployment keeps original instances to terminate. */
export function skipWaitTimeForInstanceTermination(deps: CodeDeployDeps, input: HandlerInput<SkipWaitTimeForInstanceTerminationInput>, ctx: RequestContext): NoOutput {
  const deployment = requireRunningDeployment(deps, ctx, input.deploymentId);
  throw new errors.UnsupportedActionForDeploymentTypeException(
    `SkipWaitTimeForInstanceTermination is only supported for blue/green deployments; deployment ${deployment.deploymentId} is an in-place deployment.`, // wording inferred
  );
}

/** PutLifecycleEventHookExecutionStatus: a Lambda deployment's hook function reports Succeeded or Failed (an EC2/On-premises deployment has no such hooks). */
export function putLifecycleEventHookExecutionStatus(
  deps: CodeDeployDeps,
  input: HandlerInput<PutLifecycleEventHookExecutionStatusInput>,
  ctx: RequestContext,
): HandlerOutput<PutLifecycleEventHookExecutionStatusOutput> {
  if (!input.deploymentId) throw new errors.DeploymentIdRequiredException('At least one deployment ID must be specified.'); // wording inferred
  const deployment = requireDeployment(deps, ctx, input.deploymentId);
  if (input.status !== 'Succeeded' && input.status !== 'Failed') {
    // "only Succeeded and Failed can be passed successfully in your API call"
    throw new errors.InvalidLifecycleEventHookExecutionStatusException(`The status ${input.status} is not valid: a hook execution can only be set to Succeeded or Failed.`); // wording inferred
  }
  const status = input.status;
  callDeployments(() => deps.deployments.putHookStatus(ctx, deployment.deploymentId, input.lifecycleEventHookExecutionId ?? '', status));
  return { lifecycleEventHookExecutionId: input.lifecycleEventHookExecutionId };
}

/** DeleteResourcesByExternalId: removes what CloudFormation blue/green deployments linked to an external id; the emulator creates none, so it answers `{}` as AWS does when there is nothing. */
export function deleteResourcesByExternalId(_deps: CodeDeployDeps, _input: HandlerInput<DeleteResourcesByExternalIdInput>, _ctx: RequestContext): HandlerOutput<DeleteResourcesByExternalIdOutput> {
  return {};
}
