import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ActionExecutionRecord, PipelineExecutionRecord, SourceRevisionOverride } from '../model/index.js';
import type { S3Storage } from '../s3/index.js';
import { objectPath, type Clock, type Logger, type TypedEmitter } from '../shared/index.js';
import type { PipelineStore, PipelineVersionKey, Scope, SourceWatchStore } from '../store/index.js';
import { readRefsSync, type RefChange } from '../watch/index.js';
import { connectionRepositoryName, isGitUrl, type ConnectionMirrors } from './connection-mirrors.js';
import type { S3VersionCache } from './s3-folder.js';
import { evaluateGitSource, evaluateS3Source, recordTakenRevision, type EvaluationDeps } from './source-evaluation.js';
import { RepositoryRefs, type ReferencesChanged } from './repository-refs.js';
import { WatcherPool } from './watcher-pool.js';
import { watchedSources, type ConnectionTarget, type DetectionTrigger, type WatchedSource } from './watched-sources.js';

/** A repository change detection can watch: its git directory, by account, region and name. */
export interface WatchableRepository extends Scope {
  name: string;
  gitDir: string;
  /** The repository's id, as CodeCommit reports it (events name it). */
  repositoryId?: string;
}

/** The engine as change detection uses it: it starts executions (the engine's own type satisfies this). */
export interface ExecutionStarter {
  start(scope: Scope, pipelineName: string, options: { trigger: DetectionTrigger; sourceRevisions: SourceRevisionOverride[] }): PipelineExecutionRecord;
}

/** The engine events change detection follows, with the payload members it reads. */
export interface DetectionEvents extends Record<string, unknown> {
  'execution:started': { scope: Scope & { pipelineName: string } };
  'action:succeeded': { action: ActionExecutionRecord };
}

/** What change detection needs. */
export interface ChangeDetectorDeps {
  pipelines: PipelineStore;
  state: SourceWatchStore;
  /** Every repository of every scope (created through the API or registered). */
  repositories: () => WatchableRepository[];
  mirrors: ConnectionMirrors;
  versions: S3VersionCache;
  /** The S3 stand-in: its objects are the S3 sources, its `object:created` events start EventBridge-triggered runs. */
  s3: S3Storage;
  engine: ExecutionStarter;
  /** The engine's event bus. */
  events: Pick<TypedEmitter<DetectionEvents>, 'on'>;
  clock: Clock;
  log: Logger;
  /** How often pipelines and repositories are checked for changes, in milliseconds. */
  rescanIntervalMs?: number;
  /** How often the mirrors of URL sources are fetched, in milliseconds. */
  mirrorPollMs?: number;
  /** Debounce of ref and object events, in milliseconds. */
  debounceMs?: number;
  /** Hears of every branch and tag change in every repository (all are then watched, not only pipelines' sources). */
  onReferencesChanged?: ReferencesChanged;
}

/** How often pipelines and repositories are checked for changes (creation, update, deletion). */
export const RESCAN_INTERVAL_MS = 400; // milliseconds
/** How often a remote (URL) connection source is fetched. */
export const MIRROR_POLL_MS = 15_000; // milliseconds

interface Tracked {
  source: WatchedSource;
  /** The git directory or object file, when it exists. */
  location?: string;
}

const sourceKey = (s: { account: string; region: string; pipelineName: string; actionName: string }) => JSON.stringify([s.account, s.region, s.pipelineName, s.actionName]);
const pipelineKey = (s: { account: string; region: string; name: string }) => JSON.stringify([s.account, s.region, s.name]);
const connectionTarget: ConnectionTarget = (id) => (isGitUrl(id) ? { type: 'url', url: id } : { type: 'name', name: connectionRepositoryName(id) });

/**
 * Change detection: follows the source actions of every pipeline, watches their repositories and S3 objects, and
 * starts an execution for each new head (or object version) with the trigger AWS records. What it last saw is
 * stored, so changes made while the emulator was down start runs when it comes back.
 */
export class SourceChangeDetector {
  private readonly tracked = new Map<string, Tracked>();
  private readonly declarations = new Map<string, { stamp: string; sources: WatchedSource[] }>();
  private readonly queues = new Map<string, Promise<void>>();
  private readonly urls = new Set<string>();
  private readonly fetches = new Set<Promise<void>>();
  private readonly pool: WatcherPool;
  private readonly repositoryRefs?: RepositoryRefs;
  private readonly evaluation: EvaluationDeps;
  private readonly unsubscribe: (() => void)[] = [];
  private timers: NodeJS.Timeout[] = [];
  private lastScan = '';
  private closed = false;

  constructor(private readonly deps: ChangeDetectorDeps) {
    const listener = {
      refsChanged: (keys: string[], gitDir: string, refs: ReadonlyMap<string, string>, changes: RefChange[]) => {
        this.repositoryRefs?.refsChanged(keys.filter(RepositoryRefs.owns), changes);
        keys.filter((k) => !RepositoryRefs.owns(k)).forEach((k) => this.evaluate(k, gitDir, refs));
      },
      fileChanged: (keys: string[], file: string) => keys.forEach((k) => this.evaluate(k, file)),
    };
    this.pool = new WatcherPool(deps.s3.layout.root, listener, deps.log, deps.debounceMs);
    if (deps.onReferencesChanged) this.repositoryRefs = new RepositoryRefs(this.pool, deps.onReferencesChanged);
    this.evaluation = { state: deps.state, versions: deps.versions, s3: deps.s3, clock: deps.clock, log: deps.log, start: (s, t, r) => this.startExecution(s, t, r) };
  }

