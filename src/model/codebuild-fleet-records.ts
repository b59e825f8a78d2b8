import type { CodeBuildEnvironment, CodeBuildSource } from './codebuild-records.js';

/** A compute fleet as CodeBuild's API shows it (Fleet), its timestamps kept as epoch ms; members not read are kept as given. */
export interface FleetRecord {
  arn: string;
  name: string;
  id: string;
  createdMs: number;
  lastModifiedMs: number;
  status: { statusCode: string; context?: string; message?: string };
  baseCapacity: number;
  environmentType: string;
  computeType: string;
  computeConfiguration?: Record<string, unknown>;
  scalingConfiguration?: Record<string, unknown>;
  overflowBehavior?: string;
  vpcConfig?: Record<string, unknown>;
  proxyConfiguration?: Record<string, unknown>;
  imageId?: string;
  fleetServiceRole?: string;
  tags: { key?: string; value?: string }[];
}

/** A sandbox's session: the container it runs in and the phases that brought it up (SandboxSession). */
export interface SandboxSessionRecord {
  id: string;
  status: string;
  startMs: number;
  endMs?: number;
  currentPhase: string;
  resolvedSourceVersion?: string;
  phases: { phaseType: string; phaseStatus?: string; startMs: number; endMs?: number; contexts?: { statusCode?: string; message?: string }[] }[];
  logs: { groupName: string; streamName: string; deepLink: string };
}

/** A sandbox (StartSandbox): a build environment of a project that commands run in; times are epoch ms. */
export interface SandboxRecord {
  id: string;
  arn: string;
  account: string;
  region: string;
  projectName: string;
  requestMs: number;
  startMs?: number;
  endMs?: number;
  status: string;
  source: CodeBuildSource;
  sourceVersion?: string;
  secondarySources?: CodeBuildSource[];
  environment: CodeBuildEnvironment;
  timeoutInMinutes: number;
  queuedTimeoutInMinutes: number;
  encryptionKey: string;
  serviceRole: string;
  logConfig?: Record<string, unknown>;
  currentSession: SandboxSessionRecord;
  /** The Docker container the sandbox runs in, while it runs. */
  containerName?: string;
}

/** One command run in a sandbox (StartCommandExecution); times are epoch ms. */
export interface CommandExecutionRecord {
  id: string;
  sandboxId: string;
  sandboxArn: string;
  submitMs: number;
  startMs?: number;
  endMs?: number;
  status: 'SUBMITTED' | 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'STOPPED';
  command: string;
  type: string;
  exitCode?: string;
  standardOutputContent?: string;
  standardErrContent?: string;
  logs: { groupName: string; streamName: string; deepLink: string };
}
