import type { BuildBatch } from '@aws-sdk/client-codebuild';
import { toEpochSeconds } from '../../shared/index.js';
import type { BatchBuildSummary, BuildBatchPhase, BuildBatchRecord } from '../../store/index.js';
import type { HandlerOutput } from '../protocol/index.js';
import { sourceWithDefaults } from './project-defaults.js';

// The defaults AWS shows in a batch's buildBatchConfig (its samples: maximumBuildsAllowed 100, timeoutInMins 480).
function batchConfigWithDefaults(config: BuildBatchRecord['buildBatchConfig']): BuildBatchRecord['buildBatchConfig'] {
  return { ...config, restrictions: { maximumBuildsAllowed: 100, ...config.restrictions }, timeoutInMins: config.timeoutInMins ?? 480 };
}

function phaseView(phase: BuildBatchPhase): Record<string, unknown> {
  const view: Record<string, unknown> = { phaseType: phase.phaseType, startTime: toEpochSeconds(phase.startMs) };
  if (phase.endMs === undefined || phase.phaseStatus === undefined) return view;
  // AWS's samples show no `contexts` on batch phases that went well: only a phase with something to say has them.
  return { ...view, phaseStatus: phase.phaseStatus, endTime: toEpochSeconds(phase.endMs), durationInSeconds: Math.floor((phase.endMs - phase.startMs) / 1000), ...(phase.contexts?.length ? { contexts: phase.contexts } : {}) };
}

function summaryView(summary: BatchBuildSummary): Record<string, unknown> {
  return {
    arn: summary.arn,
    requestedOn: toEpochSeconds(summary.requestedOnMs),
    buildStatus: summary.buildStatus,
    // A build that has not ended shows no artifacts (AWS's samples).
    ...(summary.primaryArtifact ? { primaryArtifact: summary.primaryArtifact, secondaryArtifacts: summary.secondaryArtifacts ?? [] } : {}),
  };
}

/** A batch build as StartBuildBatch, BatchGetBuildBatches, StopBuildBatch and RetryBuildBatch show it (BuildBatch). */
export function buildBatchView(batch: BuildBatchRecord): HandlerOutput<BuildBatch> {
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
    // StartBuildBatch's answer, SUBMITTED begun, has no phases (AWS's sample).
    ...(batch.phases.length === 1 && batch.phases[0].endMs === undefined ? {} : { phases: batch.phases.map(phaseView) }),
    source: sourceWithDefaults(batch.source),
    secondarySources: batch.secondarySources.map(sourceWithDefaults),
    secondarySourceVersions: batch.secondarySourceVersions,
    artifacts: batch.artifacts,
    secondaryArtifacts: batch.secondaryArtifacts,
    cache: batch.cache,
    environment: batch.environment,
    serviceRole: batch.serviceRole,
    logConfig: { cloudWatchLogs: { status: 'ENABLED' }, s3Logs: { status: 'DISABLED', encryptionDisabled: false } },
    buildTimeoutInMinutes: batch.buildTimeoutInMinutes,
    queuedTimeoutInMinutes: batch.queuedTimeoutInMinutes,
    complete: batch.complete,
    initiator: batch.initiator,
    encryptionKey: batch.encryptionKey,
    buildBatchNumber: batch.buildBatchNumber,
    buildBatchConfig: batchConfigWithDefaults(batch.buildBatchConfig),
    buildGroups: batch.buildGroups.map((g) => ({
      identifier: g.identifier,
      ...(g.sourceDownload ? {} : { dependsOn: g.dependsOn }),
      ignoreFailure: g.ignoreFailure,
      ...(g.currentBuildSummary ? { currentBuildSummary: summaryView(g.currentBuildSummary) } : {}),
      priorBuildSummaryList: g.priorBuildSummaryList.map(summaryView),
    })),
    debugSessionEnabled: false,
  } as HandlerOutput<BuildBatch>;
}

