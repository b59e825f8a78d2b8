import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock, Ids, Logger } from '../shared/index.js';
import type { BatchBuildSummary, BuildBatchRecord, BuildGroupRecord, BuildRecord, BuildRequestRecord, BuildStatus, CodeBuildBatchStore, CodeBuildProject, Scope } from '../store/index.js';
import { advancePhase, endBatch, newBatchRecord } from './batch-record.js';
import { runGroups } from './batch-groups.js';
import type { BatchBuildDefinition } from './buildspec-batch.js';
import { BuildspecMissing, readBuildspec } from './buildspec-source.js';
import { parseBuildspec } from './buildspec.js';
import { projectSources, SourceFailure, type ProjectSourceDeps } from './build-sources.js';
import type { BuildService } from './build-service.js';
import type { PreparationDeps } from './build-preparation.js';

/** What the batch service needs. */
export interface BatchServiceDeps {
  store: CodeBuildBatchStore;
  builds: BuildService;
  clock: Clock;
  ids: Ids;
  log: Logger;
  sources: ProjectSourceDeps;
  s3: PreparationDeps['s3'];
  /** A folder for each batch's scratch files (its source, to read the batchspec); removed once read. */
  workRoot: string;
  /** How many builds of one batch run at once (AWS runs them all; this machine may not take that). */
  concurrentBuilds: number;
}

/** What to run as a batch. */
export interface StartBatchInput {
  scope: Scope;
  project: CodeBuildProject;
  request: BuildRequestRecord;
  initiator: string;
  buildBatchConfig: BuildBatchRecord['buildBatchConfig'];
}

/** A batchspec that cannot be read or used: DOWNLOAD_BATCHSPEC fails with this context. */
class BatchspecFailure extends Error {
  constructor(
    readonly statusCode: string,
    message: string,
  ) {
    super(message);
  }
}

// CodeBuild's default for restrictions.maximumBuildsAllowed [doc: "the default is 100"].
const DEFAULT_MAXIMUM_BUILDS = 100;

/** Starts, stops and retries batch builds: reads the batchspec, then runs its builds through the build service. */
export class BatchService {
  private readonly live = new Map<string, { controller: AbortController; done: Promise<void>; buildIds: Set<string> }>();

  constructor(private readonly deps: BatchServiceDeps) {}

  /** Records a new batch (SUBMITTED, DOWNLOAD_BATCHSPEC) and runs it in the background; returns it as StartBuildBatch shows it. */
  start(input: StartBatchInput): BuildBatchRecord {
    const batch = newBatchRecord({
      scope: input.scope,
      project: input.project,
      request: input.request,
      batchNumber: this.deps.store.nextBatchNumber(input.scope, input.project.name),
      uuid: this.deps.ids.uuid(),
      nowMs: this.deps.clock.now(),
      initiator: input.initiator,
      buildBatchConfig: input.buildBatchConfig,
    });
    this.deps.store.insert(batch);
    this.launch(batch, input.project, async (signal, ids) => this.download(batch, input.project, signal, ids));
    return batch;
  }

  /** Runs a finished batch's builds again (all, or the failed and never-run ones); returns it as it then stands. */
  retry(batch: BuildBatchRecord, project: CodeBuildProject, retryType: 'RETRY_ALL_BUILDS' | 'RETRY_FAILED_BUILDS'): BuildBatchRecord {
    const now = this.deps.clock.now();
    const toRun = new Set(batch.buildGroups.filter((g) => retryType === 'RETRY_ALL_BUILDS' || g.currentBuildSummary?.buildStatus !== 'SUCCEEDED').map((g) => g.identifier));
    const buildGroups = batch.buildGroups.map((g) =>
      toRun.has(g.identifier) && g.currentBuildSummary
        ? { ...g, priorBuildSummaryList: [...g.priorBuildSummaryList, g.currentBuildSummary], currentBuildSummary: undefined }
        : g,
    );
    // The open final phase (SUCCEEDED/FAILED/STOPPED) gives way to a new IN_PROGRESS.
    const phases = batch.phases.filter((p) => p.endMs !== undefined);
    const retried = this.save({ ...batch, buildGroups, phases: [...phases, { phaseType: 'IN_PROGRESS', startMs: now }], currentPhase: 'IN_PROGRESS', buildBatchStatus: 'IN_PROGRESS', complete: false, endMs: undefined });
    this.launch(retried, project, async (signal, ids) => this.runBuilds(retried, project, toRun, signal, ids));
    return retried;
  }

