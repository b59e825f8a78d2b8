import type { BuildBatch } from '@aws-sdk/client-codebuild';
import { toEpochSeconds } from '../../shared/index.js';
import type { BatchBuildSummary, BuildBatchPhase, BuildBatchRecord } from '../../store/index.js';
import type { HandlerOutput } from '../protocol/index.js';
import { sourceWithDefaults } from './project-defaults.js';

function phaseView(phase: BuildBatchPhase): Record<string, unknown> {
  const view: Record<string, unknown> = { phaseType: phase.phaseType, startTime: toEpochSeconds(phase.startMs) };
  if (phase.endMs === undefined || phase.phaseStatus === undefined) return view;
  return { ...view, phaseStatus: phase.phaseStatus, endTime: toEpochSeconds(phase.endMs), durationInSeconds: Math.floor((phase.endMs - phase.startMs) / 1000), ...(phase.phaseType === 'SUBMITTED' ? {} : { contexts: phase.contexts ?? [] }) };
}

function summaryView(summary: BatchBuildSummary): Record<string, unknown> {
  return {
    arn: summary.arn,
    requestedOn: toEpochSeconds(summary.requestedOnMs),
    buildStatus: summary.buildStatus,
    ...(summary.primaryArtifact ? { primaryArtifact: summary.primaryArtifact } : {}),
    secondaryArtifacts: summary.secondaryArtifacts ?? [],
  };
}

/** A batch build as StartBuildBatch, BatchGetBuildBatches, StopBuildBatch and RetryBuildBatch show it (BuildBatch). */
export function buildBatchView(batch: BuildBatchRecord): HandlerOutput<BuildBatch> {
  const logGroup = `/aws/codebuild/${batch.projectName}`;
  return {
    id: batch.id,
    arn: batch.arn,
    startTime: toEpochSeconds(batch.startMs),
    ...(batch.endMs !== undefined ? { endTime: toEpochSeconds(batch.endMs) } : {}),
    currentPhase: batch.currentPhase,
    buildBatchStatus: batch.buildBatchStatus,
    ...(batch.sourceVersion ? { sourceVersion: batch.sourceVersion } : {}),
    ...(batch.resolvedSourceVersion ? { resolvedSourceVersion: batch.resolvedSourceVersion } : {}),
    projectName: batch.projectName,
    phases: batch.phases.map(phaseView),
    source: sourceWithDefaults(batch.source),
    secondarySources: batch.secondarySources.map(sourceWithDefaults),
    secondarySourceVersions: batch.secondarySourceVersions,
    artifacts: batch.artifacts,
    secondaryArtifacts: batch.secondaryArtifacts,
    cache: batch.cache,
    environment: batch.environment,
    serviceRole: batch.serviceRole,
    logConfig: { cloudWatchLogs: { status: 'ENABLED', groupName: logGroup }, s3Logs: { status: 'DISABLED', encryptionDisabled: false } },
    buildTimeoutInMinutes: batch.buildTimeoutInMinutes,
    queuedTimeoutInMinutes: batch.queuedTimeoutInMinutes,
    complete: batch.complete,
    initiator: batch.initiator,
    encryptionKey: batch.encryptionKey,
    buildBatchNumber: batch.buildBatchNumber,
    buildBatchConfig: batch.buildBatchConfig,
    buildGroups: batch.buildGroups.map((g) => ({
      identifier: g.identifier,
      dependsOn: g.dependsOn,
      ignoreFailure: g.ignoreFailure,
      ...(g.currentBuildSummary ? { currentBuildSummary: summaryView(g.currentBuildSummary) } : {}),
      priorBuildSummaryList: g.priorBuildSummaryList.map(summaryView),
    })),
    debugSessionEnabled: false,
  } as HandlerOutput<BuildBatch>;
}