  /** Finds the pipelines' sources, compares them with what was last seen, and starts watching. */
  async start(): Promise<void> {
    this.rescan(true);
    this.unsubscribe.push(
      // A pipeline just created starts its first run now: its baseline is taken before that run reads the source.
      this.deps.events.on('execution:started', ({ scope }) => this.refreshPipeline(scope, scope.pipelineName)),
      this.deps.events.on('action:succeeded', ({ action }) => {
        if (action.revision) this.taken(sourceKey(action), action.revision.revisionId);
      }),
      this.deps.s3.events.on('object:created', ({ bucket, key }) => this.objectCreated(bucket, key)),
    );
    this.timers.push(setInterval(() => this.rescan(), this.deps.rescanIntervalMs ?? RESCAN_INTERVAL_MS));
    this.timers.push(setInterval(() => this.pollMirrors(), this.deps.mirrorPollMs ?? MIRROR_POLL_MS));
    this.timers.forEach((t) => t.unref());
    await this.pool.whenReady();
  }

  /** Stops watching and waits for evaluations under way; no execution starts afterwards. */
  async close(): Promise<void> {
    this.closed = true;
    this.timers.forEach((t) => clearInterval(t));
    this.unsubscribe.forEach((u) => u());
    await this.pool.close();
    await Promise.all([...this.queues.values(), ...this.fetches]);
  }

  /** Re-reads pipelines and repositories when they changed (or when forced) and follows what they now declare. */
  rescan(force = false): void {
    if (this.closed) return;
    const versions = this.deps.state.pipelineVersions();
    const repositories = this.deps.repositories();
    const scan = JSON.stringify([versions, repositories, [...this.urls].map((u) => existsSync(this.deps.mirrors.pathFor(u)))]);
    if (!force && scan === this.lastScan) return;
    this.lastScan = scan;
    const present = new Set(versions.map(pipelineKey));
    for (const key of this.declarations.keys()) if (!present.has(key)) this.declarations.delete(key);
    this.repositoryRefs?.follow(repositories.map((r) => ({ ...r, repositoryId: r.repositoryId ?? r.gitDir })));
    const desired = new Map<string, Tracked>();
    for (const v of versions) {
      for (const source of this.sourcesOf(v)) desired.set(sourceKey(source), { source, location: this.locate(source, repositories) });
    }
    this.reconcile(desired, () => true);
    for (const a of this.deps.state.watchedActions()) if (!desired.has(sourceKey(a))) this.deps.state.forgetAction(a, a.pipelineName, a.actionName);
    const wantedUrls = new Set([...desired.values()].flatMap(({ source }) => (source.kind === 'git' && source.repository.type === 'url' ? [source.repository.url] : [])));
    for (const url of this.urls) if (!wantedUrls.has(url)) this.urls.delete(url);
  }

  /** Follows one pipeline as it is now, when it is new or changed (its first run is starting). */
  private refreshPipeline(scope: Scope, name: string): void {
    const record = this.deps.pipelines.get(scope, name);
    const stamp = record && `${record.declaration.version}/${record.updatedMs}`;
    if (this.closed || !record || this.declarations.get(pipelineKey({ ...scope, name }))?.stamp === stamp) return;
    const repositories = this.deps.repositories();
    const sources = this.sourcesOf({ ...scope, name, version: record.declaration.version!, updatedMs: record.updatedMs });
    const desired = new Map(sources.map((source) => [sourceKey(source), { source, location: this.locate(source, repositories) }]));
    this.reconcile(desired, (s) => s.account === scope.account && s.region === scope.region && s.pipelineName === name);
    // What was seen before the pipeline was created belongs to a deleted pipeline of the same name (the periodic
    // rescan may not have run between DeletePipeline and CreatePipeline): that is forgotten, and a source still
    // followed from then takes its baseline again now, before anything is committed after this run's start.
    const stale = sources.filter((s) => (this.deps.state.get(s, name, s.actionName)?.updatedMs ?? record.createdMs) < record.createdMs);
    this.deps.state.forget(scope, name, sources.filter((s) => !stale.includes(s)).map((s) => s.actionName));
    for (const source of stale) {
      const key = sourceKey(source);
      const tracked = this.tracked.get(key);
      if (!tracked) continue;
      this.detach(key);
      this.attach(key, tracked);
    }
  }

  /** Stops following the tracked sources (among those `inScope`) that are not desired or changed, and follows new ones. */
  private reconcile(desired: Map<string, Tracked>, inScope: (s: WatchedSource) => boolean): void {
    for (const [key, t] of this.tracked) {
      if (!inScope(t.source)) continue;
      const next = desired.get(key);
      if (!next || next.source.fingerprint !== t.source.fingerprint || next.location !== t.location) this.detach(key);
    }
    for (const [key, t] of desired) if (!this.tracked.has(key)) this.attach(key, t);
  }

