import type { BuildRequestRecord, BuildStatus, CodeBuildArtifacts, CodeBuildEnvironment, CodeBuildProject, CodeBuildSource } from './codebuild-records.js';

/** A phase type of a batch build (BuildBatchPhaseType). */
export type BuildBatchPhaseType = 'SUBMITTED' | 'DOWNLOAD_BATCHSPEC' | 'IN_PROGRESS' | 'COMBINE_ARTIFACTS' | 'SUCCEEDED' | 'FAILED' | 'STOPPED';

/** One phase of a batch build (times in epoch ms). */
export interface BuildBatchPhase {
  phaseType: BuildBatchPhaseType;
  /** A StatusType; RETRY for a final phase a retry ended, CLIENT_ERROR for IN_PROGRESS of a batch whose build failed (as AWS shows them). */
  phaseStatus?: BuildStatus | 'RETRY' | 'CLIENT_ERROR';
  startMs: number;
  endMs?: number;
  contexts?: { statusCode: string; message: string }[];
}

/** One run of a batch's build: the build's ARN, when it was asked for and how it stands (BuildSummary). */
export interface BatchBuildSummary {
  arn: string;
  /** The build's id, to read it back; not part of AWS's BuildSummary. */
  buildId: string;
  requestedOnMs: number;
  buildStatus: BuildStatus;
  primaryArtifact?: { type?: string; location?: string; identifier?: string };
  secondaryArtifacts?: { type?: string; location?: string; identifier?: string }[];
}

/** What one build of the batch is asked to run, kept so RetryBuildBatch runs it again. */
export interface BatchBuildPlan {
  buildspec?: string;
  computeType?: string;
  image?: string;
  privilegedMode?: boolean;
  type?: string;
  variables: Record<string, string>;
}

/** One build of a batch (BuildGroup), with the plan it runs. */
export interface BuildGroupRecord {
  identifier: string;
  /** The DOWNLOAD_SOURCE group: the batch's own source download, shown as a build (no dependsOn, never retried). */
  sourceDownload?: boolean;
  dependsOn: string[];
  ignoreFailure: boolean;
  currentBuildSummary?: BatchBuildSummary;
  priorBuildSummaryList: BatchBuildSummary[];
  plan: BatchBuildPlan;
}

/** A batch build as stored: BatchGetBuildBatches' BuildBatch, with what the emulator needs to run and retry it. */
export interface BuildBatchRecord {
  id: string;
  arn: string;
  account: string;
  region: string;
  projectName: string;
  buildBatchNumber: number;
  startMs: number;
  endMs?: number;
  currentPhase: BuildBatchPhaseType;
  buildBatchStatus: BuildStatus;
  complete: boolean;
  sourceVersion?: string;
  resolvedSourceVersion?: string;
  phases: BuildBatchPhase[];
  source: CodeBuildSource;
  secondarySources: CodeBuildSource[];
  secondarySourceVersions: { sourceIdentifier: string; sourceVersion: string }[];
  artifacts: { location?: string; [member: string]: unknown };
  secondaryArtifacts: { location?: string; [member: string]: unknown }[];
  cache: CodeBuildProject['cache'];
  environment: CodeBuildEnvironment;
  serviceRole: string;
  buildTimeoutInMinutes: number;
  queuedTimeoutInMinutes: number;
  initiator: string;
  encryptionKey: string;
  buildBatchConfig: { serviceRole?: string; combineArtifacts?: boolean; restrictions?: { maximumBuildsAllowed?: number; computeTypesAllowed?: string[] }; timeoutInMins?: number; batchReportMode?: string };
  buildGroups: BuildGroupRecord[];
  /** `batch.fast-fail` of the batchspec. */
  fastFail: boolean;
  /** The StartBuildBatch overrides each build of the batch gets (a retry asks them again). */
  request: BuildRequestRecord;
  /** `codepipeline/<pipeline>` batches keep their pipeline's name. */
  pipelineName?: string;
  /** The artifacts override of the batch, kept apart from `request` since a pipeline's carries none. */
  artifactsOverride?: CodeBuildArtifacts;
}
