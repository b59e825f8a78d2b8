/** A lifecycle event of an in-place deployment without a load balancer, in the order the agent runs them. */
export const LIFECYCLE_EVENTS = ['ApplicationStop', 'DownloadBundle', 'BeforeInstall', 'Install', 'AfterInstall', 'ApplicationStart', 'ValidateService'] as const;
/** The name of one lifecycle event. */
export type LifecycleEventName = (typeof LIFECYCLE_EVENTS)[number];

/** The lifecycle events of a Lambda deployment, in order (reference-appspec-file-structure-hooks, Lambda). */
export const LAMBDA_LIFECYCLE_EVENTS = ['Start', 'BeforeAllowTraffic', 'AllowTraffic', 'AfterAllowTraffic', 'End'] as const;
/** The name of one lifecycle event of a Lambda deployment. */
export type LambdaLifecycleEventName = (typeof LAMBDA_LIFECYCLE_EVENTS)[number];

/** A lifecycle event's status, as the SDK spells it (LifecycleEventStatus). */
export type LifecycleEventStatus = 'Pending' | 'InProgress' | 'Succeeded' | 'Failed' | 'Skipped' | 'Unknown';

/** What the agent reports about a failed (or succeeded) event, as the API shows it (`Diagnostics`). */
export interface Diagnostics {
  errorCode: 'Success' | 'ScriptMissing' | 'ScriptNotExecutable' | 'ScriptTimedOut' | 'ScriptFailed' | 'UnknownError';
  scriptName?: string;
  message: string;
  /** The last ~2 KB of the scripts' output, `[stdout]`/`[stderr]` prefixed lines. */
  logTail?: string;
}

/** One lifecycle event of one instance (times in epoch ms). */
export interface LifecycleEvent {
  lifecycleEventName: LifecycleEventName | LambdaLifecycleEventName;
  status: LifecycleEventStatus;
  startMs?: number;
  endMs?: number;
  diagnostics?: Diagnostics;
}

/** A tag filter of a deployment group or a deployment's targetInstances (EC2TagFilter / TagFilter). */
export interface TagFilter {
  Key?: string;
  Value?: string;
  Type?: string;
}

/** Where a revision lives, CodeDeploy's RevisionLocation as the API carries it. */
export interface RevisionLocation {
  revisionType?: 'S3' | 'GitHub' | 'String' | 'AppSpecContent';
  s3Location?: { bucket?: string; key?: string; bundleType?: string; version?: string; eTag?: string };
  gitHubLocation?: { repository?: string; commitId?: string };
  string?: { content?: string; sha256?: string };
  appSpecContent?: { content?: string; sha256?: string };
}

/** A registered application revision (RegisterApplicationRevision, or a deployment of it): GenericRevisionInfo's times in epoch ms. */
export interface ApplicationRevisionRecord {
  applicationName: string;
  revision: RevisionLocation;
  description?: string;
  registerMs: number;
  firstUsedMs?: number;
  lastUsedMs?: number;
  /** The deployment groups whose latest deployment was of this revision (their target revision). */
  deploymentGroups?: string[];
}

/** A deployment group's (or deployment's) automatic rollback settings. */
export interface AutoRollbackConfiguration {
  enabled?: boolean;
  events?: string[];
}

/** A stored CodeDeploy application. */
export interface ApplicationRecord {
  applicationId: string;
  applicationName: string;
  computePlatform: 'Server' | 'Lambda' | 'ECS';
  createMs: number;
}

/** A stored deployment group: the members CreateDeploymentGroup/UpdateDeploymentGroup set, kept as given. */
export interface DeploymentGroupRecord {
  applicationName: string;
  deploymentGroupId: string;
  deploymentGroupName: string;
  deploymentConfigName: string;
  serviceRoleArn: string;
  ec2TagFilters: TagFilter[];
  onPremisesInstanceTagFilters: TagFilter[];
  ec2TagSet?: { ec2TagSetList?: TagFilter[][] };
  onPremisesTagSet?: { onPremisesTagSetList?: TagFilter[][] };
  autoScalingGroups: string[];
  autoRollbackConfiguration?: AutoRollbackConfiguration;
  computePlatform: 'Server' | 'Lambda' | 'ECS';
  /** Members the emulator keeps and echoes but does not act on (alarms, triggers, load balancers, ...). */
  passThrough: Record<string, unknown>;
}

