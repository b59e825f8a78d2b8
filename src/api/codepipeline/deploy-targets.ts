import type { ListDeployActionExecutionTargetsInput, ListDeployActionExecutionTargetsOutput } from '@aws-sdk/client-codepipeline';
import type { DeploymentTargetRecord, LifecycleEvent } from '../../model/index.js';
import { toEpochSeconds } from '../../shared/index.js';
import { pageByOffset, type RequestContext, type HandlerInput, type HandlerOutput } from '../protocol/index.js';
import type { CodePipelineDeps } from './deps.js';
import * as errors from './errors.js';
import { invalidNextToken } from './invalid-next-token.js';
import { requirePipeline } from './pipelines.js';

const CODEDEPLOY = 'Deploy/AWS/CodeDeploy';

function eventView(e: LifecycleEvent) {
  return {
    name: e.lifecycleEventName,
    status: e.status,
    ...(e.startMs !== undefined ? { startTime: toEpochSeconds(e.startMs) } : {}),
    ...(e.endMs !== undefined ? { endTime: toEpochSeconds(e.endMs) } : {}),
    ...(e.diagnostics?.message ? { context: { message: e.diagnostics.message } } : {}),
  };
}

function targetView(t: DeploymentTargetRecord) {
  const times = t.lifecycleEvents.flatMap((e) => [e.startMs, e.endMs]).filter((ms): ms is number => ms !== undefined);
  const ended = t.status === 'Succeeded' || t.status === 'Failed' || t.status === 'Skipped';
  return {
    targetId: t.targetId,
    targetType: 'InstanceTarget', // wording inferred: CodeDeploy's deploymentTargetType for an EC2 or on-premises instance
    status: t.status,
    ...(times.length ? { startTime: toEpochSeconds(Math.min(...times)) } : {}),
    ...(ended ? { endTime: toEpochSeconds(times.length ? Math.max(...times) : t.lastUpdatedMs) } : {}),
    events: t.lifecycleEvents.map(eventView),
  };
}

/** ListDeployActionExecutionTargets: the instances a CodeDeploy action's deployment ran on, with their lifecycle events. */
export function listDeployActionExecutionTargets(
  deps: CodePipelineDeps,
  input: HandlerInput<ListDeployActionExecutionTargetsInput>,
  ctx: RequestContext,
): HandlerOutput<ListDeployActionExecutionTargetsOutput> {
  if (input.pipelineName !== undefined) requirePipeline(deps, ctx, input.pipelineName);
  const action = deps.actions.get(ctx, input.actionExecutionId);
  if (!action || (input.pipelineName !== undefined && action.pipelineName !== input.pipelineName)) {
    throw new errors.ActionExecutionNotFoundException(`Action execution ${input.actionExecutionId} was not found${input.pipelineName ? ` in pipeline ${input.pipelineName}` : ''}`); // wording inferred
  }
  const t = action.input.actionTypeId;
  const deploymentId = `${t.category}/${t.owner}/${t.provider}` === CODEDEPLOY ? action.externalExecutionId : undefined;
  const statuses = input.filters?.filter((f) => f.name === 'TARGET_STATUS').flatMap((f) => f.values ?? []);
  const targets = (deploymentId ? deps.deploymentTargets(deploymentId) : []).filter((target) => !statuses?.length || statuses.includes(target.status));
  const page = pageByOffset(targets, input.nextToken, input.maxResults ?? 100, invalidNextToken);
  return { targets: page.items.map(targetView), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}
