import type { DeploymentRecord, DeploymentTargetRecord } from '../../model/index.js';

/** What a failed or stopped deployment tells the pipeline: a one-line summary and the errorDetails message. */
export interface DeploymentFailureText {
  summary: string;
  message: string;
}

// CodePipeline's ErrorDetails.message holds at most 5000 characters.
const MAX_MESSAGE = 5000;

/** The first instance to fail (by the end of its failed event), with that event, for the summary. */
function firstFailure(targets: readonly DeploymentTargetRecord[]) {
  const failures = targets.flatMap((t) => {
    const event = t.lifecycleEvents.find((e) => e.status === 'Failed');
    return t.status === 'Failed' && event ? [{ target: t, event }] : [];
  });
  return failures.sort((a, b) => (a.event.endMs ?? 0) - (b.event.endMs ?? 0))[0];
}

/**
 * Describes a deployment that did not succeed: which instance failed, in which lifecycle event and script, with
 * the agent's diagnostics and CodeDeploy's error, so the pipeline shows the cause without opening the deployment.
 */
export function describeFailure(deployment: DeploymentRecord, targets: readonly DeploymentTargetRecord[]): DeploymentFailureText {
  const id = deployment.deploymentId;
  const error = deployment.errorInformation;
  const failure = firstFailure(targets);
  const verb = deployment.status === 'Stopped' ? 'was stopped' : 'failed';
  const parts = [`Deployment ${id} ${verb}${error ? ` (${error.code}): ${error.message}` : '.'}`];
  let summary = `Deployment ${id} ${verb}${error ? `: ${error.code}` : ''}`;
  if (failure) {
    const d = failure.event.diagnostics;
    const script = d?.scriptName ? `, script ${d.scriptName}` : '';
    summary = `Deployment ${id} ${verb}: instance ${failure.target.targetId} failed in ${failure.event.lifecycleEventName}${script}${d ? ` (${d.errorCode})` : ''}`;
    parts.push(`Instance ${failure.target.targetId}: lifecycle event ${failure.event.lifecycleEventName} failed${script}${d ? `: ${d.errorCode}: ${d.message}` : ''}`);
    if (d?.logTail) parts.push(`Log tail:\n${d.logTail}`);
  }
  if (deployment.rollbackInfo?.rollbackMessage) parts.push(deployment.rollbackInfo.rollbackMessage);
  const message = parts.join('\n');
  return { summary, message: message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 3)}...` : message };
}
