import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { TypedEmitter, type Clock, type Ids, type Logger } from '../shared/index.js';
import type { BuildRecord, BuildRequestRecord, CodeBuildProject, CodeBuildReportStore, CodeBuildStore, Scope } from '../store/index.js';
import { ArtifactDeliveryFailure, artifactsOutDir, deliverProjectArtifacts, projectArtifactsRequest, type ArtifactObjects } from './build-artifacts.js';
import type { BuildLogs, BuildLogWriter } from './build-logs.js';
import { containerLine } from './build-log.js';
import { currentPhaseOf, finishPhases, mergePhase } from './build-phases.js';
import { BuildAborted, BuildSetupFailure, prepareBuild, type PreparationDeps } from './build-preparation.js';
import type { BuildArtifactsRequest, BuildOutcome, BuildPhase, RunBuild } from './build-request.js';
import { storeBuildReports } from './build-reports.js';
import { projectSources, type ProjectSourceDeps, type SourcePreparer } from './build-sources.js';
import { newBuildRecord } from './new-build.js';
import { runnerRequest, runnerRequestCacheVolume } from './runner-request.js';
import { engineHandle, placedImages, queuedContext, type BuildPlacer } from './build-engines.js';

/** What the build service needs. */
export interface BuildServiceDeps extends PreparationDeps {
  store: CodeBuildStore;
  logs: BuildLogs;
  runBuild: RunBuild;
  clock: Clock;
  ids: Ids;
  log: Logger;
  baseUrl(): string;
  /** A folder for each build's scratch files (sources, zips); each build's folder is removed when it ends. */
  workRoot: string;
  sources: ProjectSourceDeps;
  /** The one S3 stand-in: buildspecs are read and S3 artifacts written through it. */
  s3: PreparationDeps['s3'] & ArtifactObjects;
  /** Where the reports of a buildspec's `reports` are kept; without it they are not stored. */
  reports?: CodeBuildReportStore;
  /** The compute type of a reserved-capacity fleet a build's environment names, whose limits the build then gets; undefined for none. */
  fleetComputeType?(scope: Scope, fleetArn: string): string | undefined;
  /** The executor's engines each build is placed on; without it builds use `images` and the runner's own engine. */
  engines?: BuildPlacer;
}

/** A build a pipeline action starts: its sources are the action's input artifacts, its artifacts the action's outputs. */
export interface PipelineBuildInput {
  pipelineName: string;
  sources: SourcePreparer;
  artifacts: Omit<BuildArtifactsRequest, 'outDir'>;
  /** Where the runner writes the output zips; the caller owns (and removes) it. */
  outDir: string;
  /** CODEBUILD_SOURCE_VERSION as CodePipeline sets it: the primary input artifact's S3 ARN. */
  sourceVersion?: string;
}

/** What to build. */
export interface StartBuildInput {
  scope: Scope;
  project: CodeBuildProject;
  request: BuildRequestRecord;
  initiator: string;
  pipeline?: PipelineBuildInput;
  /** Set for a project CodePipeline manages (the Commands action's), which is not stored: the build's number. */
  buildNumber?: number;
  /** Set for a build of a batch: the batch's ARN and the build's identifier in it (CODEBUILD_BATCH_BUILD_IDENTIFIER). */
  batch?: { arn: string; identifier: string };
  /** Recorded only, not run (a batch's DOWNLOAD_SOURCE build). */
  deferred?: boolean;
}

/** A build that has ended, with the zips of its artifacts by identifier. */
export interface FinishedBuild {
  build: BuildRecord;
  artifacts: Record<string, string>;
}

/** The events of the build service: every change of a build record. */
export type BuildEvents = { 'build:changed': BuildRecord };

interface LiveBuild {
  controller: AbortController;
  done: Promise<FinishedBuild>;
}

// StopBuild answers once the build has stopped, unless that takes longer than this (ms).
const STOP_WAIT_MS = 10_000;

/** Starts, stops and retries builds, runs them through the runner and keeps their records and logs. */
export class BuildService {
  readonly events = new TypedEmitter<BuildEvents>();
  private readonly live = new Map<string, LiveBuild>();

  constructor(private readonly deps: BuildServiceDeps) {}