  /** Stops a running batch (its running builds are stopped) and returns it once stopped. */
  async stop(batchId: string, scope: Scope): Promise<BuildBatchRecord | undefined> {
    const live = this.live.get(batchId);
    if (live) {
      live.controller.abort(new Error('StopBuildBatch'));
      await Promise.allSettled([...live.buildIds].map((id) => this.deps.builds.stop(id)));
      await live.done;
    }
    return this.deps.store.get(batchId, scope);
  }

  /** Whether a batch is running in this process. */
  isRunning(batchId: string): boolean {
    return this.live.has(batchId);
  }

  /** Ends, as FAILED, batches recorded as running by an earlier process; returns their ids. */
  recover(): string[] {
    const stale = this.deps.store.active().filter((b) => !this.live.has(b.id));
    const now = this.deps.clock.now();
    for (const batch of stale) {
      this.save(endBatch(batch, 'FAILED', now, [{ statusCode: 'BUILD_INTERRUPTED', message: 'codepipeline-local stopped while the batch was running' }]));
    }
    return stale.map((b) => b.id);
  }

  /** Stops every running batch and waits for them to end. */
  async close(): Promise<void> {
    const running = [...this.live.values()];
    running.forEach((b) => b.controller.abort(new Error('codepipeline-local is shutting down')));
    await Promise.allSettled(running.map((b) => b.done));
  }

  private save(batch: BuildBatchRecord): BuildBatchRecord {
    this.deps.store.save(batch);
    return batch;
  }

  private launch(batch: BuildBatchRecord, project: CodeBuildProject, body: (signal: AbortSignal, buildIds: Set<string>) => Promise<void>): void {
    const controller = new AbortController();
    const buildIds = new Set<string>();
    const done = body(controller.signal, buildIds).catch((error: unknown) => {
      this.deps.log.error({ err: error, batchId: batch.id, project: project.name }, 'batch build failed unexpectedly');
      const current = this.deps.store.get(batch.id, batch);
      if (current && !current.complete) this.save(endBatch(current, 'FAILED', this.deps.clock.now(), [{ statusCode: 'INTERNAL_ERROR', message: (error as Error).message }]));
    });
    this.live.set(batch.id, { controller, done, buildIds });
    void done.finally(() => this.live.delete(batch.id));
  }

