import { allPages, callAws, currentCaller } from './aws.js';

/** A lifecycle event of one instance, with the tail of its scripts' output. */
export interface LifecycleEvent {
  lifecycleEventName: string;
  status?: string;
  startTime?: number;
  endTime?: number;
  diagnostics?: { errorCode?: string; scriptName?: string; message?: string; logTail?: string };
}

/** One instance of a deployment, as BatchGetDeploymentTargets shows an InstanceTarget. */
export interface InstanceTarget {
  targetId: string;
  targetArn?: string;
  status?: string;
  lastUpdatedAt?: number;
  lifecycleEvents?: LifecycleEvent[];
}

/** A deployment as GetDeployment shows it (the members the console reads). */
export interface DeploymentInfo {
  deploymentId: string;
  applicationName?: string;
  deploymentGroupName?: string;
  deploymentConfigName?: string;
  status?: string;
  errorInformation?: { code?: string; message?: string };
  createTime?: number;
  startTime?: number;
  completeTime?: number;
  deploymentOverview?: Record<string, number>;
  description?: string;
  creator?: string;
  rollbackInfo?: { rollbackDeploymentId?: string; rollbackTriggeringDeploymentId?: string; rollbackMessage?: string };
}

/** An instance as the emulator's instances page lists it: an Nginx container with the URL it answers at. */
export interface InstanceInfo {
  account?: string;
  region?: string;
  instanceName: string;
  instanceArn?: string;
  registrationStatus?: string;
  url?: string;
  tags?: { Key?: string; Value?: string }[];
}

/** The emulator's own page listing its instances with their URLs (not part of the AWS API). */
export const INSTANCES_PAGE = '/codedeploy/instances';

/** The registered instances of the current account and region, by name; empty when the page is not served. */
export async function loadInstances(signal?: AbortSignal): Promise<Map<string, InstanceInfo>> {
  const response = await fetch(INSTANCES_PAGE, { signal, headers: { accept: 'application/json' } }).catch(() => undefined);
  if (!response?.ok) return new Map();
  const { account, region } = currentCaller();
  const body = (await response.json()) as { instances?: InstanceInfo[] };
  const mine = (body.instances ?? []).filter((i) => (!i.account || i.account === account) && (!i.region || i.region === region));
  return new Map(mine.map((i) => [i.instanceName, i]));
}

/** A deployment with its instances and what is known of each instance. */
export interface DeploymentView {
  deployment: DeploymentInfo;
  targets: InstanceTarget[];
  instances: Map<string, InstanceInfo>;
}

const cd = <T>(operation: string, input: object = {}, signal?: AbortSignal) => callAws<T>('codedeploy', operation, input, signal);

/** GetDeployment, its targets with their lifecycle events, and the instances behind them. */
export async function loadDeployment(deploymentId: string, signal?: AbortSignal): Promise<DeploymentView> {
  const [{ deploymentInfo }, listed] = await Promise.all([
    cd<{ deploymentInfo: DeploymentInfo }>('GetDeployment', { deploymentId }, signal),
    cd<{ targetIds?: string[] }>('ListDeploymentTargets', { deploymentId }, signal),
  ]);
  const targetIds = listed.targetIds ?? [];
  if (!targetIds.length) return { deployment: deploymentInfo, targets: [], instances: new Map() };
  const [targets, instances] = await Promise.all([
    cd<{ deploymentTargets?: { instanceTarget?: InstanceTarget; lambdaTarget?: InstanceTarget }[] }>('BatchGetDeploymentTargets', { deploymentId, targetIds: targetIds.slice(0, 25) }, signal),
    // The instances' URLs are a nicety: without them the deployment still shows.
    loadInstances(signal),
  ]);
  return {
    deployment: deploymentInfo,
    // A Lambda deployment's alias shows as its one target, with its five events.
    targets: (targets.deploymentTargets ?? []).flatMap((t) => {
      const target = t.instanceTarget ?? t.lambdaTarget;
      return target ? [target] : [];
    }),
    instances,
  };
}

/** ListApplications: every application name, all pages. */
export function listApplications(): Promise<string[]> {
  return allPages<string>('codedeploy', 'ListApplications', {}, 'applications');
}

/** ListDeploymentGroups of an application, all pages. */
export function listDeploymentGroups(applicationName: string): Promise<string[]> {
  return allPages<string>('codedeploy', 'ListDeploymentGroups', { applicationName }, 'deploymentGroups');
}
