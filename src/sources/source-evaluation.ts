import { pathsChangedBy, resolveCommit } from '../git/index.js';
import type { SourceRevisionOverride } from '../model/index.js';
import type { S3Storage } from '../s3/index.js';
import type { Clock, Logger } from '../shared/index.js';
import type { SourceWatchStore } from '../store/index.js';
import { diffRefs } from '../watch/index.js';
import { matchesPushFilters, type PushEvent } from './push-filters.js';
import { isCompleteZip, type S3VersionCache } from './s3-folder.js';
import { readS3Object } from './s3-source-object.js';
import type { DetectionTrigger, WatchedGitSource, WatchedS3Source, WatchedSource } from './watched-sources.js';

/** Starts one execution for a detected change; false when the engine refused (the pipeline went away, ...). */
export type StartExecution = (source: WatchedSource, trigger: DetectionTrigger, revision: SourceRevisionOverride) => boolean;

/** What evaluating a source needs: where state is kept, how to start executions, time and a log. */
export interface EvaluationDeps {
  state: SourceWatchStore;
  start: StartExecution;
  versions: S3VersionCache;
  s3: S3Storage;
  clock: Clock;
  log: Logger;
}

const HEADS = 'refs/heads/';

/** The refs a git source follows: its branch only, or every branch and tag when push filters decide. */
export function relevantRefs(source: WatchedGitSource, refs: ReadonlyMap<string, string>): Record<string, string> {
  if (source.detection.type === 'branch') {
    const head = refs.get(`${HEADS}${source.branch}`);
    return head ? { [`${HEADS}${source.branch}`]: head } : {};
  }
  return Object.fromEntries(refs);
}

/** The refs that are new or moved from one set to another, in name order (deletions start nothing). */
export function pushEvents(before: Record<string, string>, after: Record<string, string>): PushEvent[] {
  return diffRefs(new Map(Object.entries(before)), new Map(Object.entries(after))).filter((change): change is PushEvent => change.after !== undefined);
}

/**
 * Stores a baseline (no execution) when the source was never watched or its configuration changed, and tells
 * whether it did; otherwise returns the revisions last seen.
 */
function baselineOr(deps: EvaluationDeps, source: WatchedSource, current: Record<string, string>): Record<string, string> | undefined {
  const stored = deps.state.get(source, source.pipelineName, source.actionName);
  if (stored && stored.fingerprint === source.fingerprint) return stored.revisions;
  deps.state.put(source, source.pipelineName, source.actionName, { fingerprint: source.fingerprint, revisions: current, updatedMs: deps.clock.now() });
  return undefined;
}

async function gitEventStarts(source: WatchedGitSource, gitDir: string, event: PushEvent, before: Record<string, string>): Promise<string | undefined> {
  if (source.detection.type === 'branch') return event.ref === `${HEADS}${source.branch}` ? event.after : undefined;
  // A tag may point at a tag object; the run needs the commit under it.
  const commit = event.ref.startsWith(HEADS) ? event.after : await resolveCommit(gitDir, event.after);
  if (!commit) return undefined;
  // The files a push changed: those of the commits it brought, i.e. not reachable from what the refs held before.
  const known = event.before ? [event.before] : Object.entries(before).filter(([ref]) => ref !== event.ref).map(([, id]) => id);
  const paths = () => pathsChangedBy(gitDir, commit, known);
  return (await matchesPushFilters(source.detection.filters, event, paths)) ? commit : undefined;
}

/**
 * Compares a git source's refs with those last seen and starts an execution for each new head that should start
 * one (its branch, or what its push filters let through), then records the refs. The first time, it only records.
 */
export async function evaluateGitSource(deps: EvaluationDeps, source: WatchedGitSource, gitDir: string | undefined, refs: ReadonlyMap<string, string>): Promise<void> {
  const current = gitDir ? relevantRefs(source, refs) : {};
  const before = baselineOr(deps, source, current);
  if (!before || !gitDir) return;
  for (const event of pushEvents(before, current)) {
    const commit = await gitEventStarts(source, gitDir, event, before).catch((error: Error) => {
      deps.log.warn({ err: error, pipeline: source.pipelineName, action: source.actionName, ref: event.ref }, 'could not inspect a new commit');
      return undefined;
    });
    if (commit) deps.start(source, source.trigger, { actionName: source.actionName, revisionType: 'COMMIT_ID', revisionValue: commit });
  }
  deps.state.put(source, source.pipelineName, source.actionName, { fingerprint: source.fingerprint, revisions: current, updatedMs: deps.clock.now() });
}

/**
 * Reads an S3 source's object and starts an execution when its version differs from the one last seen; a zip still
 * being written is left for the next change. The first time, it only records the version.
 */
export async function evaluateS3Source(deps: EvaluationDeps, source: WatchedS3Source, file: string | undefined): Promise<void> {
  const object = file ? await readS3Object(deps.s3, source.bucket, source.key) : undefined;
  if (object && !isCompleteZip(object.bytes)) return;
  const current: Record<string, string> = object ? { object: object.versionId } : {};
  const before = baselineOr(deps, source, current);
  if (!before) return;
  if (object && before.object !== object.versionId) {
    // Kept, so the run gets these bytes even when the file changes again before its source action reads it (a
    // versioned bucket keeps the version itself).
    if (!object.s3Versioned) await deps.versions.remember(source.bucket, source.key, object);
    deps.start(source, source.trigger, { actionName: source.actionName, revisionType: 'S3_OBJECT_VERSION_ID', revisionValue: object.versionId });
  }
  deps.state.put(source, source.pipelineName, source.actionName, { fingerprint: source.fingerprint, revisions: current, updatedMs: deps.clock.now() });
}

/**
 * Records, after a source action took the head of its branch, that this head was seen, so change detection does
 * not start a second run for a commit a run already used (a StartPipelineExecution racing a push).
 */
export function recordTakenRevision(deps: EvaluationDeps, source: WatchedSource, revisionId: string, currentHead: string | undefined): void {
  if (source.kind !== 'git' || currentHead !== revisionId) return;
  const stored = deps.state.get(source, source.pipelineName, source.actionName);
  const ref = `${HEADS}${source.branch}`;
  if (!stored || stored.fingerprint !== source.fingerprint || stored.revisions[ref] === revisionId) return;
  deps.state.put(source, source.pipelineName, source.actionName, { ...stored, revisions: { ...stored.revisions, [ref]: revisionId }, updatedMs: deps.clock.now() });
}