  /** DOWNLOAD_BATCHSPEC: fetches the source, reads the buildspec's `batch`, then runs its builds. */
  private async download(initial: BuildBatchRecord, project: CodeBuildProject, signal: AbortSignal, buildIds: Set<string>): Promise<void> {
    let batch = initial;
    let definitions: BatchBuildDefinition[];
    let fastFail: boolean;
    const workDir = join(this.deps.workRoot, `batch-${batch.id.slice(batch.id.indexOf(':') + 1)}`);
    mkdirSync(workDir, { recursive: true });
    try {
      const prepared = await projectSources(this.deps.sources, batch, batch.source, batch.sourceVersion)(workDir);
      if (prepared.resolvedSourceVersion) batch = { ...batch, resolvedSourceVersion: prepared.resolvedSourceVersion };
      const primary = prepared.sources.find((s) => s.identifier === undefined);
      const spec = await readBuildspec(batch.source.buildspec, primary?.dir, this.deps.s3);
      const parsed = parseBuildspec(spec.text);
      if (!parsed.ok) throw new BatchspecFailure('YAML_FILE_ERROR', parsed.message);
      if (!parsed.buildspec.batch) throw new BatchspecFailure('YAML_FILE_ERROR', 'batch is required in the buildspec of a batch build'); // wording inferred
      ({ builds: definitions, fastFail } = parsed.buildspec.batch);
      this.checkRestrictions(batch, definitions);
    } catch (error) {
      if (!(error instanceof BatchspecFailure || error instanceof SourceFailure || error instanceof BuildspecMissing)) throw error;
      this.save(endBatch(batch, 'FAILED', this.deps.clock.now(), [{ statusCode: error.statusCode, message: error.message }]));
      return;
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
    if (signal.aborted) {
      this.save(endBatch(batch, 'STOPPED', this.deps.clock.now()));
      return;
    }
    const buildGroups: BuildGroupRecord[] = definitions.map((d) => ({
      identifier: d.identifier,
      dependsOn: d.dependOn,
      ignoreFailure: d.ignoreFailure,
      priorBuildSummaryList: [],
      plan: { buildspec: d.buildspec, computeType: d.env.computeType, image: d.env.image, privilegedMode: d.env.privilegedMode, type: d.env.type, variables: d.env.variables },
    }));
    const now = this.deps.clock.now();
    batch = this.save({ ...batch, buildGroups, fastFail, phases: advancePhase(batch.phases, 'SUCCEEDED', now, 'IN_PROGRESS'), currentPhase: 'IN_PROGRESS' });
    await this.runBuilds(batch, project, new Set(definitions.map((d) => d.identifier)), signal, buildIds);
  }

  private checkRestrictions(batch: BuildBatchRecord, definitions: BatchBuildDefinition[]): void {
    const restrictions = batch.buildBatchConfig.restrictions ?? {};
    const maximum = restrictions.maximumBuildsAllowed ?? DEFAULT_MAXIMUM_BUILDS;
    // wording inferred for both refusals
    if (definitions.length > maximum) throw new BatchspecFailure('CLIENT_ERROR', `Batch has ${definitions.length} builds, more than the ${maximum} its restrictions allow`);
    const allowed = restrictions.computeTypesAllowed;
    if (!allowed?.length) return;
    for (const d of definitions) {
      const computeType = d.env.computeType ?? batch.environment.computeType;
      if (!allowed.includes(computeType)) throw new BatchspecFailure('CLIENT_ERROR', `Compute type ${computeType} of build ${d.identifier} is not allowed by the batch's restrictions`);
    }
  }

  /** IN_PROGRESS: runs the chosen groups, then ends the batch by how they went. */
  private async runBuilds(initial: BuildBatchRecord, project: CodeBuildProject, toRun: ReadonlySet<string>, signal: AbortSignal, buildIds: Set<string>): Promise<void> {
    let batch = initial;
    const setSummary = (identifier: string, summary: BatchBuildSummary) => {
      batch = this.save({ ...batch, buildGroups: batch.buildGroups.map((g) => (g.identifier === identifier ? { ...g, currentBuildSummary: summary } : g)) });
    };
    const runner = {
      run: async (group: BuildGroupRecord): Promise<BuildStatus> => {
        const build = this.startBuild(batch, project, group);
        buildIds.add(build.id);
        setSummary(group.identifier, summaryOf(build));
        const finished = await this.deps.builds.completion(build.id);
        buildIds.delete(build.id);
        const ended = finished?.build ?? build;
        setSummary(group.identifier, summaryOf(ended));
        return ended.buildStatus;
      },
      stopRunning: async () => {
        await Promise.allSettled([...buildIds].map((id) => this.deps.builds.stop(id)));
      },
    };
    const outcome = await runGroups(batch.buildGroups, toRun, { limit: this.deps.concurrentBuilds, fastFail: batch.fastFail, signal, runner });
    const status = outcome.stopped ? 'STOPPED' : outcome.failed ? 'FAILED' : 'SUCCEEDED';
    this.save(endBatch(batch, status, this.deps.clock.now()));
  }

  private startBuild(batch: BuildBatchRecord, project: CodeBuildProject, group: BuildGroupRecord): BuildRecord {
    const { plan } = group;
    const base = batch.request;
    const variables = Object.entries(plan.variables).map(([name, value]) => ({ name, value, type: 'PLAINTEXT' as const }));
    const request: BuildRequestRecord = {
      ...base,
      ...(batch.resolvedSourceVersion && !base.sourceVersion ? { sourceVersion: batch.resolvedSourceVersion } : {}),
      ...(plan.buildspec ? { buildspecOverride: plan.buildspec } : {}),
      ...(plan.image ? { imageOverride: plan.image } : {}),
      ...(plan.computeType ? { computeTypeOverride: plan.computeType } : {}),
      ...(plan.type ? { environmentTypeOverride: plan.type } : {}),
      ...(plan.privilegedMode !== undefined ? { privilegedModeOverride: plan.privilegedMode } : {}),
      ...(variables.length ? { environmentVariablesOverride: [...(base.environmentVariablesOverride ?? []), ...variables] } : {}),
    };
    return this.deps.builds.start({ scope: batch, project, request, initiator: batch.initiator, batch: { arn: batch.arn, identifier: group.identifier } });
  }
}

function summaryOf(build: BuildRecord): BatchBuildSummary {
  const primary = build.artifacts.location ? { primaryArtifact: { type: 'S3', location: build.artifacts.location } } : {};
  return { arn: build.arn, buildId: build.id, requestedOnMs: build.startMs, buildStatus: build.buildStatus, ...primary };
}