/** A stored custom deployment configuration. */
export interface DeploymentConfigRecord {
  deploymentConfigId: string;
  deploymentConfigName: string;
  /** Server configs only. */
  minimumHealthyHosts: { type: string; value: number };
  /** Lambda (and ECS) configs: how traffic moves to the new version. */
  trafficRoutingConfig?: TrafficRoutingConfig;
  computePlatform: 'Server' | 'Lambda' | 'ECS';
  createMs: number;
}

/** How a Lambda deployment shifts an alias's traffic, CodeDeploy's TrafficRoutingConfig. */
export interface TrafficRoutingConfig {
  type: 'AllAtOnce' | 'TimeBasedCanary' | 'TimeBasedLinear';
  timeBasedCanary?: { canaryPercentage: number; canaryInterval: number };
  timeBasedLinear?: { linearPercentage: number; linearInterval: number };
}

/** What a Lambda deployment's AppSpec says: the alias to shift between two versions, and the hook functions. */
export interface LambdaDeploymentSpec {
  functionName: string;
  alias: string;
  currentVersion: string;
  targetVersion: string;
  beforeAllowTraffic?: string;
  afterAllowTraffic?: string;
}

/** A deployment's status, as the SDK spells DeploymentStatus. */
export type DeploymentStatus = 'Created' | 'Queued' | 'InProgress' | 'Baking' | 'Succeeded' | 'Failed' | 'Stopped' | 'Ready';

/** Statuses in which a deployment still holds its deployment group. */
export const ACTIVE_DEPLOYMENT_STATUSES: readonly DeploymentStatus[] = ['Created', 'Queued', 'InProgress'];

/** A stored deployment: DeploymentInfo's members with times in epoch ms, plus where its bundle was copied. */
export interface DeploymentRecord {
  deploymentId: string;
  account: string;
  region: string;
  applicationName: string;
  deploymentGroupName: string;
  deploymentGroupId: string;
  deploymentConfigName: string;
  status: DeploymentStatus;
  errorInformation?: { code: string; message: string };
  createMs: number;
  startMs?: number;
  completeMs?: number;
  description?: string;
  creator: string;
  revision: RevisionLocation;
  previousRevision?: RevisionLocation;
  ignoreApplicationStopFailures: boolean;
  autoRollbackConfiguration?: AutoRollbackConfiguration;
  updateOutdatedInstancesOnly: boolean;
  rollbackInfo?: { rollbackDeploymentId?: string; rollbackTriggeringDeploymentId?: string; rollbackMessage?: string };
  fileExistsBehavior: 'DISALLOW' | 'OVERWRITE' | 'RETAIN';
  targetInstances?: Record<string, unknown>;
  externalId?: string;
  /** The revision's zip, copied at creation so later changes to its source (or a rollback) use what was deployed. */
  bundlePath: string;
  /** Set by StopDeployment: whether the stopped deployment should be rolled back. */
  stopRequest?: { autoRollbackEnabled: boolean };
  /** Lambda deployments: the platform and what their AppSpec says (absent on Server deployments). */
  computePlatform?: 'Lambda';
  lambda?: LambdaDeploymentSpec;
}

/** A deployment target's status, as the SDK spells TargetStatus. */
export type TargetStatus = 'Pending' | 'InProgress' | 'Succeeded' | 'Failed' | 'Skipped' | 'Unknown' | 'Ready';

/** One instance of a deployment with its lifecycle events (times in epoch ms). */
export interface DeploymentTargetRecord {
  deploymentId: string;
  targetId: string;
  targetArn: string;
  status: TargetStatus;
  lastUpdatedMs: number;
  lifecycleEvents: LifecycleEvent[];
  /** A Lambda deployment's target: the alias's function, versions and the share of traffic the target version has. */
  lambdaFunctionInfo?: { functionName: string; functionAlias: string; currentVersion: string; targetVersion: string; targetVersionWeight: number };
}
