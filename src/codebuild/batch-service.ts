import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock, Ids, Logger } from '../shared/index.js';
import type { BatchBuildSummary, BuildBatchRecord, BuildGroupRecord, BuildRecord, BuildRequestRecord, BuildStatus, CodeBuildBatchStore, CodeBuildProject, Scope } from '../store/index.js';
import { advancePhase, endBatch, newBatchRecord, restrictionRefusal, summaryOf } from './batch-record.js';
import { runGroups } from './batch-groups.js';
import type { BatchBuildDefinition } from './buildspec-batch.js';
import { BuildspecMissing, readBuildspec } from './buildspec-source.js';
import { parseBuildspec } from './buildspec.js';
import { combineBatchArtifacts } from './batch-artifacts.js';
import type { BatchPipelineInput, FinishedBatch, StartBatchInput } from './batch-inputs.js';
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

// The identifier AWS gives the group of a batch's source download.
const DOWNLOAD_SOURCE = 'DOWNLOAD_SOURCE';

/** One run of a batch in this process. */
interface BatchRun {
  signal: AbortSignal;
  /** The builds of the batch still running. */
  buildIds: Set<string>;
  pipeline?: BatchPipelineInput;
  /** Output artifact zips by name, for pipeline batches. */
  artifacts: Record<string, string>;
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

/** Starts, stops and retries batch builds: reads the batchspec, then runs its builds through the build service. */
export class BatchService {
  private readonly live = new Map<string, { controller: AbortController; done: Promise<FinishedBatch>; run: BatchRun }>();

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
      pipelineName: input.pipeline?.pipelineName,
    });
    this.deps.store.insert(batch);
    this.launch(batch, input.project, input.pipeline, async (run) => this.download(batch, input.project, run));
    return batch;
  }

  /** Runs a finished batch's builds again (all, or the failed and never-run ones); returns it as it then stands. */
  retry(batch: BuildBatchRecord, project: CodeBuildProject, retryType: 'RETRY_ALL_BUILDS' | 'RETRY_FAILED_BUILDS'): BuildBatchRecord {
    const now = this.deps.clock.now();
    const toRun = new Set(batch.buildGroups.filter((g) => !g.sourceDownload && (retryType === 'RETRY_ALL_BUILDS' || g.currentBuildSummary?.buildStatus !== 'SUCCEEDED')).map((g) => g.identifier));
    const buildGroups = batch.buildGroups.map((g) =>
      toRun.has(g.identifier) && g.currentBuildSummary
        ? { ...g, priorBuildSummaryList: [...g.priorBuildSummaryList, g.currentBuildSummary], currentBuildSummary: undefined }
        : g,
    );
    // As AWS's sample shows a retry: the open final phase (FAILED, STOPPED) ends with status RETRY and SUBMITTED begins.
    const phases = advancePhase(batch.phases, 'RETRY', now, 'SUBMITTED');
    const retried = this.save({ ...batch, buildGroups, phases, currentPhase: 'SUBMITTED', buildBatchStatus: 'IN_PROGRESS', complete: false, endMs: undefined });
    this.launch(retried, project, undefined, async (run) => {
      const running = this.save({ ...retried, phases: advancePhase(retried.phases, 'SUCCEEDED', this.deps.clock.now(), 'IN_PROGRESS'), currentPhase: 'IN_PROGRESS' });
      await this.runBuilds(running, project, toRun, run);
    });
    return retried;
  }

  /** Stops a running batch (its running builds are stopped) and returns it once stopped. */
  async stop(batchId: string, scope: Scope): Promise<BuildBatchRecord | undefined> {
    const live = this.live.get(batchId);
    if (live) {
      live.controller.abort(new Error('StopBuildBatch'));
      await Promise.allSettled([...live.run.buildIds].map((id) => this.deps.builds.stop(id)));
      await live.done;
    }
    return this.deps.store.get(batchId, scope);
  }

  /** Resolves when a running batch ends; undefined when it is not running in this process. */
  completion(batchId: string): Promise<FinishedBatch> | undefined {
    return this.live.get(batchId)?.done;
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

  private launch(batch: BuildBatchRecord, project: CodeBuildProject, pipeline: BatchPipelineInput | undefined, body: (run: BatchRun) => Promise<void>): void {
    const controller = new AbortController();
    const run: BatchRun = { signal: controller.signal, buildIds: new Set(), pipeline, artifacts: {} };
    const done = body(run)
      .catch((error: unknown) => {
        this.deps.log.error({ err: error, batchId: batch.id, project: project.name }, 'batch build failed unexpectedly');
        const current = this.deps.store.get(batch.id, batch);
        if (current && !current.complete) this.save(endBatch(current, 'FAILED', this.deps.clock.now(), [{ statusCode: 'INTERNAL_ERROR', message: (error as Error).message }]));
      })
      .then(() => ({ batch: this.deps.store.get(batch.id, batch) ?? batch, artifacts: run.artifacts }));
    this.live.set(batch.id, { controller, done, run });
    void done.finally(() => this.live.delete(batch.id));
  }

  /** DOWNLOAD_BATCHSPEC: fetches the source, reads the buildspec's `batch`, then runs its builds. */
  private async download(initial: BuildBatchRecord, project: CodeBuildProject, run: BatchRun): Promise<void> {
    // AWS shows the batch's source download as a build of its own, the DOWNLOAD_SOURCE group.
    const pipeline = run.pipeline && { pipelineName: run.pipeline.pipelineName, sources: run.pipeline.sources, artifacts: { secondary: [] }, outDir: run.pipeline.outRoot };
    const downloadBuild = this.deps.builds.recordSourceDownload({ scope: initial, project, request: initial.request, initiator: initial.initiator, batch: { arn: initial.arn, identifier: DOWNLOAD_SOURCE }, ...(pipeline ? { pipeline } : {}) });
    const downloadGroup: BuildGroupRecord = { identifier: DOWNLOAD_SOURCE, sourceDownload: true, dependsOn: [], ignoreFailure: false, priorBuildSummaryList: [], plan: { variables: {} }, currentBuildSummary: summaryOf(downloadBuild, DOWNLOAD_SOURCE, 'NO_ARTIFACTS') };
    let batch = this.save({ ...initial, buildGroups: [downloadGroup], phases: advancePhase(initial.phases, 'SUCCEEDED', this.deps.clock.now(), 'DOWNLOAD_BATCHSPEC'), currentPhase: 'DOWNLOAD_BATCHSPEC' });
    const downloaded = (failure?: { statusCode: string; message: string }) => {
      const ended = this.deps.builds.endSourceDownload(downloadBuild, failure);
      batch = { ...batch, buildGroups: [{ ...downloadGroup, currentBuildSummary: summaryOf(ended, DOWNLOAD_SOURCE, 'NO_ARTIFACTS') }] };
    };
    let definitions: BatchBuildDefinition[];
    let fastFail: boolean;
    const workDir = join(this.deps.workRoot, `batch-${batch.id.slice(batch.id.indexOf(':') + 1)}`);
    mkdirSync(workDir, { recursive: true });
    try {
      const sources = run.pipeline?.sources ?? projectSources(this.deps.sources, batch, batch.source, batch.sourceVersion);
      const prepared = await sources(workDir);
      if (prepared.resolvedSourceVersion) batch = { ...batch, resolvedSourceVersion: prepared.resolvedSourceVersion };
      const primary = prepared.sources.find((s) => s.identifier === undefined);
      const spec = await readBuildspec(batch.source.buildspec, primary?.dir, this.deps.s3);
      const parsed = parseBuildspec(spec.text);
      if (!parsed.ok) throw new BatchspecFailure('YAML_FILE_ERROR', parsed.message);
      if (parsed.buildspec.batchProblem) throw new BatchspecFailure('YAML_FILE_ERROR', parsed.buildspec.batchProblem);
      if (!parsed.buildspec.batch) throw new BatchspecFailure('YAML_FILE_ERROR', 'batch is required in the buildspec of a batch build'); // wording inferred
      ({ builds: definitions, fastFail } = parsed.buildspec.batch);
      const refusal = restrictionRefusal(batch, definitions);
      if (refusal) throw new BatchspecFailure('CLIENT_ERROR', refusal);
    } catch (error) {
      if (!(error instanceof BatchspecFailure || error instanceof SourceFailure || error instanceof BuildspecMissing)) {
        downloaded({ statusCode: 'INTERNAL_ERROR', message: (error as Error).message });
        throw error;
      }
      const context = { statusCode: error.statusCode, message: error.message };
      downloaded(context);
      this.save(endBatch(batch, 'FAILED', this.deps.clock.now(), [context]));
      return;
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
    downloaded();
    if (run.signal.aborted) {
      this.save(endBatch(batch, 'STOPPED', this.deps.clock.now()));
      return;
    }
    const buildGroups: BuildGroupRecord[] = batch.buildGroups.concat(definitions.map((d) => ({
      identifier: d.identifier,
      dependsOn: d.dependOn,
      ignoreFailure: d.ignoreFailure,
      priorBuildSummaryList: [],
      plan: { buildspec: d.buildspec, computeType: d.env.computeType, image: d.env.image, privilegedMode: d.env.privilegedMode, type: d.env.type, variables: d.env.variables },
    })));
    const now = this.deps.clock.now();
    batch = this.save({ ...batch, buildGroups, fastFail, phases: advancePhase(batch.phases, 'SUCCEEDED', now, 'IN_PROGRESS'), currentPhase: 'IN_PROGRESS' });
    await this.runBuilds(batch, project, new Set(definitions.map((d) => d.identifier)), run);
  }

  /** IN_PROGRESS: runs the chosen groups, then ends the batch by how they went. */
  private async runBuilds(initial: BuildBatchRecord, project: CodeBuildProject, toRun: ReadonlySet<string>, run: BatchRun): Promise<void> {
    const { buildIds, signal } = run;
    const zips: Record<string, string> = {};
    let batch = initial;
    const artifactsType = run.pipeline ? 'CODEPIPELINE' : (batch.request.artifactsOverride ?? project.artifacts).type;
    const setSummary = (identifier: string, summary: BatchBuildSummary) => {
      batch = this.save({ ...batch, buildGroups: batch.buildGroups.map((g) => (g.identifier === identifier ? { ...g, currentBuildSummary: summary } : g)) });
    };
    const runner = {
      run: async (group: BuildGroupRecord): Promise<BuildStatus> => {
        const build = this.startBuild(batch, project, group, run.pipeline);
        buildIds.add(build.id);
        setSummary(group.identifier, summaryOf(build, group.identifier, artifactsType));
        const finished = await this.deps.builds.completion(build.id);
        buildIds.delete(build.id);
        const ended = finished?.build ?? build;
        const primary = run.pipeline && this.outputOf(run.pipeline, group.identifier);
        if (primary && finished?.artifacts[primary]) zips[group.identifier] = finished.artifacts[primary];
        setSummary(group.identifier, summaryOf(ended, group.identifier, artifactsType));
        return ended.buildStatus;
      },
      stopRunning: async () => {
        await Promise.allSettled([...buildIds].map((id) => this.deps.builds.stop(id)));
      },
    };
    const outcome = await runGroups(batch.buildGroups, toRun, { limit: this.deps.concurrentBuilds, fastFail: batch.fastFail, signal, runner });
    const status = outcome.stopped ? 'STOPPED' : outcome.failed ? 'FAILED' : 'SUCCEEDED';
    if (status !== 'SUCCEEDED' || !run.pipeline) {
      this.save(endBatch(batch, status, this.deps.clock.now()));
      return;
    }
    await this.deliver(batch, run.pipeline, zips, run);
  }

  /** The output artifact a build of a pipeline batch writes: the combined one, or the one named by its identifier. */
  private outputOf(pipeline: BatchPipelineInput, identifier: string): string | undefined {
    if (pipeline.combine) return pipeline.outputs[0];
    return pipeline.outputs.includes(identifier) ? identifier : undefined;
  }

  /** Hands a pipeline batch's artifacts to its action, combining them first (COMBINE_ARTIFACTS) when asked. */
  private async deliver(initial: BuildBatchRecord, pipeline: BatchPipelineInput, zips: Record<string, string>, run: BatchRun): Promise<void> {
    let batch = initial;
    const target = pipeline.outputs[0];
    if (!pipeline.combine || target === undefined) {
      Object.assign(run.artifacts, zips);
      this.save(endBatch(batch, 'SUCCEEDED', this.deps.clock.now()));
      return;
    }
    batch = this.save({ ...batch, phases: advancePhase(batch.phases, 'SUCCEEDED', this.deps.clock.now(), 'COMBINE_ARTIFACTS'), currentPhase: 'COMBINE_ARTIFACTS' });
    const combined = join(pipeline.outRoot, 'combined', `${target}.zip`);
    try {
      await combineBatchArtifacts(zips, combined, pipeline.outRoot);
    } catch (error) {
      this.save(endBatch(batch, 'FAILED', this.deps.clock.now(), [{ statusCode: 'CLIENT_ERROR', message: `Could not combine the artifacts of the batch: ${(error as Error).message}` }])); // wording inferred
      return;
    }
    run.artifacts[target] = combined;
    this.save(endBatch(batch, 'SUCCEEDED', this.deps.clock.now()));
  }

  private startBuild(batch: BuildBatchRecord, project: CodeBuildProject, group: BuildGroupRecord, pipeline?: BatchPipelineInput): BuildRecord {
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
    const primary = pipeline && this.outputOf(pipeline, group.identifier);
    const pipelineBuild = pipeline && {
      pipelineName: pipeline.pipelineName,
      sources: pipeline.sources,
      artifacts: { ...(primary ? { primary } : {}), secondary: [] },
      outDir: join(pipeline.outRoot, group.identifier),
      ...(pipeline.sourceVersion ? { sourceVersion: pipeline.sourceVersion } : {}),
    };
    return this.deps.builds.start({ scope: batch, project, request, initiator: batch.initiator, batch: { arn: batch.arn, identifier: group.identifier }, ...(pipelineBuild ? { pipeline: pipelineBuild } : {}) });
  }
}