  /** Records a new build (SUBMITTED, QUEUED) and runs it in the background; returns the record StartBuild shows. */
  start(input: StartBuildInput): BuildRecord {
    const buildNumber = input.buildNumber ?? this.deps.store.nextBuildNumber(input.scope, input.project.name);
    if (buildNumber === undefined) throw new Error(`Project ${input.project.name} was deleted`);
    const build = newBuildRecord({
      scope: input.scope,
      project: input.project,
      request: input.request,
      buildNumber,
      uuid: this.deps.ids.uuid(),
      nowMs: this.deps.clock.now(),
      initiator: input.initiator,
      baseUrl: this.deps.baseUrl(),
      pipelineName: input.pipeline?.pipelineName,
      sourceVersion: input.pipeline?.sourceVersion,
      buildBatchArn: input.batch?.arn,
    });
    this.deps.store.insertBuild(build);
    if (input.deferred) return build;
    const controller = new AbortController();
    const done = this.run(build, input, controller.signal);
    this.live.set(build.id, { controller, done });
    void done.finally(() => this.live.delete(build.id));
    return build;
  }

  /**
   * Records the build a batch shows as its DOWNLOAD_SOURCE group: the batch fetches its source itself, and this build
   * stands for that step (in DOWNLOAD_SOURCE until {@link endSourceDownload}). Its phases are inferred.
   */
  recordSourceDownload(input: StartBuildInput): BuildRecord {
    const started = this.start({ ...input, deferred: true });
    const now = this.deps.clock.now();
    let phases = mergePhase(started.phases, { phaseType: 'QUEUED', phaseStatus: 'SUCCEEDED', startMs: started.startMs, endMs: now, contexts: [] });
    phases = mergePhase(phases, { phaseType: 'PROVISIONING', phaseStatus: 'SUCCEEDED', startMs: now, endMs: now, contexts: [] });
    phases = mergePhase(phases, { phaseType: 'DOWNLOAD_SOURCE', startMs: now });
    return this.save({ ...started, phases, currentPhase: 'DOWNLOAD_SOURCE' });
  }

  /** Ends a build {@link recordSourceDownload} made: SUCCEEDED, or FAILED in DOWNLOAD_SOURCE with the problem as its context. */
  endSourceDownload(build: BuildRecord, failure?: { statusCode: string; message: string }): BuildRecord {
    const now = this.deps.clock.now();
    const status = failure ? 'FAILED' : 'SUCCEEDED';
    const phases = finishPhases(build.phases, status, now, failure);
    const log = this.deps.logs.open(build.id);
    log.line(containerLine(now, `Phase complete: DOWNLOAD_SOURCE State: ${status}`));
    if (failure) log.line(containerLine(now, `Phase context status code: ${failure.statusCode} Message: ${failure.message}`));
    log.close();
    return this.save({ ...build, phases, currentPhase: 'COMPLETED', buildStatus: status, buildComplete: true, endMs: now, ...(failure ? { failure: { phase: 'DOWNLOAD_SOURCE' as const, message: failure.message } } : {}) });
  }

  /** Resolves when a running build ends; undefined when it is not running in this process. */
  completion(buildId: string): Promise<FinishedBuild> | undefined {
    return this.live.get(buildId)?.done;
  }