  private sourcesOf(v: PipelineVersionKey): WatchedSource[] {
    const key = pipelineKey(v);
    const stamp = `${v.version}/${v.updatedMs}`;
    const cached = this.declarations.get(key);
    if (cached?.stamp === stamp) return cached.sources;
    const record = this.deps.pipelines.get(v, v.name);
    const sources = record ? watchedSources({ account: v.account, region: v.region }, record.declaration, connectionTarget) : [];
    this.declarations.set(key, { stamp, sources });
    return sources;
  }

  private locate(source: WatchedSource, repositories: WatchableRepository[]): string | undefined {
    if (source.kind === 's3') return objectPath(this.deps.s3.layout.root, source.bucket, source.key);
    const repo = source.repository;
    if (repo.type === 'name') return repositories.find((r) => r.account === source.account && r.region === source.region && r.name === repo.name)?.gitDir;
    if (!this.urls.has(repo.url)) {
      this.urls.add(repo.url);
      void this.fetchMirror(repo.url);
    }
    const mirror = this.deps.mirrors.pathFor(repo.url);
    return existsSync(join(mirror, 'HEAD')) ? mirror : undefined;
  }

  private attach(key: string, t: Tracked): void {
    this.tracked.set(key, t);
    if (t.source.kind === 's3') {
      if (t.location) this.pool.watchFile(key, t.location);
      this.evaluate(key, t.location);
      return;
    }
    // A remote not fetched yet says nothing about its refs: its baseline waits for the first fetch.
    if (!t.location && t.source.repository.type === 'url') return;
    if (t.location) this.pool.watchRepository(key, t.location);
    this.evaluate(key, t.location, t.location ? readRefsSync(t.location) : new Map());
  }

  private detach(key: string): void {
    const t = this.tracked.get(key);
    this.tracked.delete(key);
    if (t?.location) this.pool.release(key, t.location);
  }

  /** Queues an evaluation of one source; evaluations of one source never overlap. */
  private evaluate(key: string, location: string | undefined, refs?: ReadonlyMap<string, string>): void {
    this.enqueue(key, async () => {
      const t = this.tracked.get(key);
      if (!t || t.location !== location) return; // detached, or moved elsewhere, meanwhile
      if (t.source.kind === 's3') await evaluateS3Source(this.evaluation, t.source, location);
      else await evaluateGitSource(this.evaluation, t.source, location, refs ?? new Map());
    });
  }

  /**
   * An object put through the S3 API: the S3 sources that follow it are evaluated now. For EventBridge sources
   * (PollForSourceChanges "false") this is the rule on the object's event; polling sources are served as promptly
   * (AWS polls about once a minute), without waiting for the file watcher, which is there for files copied into the folder.
   */
  private objectCreated(bucket: string, key: string): void {
    for (const [k, t] of this.tracked) {
      if (t.source.kind === 's3' && t.source.bucket === bucket && t.source.key === key) this.evaluate(k, t.location);
    }
  }

  private taken(key: string, revisionId: string): void {
    const t = this.tracked.get(key);
    if (!t || t.source.kind !== 'git' || !t.location) return;
    const { location, source } = t;
    this.enqueue(key, async () => recordTakenRevision(this.evaluation, source, revisionId, readRefsSync(location).get(`refs/heads/${source.branch}`)));
  }

  private enqueue(key: string, task: () => Promise<void>): void {
    const run = (this.queues.get(key) ?? Promise.resolve()).then(() => (this.closed ? undefined : task()));
    const settled = run.catch((error: Error) => this.deps.log.error({ err: error, source: key }, 'change detection failed for a source action'));
    this.queues.set(key, settled);
    void settled.then(() => this.queues.get(key) === settled && this.queues.delete(key));
  }

  private startExecution(source: WatchedSource, trigger: DetectionTrigger, revision: SourceRevisionOverride): boolean {
    if (this.closed) return false;
    const scope = { account: source.account, region: source.region };
    try {
      const execution = this.deps.engine.start(scope, source.pipelineName, { trigger, sourceRevisions: [revision] });
      this.deps.log.info({ pipeline: source.pipelineName, action: source.actionName, revision: revision.revisionValue, executionId: execution.id, trigger: trigger.triggerType }, 'source change started an execution');
      return true;
    } catch (error) {
      this.deps.log.warn({ err: error, pipeline: source.pipelineName, action: source.actionName }, 'a source change could not start an execution');
      return false;
    }
  }

  private fetchMirror(url: string): Promise<void> {
    const fetching = this.deps.mirrors.refresh(url).then(
      () => this.rescan(),
      (error: Error) => this.deps.log.warn({ err: error, url }, 'cannot fetch a connection source repository'),
    );
    this.fetches.add(fetching);
    return fetching.finally(() => this.fetches.delete(fetching));
  }

  private pollMirrors(): void {
    if (this.fetches.size === 0) for (const url of this.urls) void this.fetchMirror(url);
  }
}
