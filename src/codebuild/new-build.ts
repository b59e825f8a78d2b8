import { buildArn } from './codebuild-arns.js';
import type { BuildRecord, BuildRequestRecord, CodeBuildEnvironment, CodeBuildEnvironmentVariable, CodeBuildProject, Scope } from '../store/index.js';

/** The URL of a build's log on the emulator's own server (`?follow=1` streams it until the build ends). */
export function buildLogUrl(baseUrl: string, buildId: string): string {
  return `${baseUrl}/codebuild/builds/${encodeURIComponent(buildId)}/log`;
}

/** Variables in CodeBuild's precedence, lowest first: the project's, then the overrides (a later one of a name wins). */
export function mergeVariables(project: CodeBuildEnvironmentVariable[] = [], overrides: CodeBuildEnvironmentVariable[] = []): CodeBuildEnvironmentVariable[] {
  const byName = new Map<string, CodeBuildEnvironmentVariable>();
  for (const v of [...project, ...overrides]) {
    byName.delete(v.name);
    byName.set(v.name, { name: v.name, value: v.value, type: v.type ?? 'PLAINTEXT' });
  }
  return [...byName.values()];
}

/** The environment a build runs with: the project's, with StartBuild's overrides applied. */
export function effectiveEnvironment(project: CodeBuildProject, request: BuildRequestRecord): CodeBuildEnvironment {
  const env = project.environment;
  return {
    ...env,
    type: request.environmentTypeOverride ?? env.type,
    image: request.imageOverride ?? env.image,
    computeType: request.computeTypeOverride ?? env.computeType,
    environmentVariables: mergeVariables(env.environmentVariables, request.environmentVariablesOverride),
    privilegedMode: request.privilegedModeOverride ?? env.privilegedMode ?? false,
    ...(request.fleetOverride ? { fleet: request.fleetOverride } : {}),
  };
}

/** What a new build record is made from. */
export interface NewBuildInput {
  scope: Scope;
  project: CodeBuildProject;
  request: BuildRequestRecord;
  buildNumber: number;
  uuid: string;
  nowMs: number;
  initiator: string;
  baseUrl: string;
  pipelineName?: string;
  /** The source version to report (a pipeline's input artifact ARN, or StartBuild's sourceVersion). */
  sourceVersion?: string;
  /** The ARN of the batch the build belongs to. */
  buildBatchArn?: string;
}

/** A build as StartBuild returns it: SUBMITTED done, QUEUED begun. */
export function newBuildRecord(input: NewBuildInput): BuildRecord {
  const { scope, project, request, nowMs } = input;
  const id = `${project.name}:${input.uuid}`;
  const sourceVersion = input.sourceVersion ?? request.sourceVersion ?? project.sourceVersion;
  const source = {
    ...project.source,
    ...(request.sourceTypeOverride ? { type: request.sourceTypeOverride } : {}),
    ...(request.sourceLocationOverride ? { location: request.sourceLocationOverride } : {}),
    ...(request.buildspecOverride ? { buildspec: request.buildspecOverride } : {}),
  };
  return {
    id,
    arn: buildArn(scope, id),
    account: scope.account,
    region: scope.region,
    projectName: project.name,
    buildNumber: input.buildNumber,
    startMs: nowMs,
    currentPhase: 'QUEUED',
    buildStatus: 'IN_PROGRESS',
    buildComplete: false,
    ...(sourceVersion ? { sourceVersion } : {}),
    initiator: input.initiator,
    phases: [
      { phaseType: 'SUBMITTED', phaseStatus: 'SUCCEEDED', startMs: nowMs, endMs: nowMs },
      { phaseType: 'QUEUED', startMs: nowMs },
    ],
    source,
    secondarySources: project.secondarySources ?? [],
    secondarySourceVersions: project.secondarySourceVersions ?? [],
    artifacts: {},
    secondaryArtifacts: [],
    cache: project.cache,
    environment: effectiveEnvironment(project, request),
    serviceRole: project.serviceRole,
    logs: { groupName: `/aws/codebuild/${project.name}`, streamName: input.uuid, deepLink: buildLogUrl(input.baseUrl, id) },
    timeoutInMinutes: request.timeoutInMinutesOverride ?? project.timeoutInMinutes,
    queuedTimeoutInMinutes: request.queuedTimeoutInMinutesOverride ?? project.queuedTimeoutInMinutes,
    encryptionKey: project.encryptionKey,
    exportedEnvironmentVariables: [],
    ...(input.buildBatchArn ? { buildBatchArn: input.buildBatchArn } : {}),
    ...(input.pipelineName ? { pipelineName: input.pipelineName } : { request }),
  };
}
