import type { BatchBuildSummary, BuildBatchPhase, BuildRecord, BuildBatchPhaseType, BuildBatchRecord, BuildRequestRecord, CodeBuildArtifacts, CodeBuildProject, Scope } from '../store/index.js';
import { buildBatchArn } from './codebuild-arns.js';
import type { BatchBuildDefinition } from './buildspec-batch.js';
import { effectiveEnvironment } from './new-build.js';

// CodeBuild's default for restrictions.maximumBuildsAllowed [doc: "the default is 100"].
const DEFAULT_MAXIMUM_BUILDS = 100;

/** What a new batch record is made from. */
export interface NewBatchInput {
  scope: Scope;
  project: CodeBuildProject;
  request: BuildRequestRecord;
  batchNumber: number;
  uuid: string;
  nowMs: number;
  initiator: string;
  /** StartBuildBatch's buildBatchConfigOverride, else the project's. */
  buildBatchConfig: BuildBatchRecord['buildBatchConfig'];
  pipelineName?: string;
  artifactsOverride?: CodeBuildArtifacts;
}

/** A batch as StartBuildBatch returns it: SUBMITTED begun (the view shows no phases until one has ended). */
export function newBatchRecord(input: NewBatchInput): BuildBatchRecord {
  const { scope, project, request, nowMs } = input;
  const id = `${project.name}:${input.uuid}`;
  const sourceVersion = request.sourceVersion ?? project.sourceVersion;
  return {
    id,
    arn: buildBatchArn(scope, id),
    account: scope.account,
    region: scope.region,
    projectName: project.name,
    buildBatchNumber: input.batchNumber,
    startMs: nowMs,
    currentPhase: 'SUBMITTED',
    buildBatchStatus: 'IN_PROGRESS',
    complete: false,
    ...(sourceVersion ? { sourceVersion } : {}),
    // As StartBuildBatch answers: SUBMITTED, no phase yet (AWS's sample).
    phases: [{ phaseType: 'SUBMITTED', startMs: nowMs }],
    source: {
      ...project.source,
      ...(request.sourceTypeOverride ? { type: request.sourceTypeOverride } : {}),
      ...(request.sourceLocationOverride ? { location: request.sourceLocationOverride } : {}),
      ...(request.buildspecOverride ? { buildspec: request.buildspecOverride } : {}),
    },
    secondarySources: project.secondarySources ?? [],
    secondarySourceVersions: project.secondarySourceVersions ?? [],
    artifacts: { location: '' },
    secondaryArtifacts: [],
    cache: project.cache,
    environment: effectiveEnvironment(project, request),
    serviceRole: project.serviceRole,
    buildTimeoutInMinutes: request.timeoutInMinutesOverride ?? project.timeoutInMinutes,
    queuedTimeoutInMinutes: request.queuedTimeoutInMinutesOverride ?? project.queuedTimeoutInMinutes,
    initiator: input.initiator,
    encryptionKey: project.encryptionKey,
    buildBatchConfig: input.buildBatchConfig,
    buildGroups: [],
    fastFail: false,
    request,
    ...(input.pipelineName ? { pipelineName: input.pipelineName } : {}),
    ...(input.artifactsOverride ? { artifactsOverride: input.artifactsOverride } : {}),
  };
}

/** Ends the running phase with a status (and contexts) and begins `next`, if given. */
export function advancePhase(phases: BuildBatchPhase[], status: BuildBatchPhase['phaseStatus'] & string, nowMs: number, next?: BuildBatchPhaseType, contexts?: BuildBatchPhase['contexts']): BuildBatchPhase[] {
  const ended = phases.map((p) => (p.endMs === undefined ? { ...p, phaseStatus: status, endMs: nowMs, ...(contexts?.length ? { contexts } : {}) } : p));
  return next ? [...ended, { phaseType: next, startMs: nowMs }] : ended;
}

/** A batch ended with a status: its running phase closed and the final phase (SUCCEEDED, FAILED or STOPPED) begun, as CodeBuild shows it. */
export function endBatch(batch: BuildBatchRecord, status: 'SUCCEEDED' | 'FAILED' | 'STOPPED', nowMs: number, contexts?: BuildBatchPhase['contexts']): BuildBatchRecord {
  // AWS's sample of a batch whose build failed ends IN_PROGRESS with status CLIENT_ERROR (not a StatusType, but what it shows).
  const phaseStatus = status === 'FAILED' && batch.currentPhase === 'IN_PROGRESS' && !contexts ? 'CLIENT_ERROR' : status;
  return {
    ...batch,
    phases: advancePhase(batch.phases, phaseStatus, nowMs, status, contexts),
    currentPhase: status,
    buildBatchStatus: status,
    complete: true,
    endMs: nowMs,
  };
}

/** Why the batch's restrictions (maximumBuildsAllowed, computeTypesAllowed) refuse its builds; undefined when they allow them. */
export function restrictionRefusal(batch: BuildBatchRecord, definitions: BatchBuildDefinition[]): string | undefined {
  const restrictions = batch.buildBatchConfig.restrictions ?? {};
  const maximum = restrictions.maximumBuildsAllowed ?? DEFAULT_MAXIMUM_BUILDS;
  // wording inferred for both refusals
  if (definitions.length > maximum) return `Batch has ${definitions.length} builds, more than the ${maximum} its restrictions allow`;
  const allowed = restrictions.computeTypesAllowed;
  if (!allowed?.length) return undefined;
  for (const d of definitions) {
    const computeType = d.env.computeType ?? batch.environment.computeType;
    if (!allowed.includes(computeType)) return `Compute type ${computeType} of build ${d.identifier} is not allowed by the batch's restrictions`;
  }
  return undefined;
}

/** A build as its batch group shows it (BuildSummary). */
export function summaryOf(build: BuildRecord, identifier: string, artifactsType: string): BatchBuildSummary {
  const summary = { arn: build.arn, buildId: build.id, requestedOnMs: build.startMs, buildStatus: build.buildStatus };
  if (!build.buildComplete) return summary;
  // As AWS's samples show it: the artifacts type in lower case (`no_artifacts`), the group's identifier, the location when there is one.
  const location = build.artifacts.location ? { location: build.artifacts.location } : {};
  return { ...summary, primaryArtifact: { type: artifactsType.toLowerCase(), ...location, identifier }, secondaryArtifacts: [] };
}