  /** Stops a running build (its container is removed) and returns its record once stopped, or as it is after a wait. */
  async stop(buildId: string): Promise<BuildRecord | undefined> {
    const live = this.live.get(buildId);
    if (live) {
      live.controller.abort(new Error('StopBuild'));
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_WAIT_MS)));
      await Promise.race([live.done, waited]);
      clearTimeout(timer);
    }
    return this.deps.store.getBuild(buildId);
  }

  /** Whether a build is running in this process. */
  isRunning(buildId: string): boolean {
    return this.live.has(buildId);
  }

  /** Ends, as FAULT, builds recorded as running by an earlier process (their runs died with it); returns their ids. */
  recover(): string[] {
    const stale = this.deps.store.activeBuilds().filter((b) => !this.live.has(b.id));
    const now = this.deps.clock.now();
    for (const build of stale) {
      rmSync(join(this.deps.workRoot, build.logs.streamName), { recursive: true, force: true });
      const phases = finishPhases(build.phases, 'FAULT', now, { statusCode: 'BUILD_INTERRUPTED', message: 'codepipeline-local stopped while the build was running' });
      this.save({ ...build, phases, buildStatus: 'FAULT', buildComplete: true, endMs: now, currentPhase: 'COMPLETED' });
    }
    return stale.map((b) => b.id);
  }

  /** Stops every running build and waits for them to end. */
  async close(): Promise<void> {
    const running = [...this.live.values()];
    running.forEach((b) => b.controller.abort(new Error('codepipeline-local is shutting down')));
    await Promise.allSettled(running.map((b) => b.done));
  }

  private save(build: BuildRecord): BuildRecord {
    this.deps.store.saveBuild(build);
    this.events.emit('build:changed', build);
    return build;
  }

  private async run(initial: BuildRecord, input: StartBuildInput, signal: AbortSignal): Promise<FinishedBuild> {
    let build = initial;
    const setPhases = (phases: BuildPhase[]) => (build = this.save({ ...build, phases, currentPhase: currentPhaseOf(phases) }));
    const secrets: string[] = [];
    const log = this.deps.logs.open(build.id, secrets);
    const workDir = join(this.deps.workRoot, build.logs.streamName);
    mkdirSync(workDir, { recursive: true });
    const placement = this.deps.engines?.place();
    const say = (line: string) => log.line(containerLine(this.deps.clock.now(), line));
    const provisioning = () => {
      if (build.currentPhase !== 'QUEUED') return;
      const now = this.deps.clock.now();
      setPhases(mergePhase(mergePhase(build.phases, { phaseType: 'QUEUED', phaseStatus: 'SUCCEEDED', startMs: build.startMs, endMs: now, contexts: [] }), { phaseType: 'PROVISIONING', startMs: now }));
    };
    try {
      if (placement?.admit) {
        // The executor holds the build in QUEUED until it has room for it (the swarm: until its task has a node).
        const onWaiting = (reason: string) => setPhases(mergePhase(build.phases, { phaseType: 'QUEUED', startMs: build.startMs, contexts: [queuedContext(reason)] }));
        const cacheVolume = runnerRequestCacheVolume(build, input.project.cache?.type);
        await placement.admit({ build, cacheVolume, signal, say, onWaiting, onPlaced: provisioning });
      }
      provisioning();
      const sources = input.pipeline?.sources ?? projectSources(this.deps.sources, input.scope, build.source, build.sourceVersion);
      const images = placement ? placedImages(placement) : this.deps.images;
      const prepared = await prepareBuild({ ...this.deps, images }, build, { sources, workDir, signal, say, secrets });
      placement?.reached();
      if (prepared.resolvedSourceVersion) build = this.save({ ...build, resolvedSourceVersion: prepared.resolvedSourceVersion });
      const artifacts = this.artifactsRequest(input, workDir);
      const onPhase = (p: BuildPhase) => setPhases(mergePhase(build.phases, p));
      const fleetArn = (build.environment.fleet as { fleetArn?: string } | undefined)?.fleetArn;
      const fleetComputeType = fleetArn === undefined ? undefined : this.deps.fleetComputeType?.(input.scope, fleetArn);
      const request = runnerRequest(build, { cacheType: input.project.cache?.type, batchIdentifier: input.batch?.identifier, fleetComputeType }, { prepared, artifacts, signal, log, secrets, onPhase }, this.deps.secrets);
      const outcome = await this.deps.runBuild(placement ? { ...request, engine: engineHandle(placement) } : request);
      build = await this.finish(build, input, outcome, { workDir, log });
      return { build, artifacts: outcome.artifacts };
    } catch (error) {
      build = this.fail(build, error, signal, log);
      return { build, artifacts: {} };
    } finally {
      placement?.release();
      log.close();
      rmSync(workDir, { recursive: true, force: true });
    }
  }

  private artifactsRequest(input: StartBuildInput, workDir: string): BuildArtifactsRequest {
    if (input.pipeline) {
      mkdirSync(input.pipeline.outDir, { recursive: true });
      return { ...input.pipeline.artifacts, outDir: input.pipeline.outDir };
    }
    const primary = input.request.artifactsOverride ?? input.project.artifacts;
    return projectArtifactsRequest(primary, input.project.secondaryArtifacts ?? [], artifactsOutDir(workDir));
  }

  private async finish(build: BuildRecord, input: StartBuildInput, outcome: BuildOutcome, run: { workDir: string; log: BuildLogWriter }): Promise<BuildRecord> {
    const now = this.deps.clock.now();
    let phases = outcome.phases.reduce((all, p) => mergePhase(all, p), build.phases);
    let ended: Pick<BuildOutcome, 'status' | 'failure'> = outcome;
    let delivered: Pick<BuildRecord, 'artifacts' | 'secondaryArtifacts'> = { artifacts: { location: '' }, secondaryArtifacts: [] };
    if (!input.pipeline) {
      const settings = { primary: input.request.artifactsOverride ?? input.project.artifacts, secondary: input.project.secondaryArtifacts ?? [] };
      try {
        delivered = await deliverProjectArtifacts(this.deps.s3, settings, outcome, { uuid: build.logs.streamName, projectName: build.projectName, scratch: run.workDir });
      } catch (error) {
        if (!(error instanceof ArtifactDeliveryFailure)) throw error;
        // The upload is UPLOAD_ARTIFACTS' last step: S3 refusing it fails that phase, and the build with it.
        const context = { statusCode: 'CLIENT_ERROR', message: error.message };
        const upload = phases.find((p) => p.phaseType === 'UPLOAD_ARTIFACTS') ?? { phaseType: 'UPLOAD_ARTIFACTS' as const, startMs: now, endMs: now };
        phases = mergePhase(phases, { ...upload, phaseStatus: 'FAILED', contexts: [context] });
        run.log.line(containerLine(now, `Phase context status code: ${context.statusCode} Message: ${context.message}`));
        ended = { status: outcome.status === 'SUCCEEDED' ? 'FAILED' : outcome.status, failure: outcome.failure ?? { phase: 'UPLOAD_ARTIFACTS', message: error.message, statusCode: context.statusCode } };
      }
    }
    phases = finishPhases(phases, ended.status, now);
    const reportArns = this.storeReports(build, outcome, now, run.log);
    return this.save({
      ...build,
      ...delivered,
      phases,
      currentPhase: 'COMPLETED',
      buildStatus: ended.status,
      buildComplete: true,
      endMs: now,
      exportedEnvironmentVariables: Object.entries(outcome.exportedVariables).map(([name, value]) => ({ name, value })),
      ...(ended.failure ? { failure: ended.failure } : {}),
      ...(reportArns.length ? { reportArns } : {}),
    });
  }

  private storeReports(build: BuildRecord, outcome: BuildOutcome, nowMs: number, log: BuildLogWriter): string[] {
    if (!this.deps.reports || !outcome.reports?.length) return [];
    const reporting = { scope: build, projectName: build.projectName, buildArn: build.arn, buildUuid: build.id.slice(build.id.indexOf(':') + 1) };
    return storeBuildReports({ reports: this.deps.reports, ids: this.deps.ids }, reporting, outcome.reports, nowMs, (line) => log.line(containerLine(nowMs, line)));
  }

  private fail(build: BuildRecord, error: unknown, signal: AbortSignal, log: BuildLogWriter): BuildRecord {
    const now = this.deps.clock.now();
    const line = (text: string) => log.line(containerLine(now, text));
    if (error instanceof BuildAborted || (signal.aborted && !(error instanceof BuildSetupFailure))) {
      line(`Phase complete: ${build.currentPhase} State: STOPPED`);
      return this.save({ ...build, phases: finishPhases(build.phases, 'STOPPED', now), currentPhase: 'COMPLETED', buildStatus: 'STOPPED', buildComplete: true, endMs: now });
    }
    if (!(error instanceof BuildSetupFailure)) {
      this.deps.log.error({ err: error, buildId: build.id }, 'build failed unexpectedly');
      const context = { statusCode: 'INTERNAL_ERROR', message: `codepipeline-local could not run the build: ${(error as Error).message}` };
      line(`Phase context status code: ${context.statusCode} Message: ${context.message}`);
      return this.save({ ...build, phases: finishPhases(build.phases, 'FAULT', now, context), currentPhase: 'COMPLETED', buildStatus: 'FAULT', buildComplete: true, endMs: now });
    }
    let phases = build.phases;
    if (error.phase !== 'QUEUED' && build.currentPhase === 'QUEUED') {
      // Failed while the executor admitted it (its image, or its place): QUEUED had ended by then.
      phases = mergePhase(mergePhase(phases, { phaseType: 'QUEUED', phaseStatus: 'SUCCEEDED', startMs: build.startMs, endMs: now, contexts: [] }), { phaseType: 'PROVISIONING', startMs: now });
    }
    if (error.phase === 'DOWNLOAD_SOURCE') {
      phases = mergePhase(mergePhase(phases, { phaseType: 'PROVISIONING', phaseStatus: 'SUCCEEDED', startMs: now, endMs: now, contexts: [] }), { phaseType: 'DOWNLOAD_SOURCE', startMs: now });
    }
    const context = { statusCode: error.statusCode, message: error.message };
    line(`Phase complete: ${error.phase} State: FAILED`);
    line(`Phase context status code: ${context.statusCode} Message: ${context.message}`);
    return this.save({
      ...build,
      phases: finishPhases(phases, 'FAILED', now, context),
      currentPhase: 'COMPLETED',
      buildStatus: 'FAILED',
      buildComplete: true,
      endMs: now,
      failure: { phase: error.phase, message: error.message },
    });
  }
}
