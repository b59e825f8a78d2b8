import type { CollectedReport } from './codebuild-reports.js';

/** An environment variable of a project or a StartBuild override, as CodeBuild's API carries it. */
export interface CodeBuildEnvironmentVariable {
  name: string;
  value: string;
  type?: 'PLAINTEXT' | 'PARAMETER_STORE' | 'SECRETS_MANAGER';
}

/** A project's (or build's) source, CodeBuild's ProjectSource; members the emulator does not read are kept as given. */
export interface CodeBuildSource {
  type: string;
  location?: string;
  buildspec?: string;
  sourceIdentifier?: string;
  gitCloneDepth?: number;
  insecureSsl?: boolean;
  [member: string]: unknown;
}

/** A project's artifacts settings, CodeBuild's ProjectArtifacts. */
export interface CodeBuildArtifacts {
  type: string;
  location?: string;
  path?: string;
  namespaceType?: string;
  name?: string;
  packaging?: string;
  artifactIdentifier?: string;
  [member: string]: unknown;
}

/** A project's build environment, CodeBuild's ProjectEnvironment. */
export interface CodeBuildEnvironment {
  type: string;
  image: string;
  computeType: string;
  environmentVariables?: CodeBuildEnvironmentVariable[];
  privilegedMode?: boolean;
  imagePullCredentialsType?: string;
  [member: string]: unknown;
}

/** A project as CodeBuild's API shows it, without its timestamps (kept as epoch ms on the record). */
export interface CodeBuildProject {
  name: string;
  arn: string;
  description?: string;
  source: CodeBuildSource;
  secondarySources?: CodeBuildSource[];
  sourceVersion?: string;
  secondarySourceVersions?: { sourceIdentifier: string; sourceVersion: string }[];
  artifacts: CodeBuildArtifacts;
  secondaryArtifacts?: CodeBuildArtifacts[];
  cache: { type: string; location?: string; modes?: string[]; [member: string]: unknown };
  environment: CodeBuildEnvironment;
  serviceRole: string;
  timeoutInMinutes: number;
  queuedTimeoutInMinutes: number;
  encryptionKey: string;
  tags?: { key?: string; value?: string }[];
  [member: string]: unknown;
}

/** A stored project with its creation and modification times. */
export interface ProjectRecord {
  project: CodeBuildProject;
  createdMs: number;
  modifiedMs: number;
}

/** What a build was asked to do beyond its project, kept so RetryBuild can ask it again. */
export interface BuildRequestRecord {
  sourceVersion?: string;
  buildspecOverride?: string;
  environmentVariablesOverride?: CodeBuildEnvironmentVariable[];
  imageOverride?: string;
  timeoutInMinutesOverride?: number;
  queuedTimeoutInMinutesOverride?: number;
  privilegedModeOverride?: boolean;
  computeTypeOverride?: string;
  environmentTypeOverride?: string;
  sourceTypeOverride?: string;
  sourceLocationOverride?: string;
  artifactsOverride?: CodeBuildArtifacts;
  /** The reserved-capacity fleet the build runs on instead of the project's. */
  fleetOverride?: { fleetArn?: string };
  idempotencyToken?: string;
  /** The `CODEBUILD_WEBHOOK_*` variables of a build a webhook started (not an API member: set by the webhook delivery). */
  webhookVariables?: Record<string, string>;
}

/** The build artifacts as BatchGetBuilds shows them (BuildArtifacts). */
export interface BuildArtifactsView {
  location?: string;
  artifactIdentifier?: string;
  sha256sum?: string;
  md5sum?: string;
}

/** One build: what BatchGetBuilds shows (times in epoch ms), plus what the emulator needs to retry and summarise it. */
export interface BuildRecord {
  id: string;
  arn: string;
  account: string;
  region: string;
  projectName: string;
  buildNumber: number;
  startMs: number;
  endMs?: number;
  currentPhase: BuildPhaseType;
  buildStatus: BuildStatus;
  buildComplete: boolean;
  sourceVersion?: string;
  resolvedSourceVersion?: string;
  initiator: string;
  phases: BuildPhase[];
  source: CodeBuildSource;
  secondarySources: CodeBuildSource[];
  secondarySourceVersions: { sourceIdentifier: string; sourceVersion: string }[];
  artifacts: BuildArtifactsView;
  secondaryArtifacts: BuildArtifactsView[];
  cache: CodeBuildProject['cache'];
  environment: CodeBuildEnvironment;
  serviceRole: string;
  logs: { groupName: string; streamName: string; deepLink: string };
  timeoutInMinutes: number;
  queuedTimeoutInMinutes: number;
  encryptionKey: string;
  exportedEnvironmentVariables: { name: string; value: string }[];
  /** For a failed build: the phase, the failing command and its exit code, for summaries. */
  failure?: BuildOutcome['failure'];
  /** The ARNs of the reports the build's buildspec `reports` produced. */
  reportArns?: string[];
  /** The StartBuild overrides, for RetryBuild; absent for builds a pipeline started. */
  request?: BuildRequestRecord;
  /** `codepipeline/<pipeline>` builds are not retried outside their pipeline. */
  pipelineName?: string;
  /** The ARN of the batch build this build belongs to. */
  buildBatchArn?: string;
}

/** CodeBuild's phase types, in the order a build goes through them. */
export type BuildPhaseType =
  | 'SUBMITTED'
  | 'QUEUED'
  | 'PROVISIONING'
  | 'DOWNLOAD_SOURCE'
  | 'INSTALL'
  | 'PRE_BUILD'
  | 'BUILD'
  | 'POST_BUILD'
  | 'UPLOAD_ARTIFACTS'
  | 'FINALIZING'
  | 'COMPLETED';

/** A status as CodeBuild's API spells it (StatusType). */
export type BuildStatus = 'SUCCEEDED' | 'FAILED' | 'FAULT' | 'TIMED_OUT' | 'IN_PROGRESS' | 'STOPPED';

/** One phase of a build, as BatchGetBuilds shows it (times in epoch ms here). */
export interface BuildPhase {
  phaseType: BuildPhaseType;
  phaseStatus?: BuildStatus;
  startMs: number;
  endMs?: number;
  /** `[{statusCode, message}]` as CodeBuild reports a phase's context (e.g. COMMAND_EXECUTION_ERROR). */
  contexts?: { statusCode: string; message: string }[];
}

/** How a build ended. */
export interface BuildOutcome {
  status: Exclude<BuildStatus, 'IN_PROGRESS'>;
  phases: BuildPhase[];
  /** `env.exported-variables` values at the end of the build. */
  exportedVariables: Record<string, string>;
  /** The zips written, by artifact identifier (the primary under its `primary` identifier). */
  artifacts: Record<string, string>;
  /** The buildspec `name` of each written artifact, shell-evaluated at the end of the build, for `overrideArtifactName`. */
  artifactNames?: Record<string, string>;
  /** The files of each buildspec `reports` entry, read in UPLOAD_ARTIFACTS. */
  reports?: CollectedReport[];
  /** For a failed build: the phase, the failing command, and its exit code, for summaries. */
  failure?: {
    phase: BuildPhaseType;
    /** The failing phase's context message, e.g. `Error while executing command: npm test. Reason: exit status 1`. */
    message: string;
    exitCode?: number;
    /** The context's status code, e.g. COMMAND_EXECUTION_ERROR, YAML_FILE_ERROR, CLIENT_ERROR, BUILD_TIMED_OUT. */
    statusCode?: string;
  };
}
