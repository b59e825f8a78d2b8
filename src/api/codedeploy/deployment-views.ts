import type {
  DeploymentInfo,
  DeploymentOverview,
  DeploymentTarget,
  InstanceSummary,
  LifecycleEvent as LifecycleEventView,
} from '@aws-sdk/client-codedeploy';
import type { LifecycleEvent } from '../../codedeploy/index.js';
import { toEpochSeconds } from '../../shared/index.js';
import type { DeploymentRecord, DeploymentTargetRecord } from '../../store/index.js';
import type { HandlerOutput } from '../protocol/index.js';

/** DeploymentOverview: how many of a deployment's instances are in each status. */
export function deploymentOverview(targets: readonly DeploymentTargetRecord[]): DeploymentOverview {
  const count = (status: string) => targets.filter((t) => t.status === status).length;
  return { Pending: count('Pending'), InProgress: count('InProgress'), Succeeded: count('Succeeded'), Failed: count('Failed'), Skipped: count('Skipped'), Ready: count('Ready') };
}

/** DeploymentInfo as GetDeployment and BatchGetDeployments show it. */
export function deploymentInfo(d: DeploymentRecord, targets: readonly DeploymentTargetRecord[]): HandlerOutput<DeploymentInfo> {
  return {
    applicationName: d.applicationName,
    deploymentGroupName: d.deploymentGroupName,
    deploymentConfigName: d.deploymentConfigName,
    deploymentId: d.deploymentId,
    ...(d.previousRevision ? { previousRevision: d.previousRevision } : {}),
    revision: d.revision,
    status: d.status,
    ...(d.errorInformation ? { errorInformation: d.errorInformation } : {}),
    createTime: toEpochSeconds(d.createMs),
    ...(d.startMs !== undefined ? { startTime: toEpochSeconds(d.startMs) } : {}),
    ...(d.completeMs !== undefined ? { completeTime: toEpochSeconds(d.completeMs) } : {}),
    deploymentOverview: deploymentOverview(targets),
    ...(d.description !== undefined ? { description: d.description } : {}),
    creator: d.creator,
    ignoreApplicationStopFailures: d.ignoreApplicationStopFailures,
    ...(d.autoRollbackConfiguration ? { autoRollbackConfiguration: d.autoRollbackConfiguration } : {}),
    updateOutdatedInstancesOnly: d.updateOutdatedInstancesOnly,
    ...(d.rollbackInfo ? { rollbackInfo: d.rollbackInfo } : {}),
    deploymentStyle:
      d.computePlatform === 'Lambda' ? { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' } : { deploymentType: 'IN_PLACE', deploymentOption: 'WITHOUT_TRAFFIC_CONTROL' },
    ...(d.targetInstances ? { targetInstances: d.targetInstances } : {}),
    instanceTerminationWaitTimeStarted: false,
    fileExistsBehavior: d.fileExistsBehavior,
    deploymentStatusMessages: [],
    computePlatform: d.computePlatform ?? 'Server',
    ...(d.externalId !== undefined ? { externalId: d.externalId } : {}),
  };
}

/** LifecycleEvent as the API shows it: times in epoch seconds, absent until they happen. */
export function lifecycleEventView(e: LifecycleEvent): HandlerOutput<LifecycleEventView> {
  return {
    lifecycleEventName: e.lifecycleEventName,
    ...(e.diagnostics ? { diagnostics: { scriptName: '', logTail: '', ...e.diagnostics } } : {}),
    ...(e.startMs !== undefined ? { startTime: toEpochSeconds(e.startMs) } : {}),
    ...(e.endMs !== undefined ? { endTime: toEpochSeconds(e.endMs) } : {}),
    status: e.status,
  };
}

/** A DeploymentTarget (InstanceTarget, or LambdaTarget with its lambdaFunctionInfo), as BatchGetDeploymentTargets and GetDeploymentTarget show it. */
export function deploymentTargetView(t: DeploymentTargetRecord): HandlerOutput<DeploymentTarget> {
  const target = {
    deploymentId: t.deploymentId,
    targetId: t.targetId,
    targetArn: t.targetArn,
    status: t.status,
    lastUpdatedAt: toEpochSeconds(t.lastUpdatedMs),
    lifecycleEvents: t.lifecycleEvents.map(lifecycleEventView),
  };
  if (t.lambdaFunctionInfo) return { deploymentTargetType: 'LambdaTarget', lambdaTarget: { ...target, lambdaFunctionInfo: t.lambdaFunctionInfo } };
  return { deploymentTargetType: 'InstanceTarget', instanceTarget: target };
}

/** InstanceSummary, as the older GetDeploymentInstance and BatchGetDeploymentInstances show it (instanceId in ARN form). */
export function instanceSummaryView(t: DeploymentTargetRecord): HandlerOutput<InstanceSummary> {
  return {
    deploymentId: t.deploymentId,
    instanceId: t.targetArn,
    status: t.status,
    lastUpdatedAt: toEpochSeconds(t.lastUpdatedMs),
    lifecycleEvents: t.lifecycleEvents.map(lifecycleEventView),
  };
}
