import type { Build, BuildPhase as BuildPhaseView, Project, Webhook } from '@aws-sdk/client-codebuild';
import type { BuildPhase, WebhookRecord } from '../../codebuild/index.js';
import { formatArn, toEpochSeconds } from '../../shared/index.js';
import type { BuildRecord, ProjectRecord } from '../../store/index.js';
import type { HandlerOutput } from '../protocol/index.js';
import { projectWithDefaults, sourceWithDefaults } from './project-defaults.js';

/** A webhook as BatchGetProjects shows it: everything but its secret, which only CreateWebhook and a rotation return. */
export function webhookView(webhook: WebhookRecord): HandlerOutput<Webhook> {
  const { secret: _secret, ...shown } = webhook;
  return shown as HandlerOutput<Webhook>;
}

/** A project as CodeBuild's API shows it (Project), with epoch-second timestamps. */
export function projectView(record: ProjectRecord): HandlerOutput<Project> {
  const { webhook, ...project } = record.project;
  return {
    ...projectWithDefaults(project),
    ...(webhook ? { webhook: webhookView(webhook as WebhookRecord) } : {}),
    created: toEpochSeconds(record.createdMs),
    lastModified: toEpochSeconds(record.modifiedMs),
  };
}

/**
 * One phase as BatchGetBuilds shows it: a running phase has only its type and start (and the contexts of one waiting
 * for room, when it has them); SUBMITTED has no contexts;
 * COMPLETED has only its type and start.
 */
export function phaseView(phase: BuildPhase): HandlerOutput<BuildPhaseView> {
  const view: HandlerOutput<BuildPhaseView> = { phaseType: phase.phaseType, startTime: toEpochSeconds(phase.startMs) };
  if (phase.phaseType === 'COMPLETED') return view;
  if (phase.endMs === undefined || phase.phaseStatus === undefined || phase.phaseStatus === 'IN_PROGRESS') {
    // A build waiting in QUEUED for room on the executor (--executor swarm) says why: shown as it is, inferred.
    return phase.contexts?.length ? { ...view, contexts: phase.contexts } : view;
  }
  view.phaseStatus = phase.phaseStatus;
  view.endTime = toEpochSeconds(phase.endMs);
  view.durationInSeconds = Math.floor((phase.endMs - phase.startMs) / 1000);
  if (phase.phaseType !== 'SUBMITTED') view.contexts = phase.contexts ?? [];
  return view;
}

/** A build as BatchGetBuilds, StartBuild and StopBuild show it (Build). */
export function buildView(build: BuildRecord): HandlerOutput<Build> {
  return {
    id: build.id,
    arn: build.arn,
    buildNumber: build.buildNumber,
    startTime: toEpochSeconds(build.startMs),
    ...(build.endMs !== undefined ? { endTime: toEpochSeconds(build.endMs) } : {}),
    currentPhase: build.currentPhase,
    buildStatus: build.buildStatus,
    ...(build.sourceVersion ? { sourceVersion: build.sourceVersion } : {}),
    ...(build.resolvedSourceVersion ? { resolvedSourceVersion: build.resolvedSourceVersion } : {}),
    projectName: build.projectName,
    phases: build.phases.map(phaseView),
    source: sourceWithDefaults(build.source),
    secondarySources: build.secondarySources.map(sourceWithDefaults),
    secondarySourceVersions: build.secondarySourceVersions,
    artifacts: build.artifacts,
    secondaryArtifacts: build.secondaryArtifacts,
    cache: build.cache,
    environment: build.environment,
    serviceRole: build.serviceRole,
    logs: {
      ...build.logs,
      cloudWatchLogsArn: formatArn({ service: 'logs', region: build.region, account: build.account, resource: `log-group:${build.logs.groupName}:log-stream:${build.logs.streamName}` }),
      cloudWatchLogs: { status: 'ENABLED' },
      s3Logs: { status: 'DISABLED', encryptionDisabled: false },
    },
    timeoutInMinutes: build.timeoutInMinutes,
    queuedTimeoutInMinutes: build.queuedTimeoutInMinutes,
    buildComplete: build.buildComplete,
    initiator: build.initiator,
    encryptionKey: build.encryptionKey,
    ...(build.exportedEnvironmentVariables.length ? { exportedEnvironmentVariables: build.exportedEnvironmentVariables } : {}),
    ...(build.reportArns?.length ? { reportArns: build.reportArns } : {}),
    ...(build.buildBatchArn ? { buildBatchArn: build.buildBatchArn } : {}),
  };
}
