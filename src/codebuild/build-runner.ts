import type { BuildOutcome, BuildPhaseType, BuildRequest, RunBuild } from './build-request.js';
import { parseBuildspec } from './buildspec.js';
import { resolveBuildspecSecrets } from './buildspec-secrets.js';
import { BuildControl } from './build-control.js';
import { planCache } from './build-cache.js';
import { guarded, type BuildContext, type BuildRunnerDeps } from './build-context.js';
import { secretValues, sourceLayout } from './build-environment.js';
import { BuildLog } from './build-log.js';
import { BuildInterrupted, runCommandPhases } from './command-phases.js';
import { downloadSource, saveCache } from './download-source.js';
import { PhaseRecorder, type PhaseContext } from './phases.js';
import { provision } from './provisioning.js';
import { engineGone, engineLostMessage, engineUnreachableMessage } from './engine-failure.js';
import { artifactNameExpressions, sessionArchive, uploadArtifacts } from './upload-artifacts.js';
import { collectReportFiles, unreadReports } from './report-files.js';
import type { CollectedReport } from '../model/index.js';

export type { BuildRunnerDeps } from './build-context.js';

/** The end of a build as the phases left it, before FINALIZING. */
interface PhasesEnd {
  status: BuildOutcome['status'];
  failure?: { phase: BuildPhaseType; context: PhaseContext; exitCode?: number };
  exportedVariables: Record<string, string>;
  artifacts: Record<string, string>;
  artifactNames?: Record<string, string>;
  /** Whether FINALIZING saves the cache: the buildspec phases ran and the build was neither stopped nor timed out. */
  saveCache: boolean;
  /** The files of the buildspec's `reports`, read in UPLOAD_ARTIFACTS. */
  reports?: CollectedReport[];
}

const MS_PER_MINUTE = 60_000;

/**
 * Creates the build runner: one Docker container per build (taken warm from `deps.containers`, fed each command by
 * `exec` with the build's environment, released for removal at the end whatever happens, never used again), CodeBuild's phases from PROVISIONING to COMPLETED, the buildspec's commands, exported
 * variables and artifacts, StopBuild through `request.signal` and `timeoutInMinutes`.
 */
export function createBuildRunner(deps: BuildRunnerDeps): RunBuild {
  return async (request) => {
    const ctx = await prepare(deps, request);
    let end: PhasesEnd;
    try {
      end = await runPhases(ctx);
    } catch (err) {
      const gone = err instanceof BuildInterrupted ? undefined : await engineGone(ctx.engine);
      end = gone === undefined ? interruptedOrFault(ctx, err) : lostEngine(ctx, gone);
    }
    await finalize(ctx, end.saveCache);
    return toOutcome(ctx, end);
  };
}

function toOutcome(ctx: BuildContext, end: PhasesEnd): BuildOutcome {
  const failure = end.failure && {
    phase: end.failure.phase,
    message: end.failure.context.message,
    statusCode: end.failure.context.statusCode,
    ...(end.failure.exitCode === undefined ? {} : { exitCode: end.failure.exitCode }),
  };
  return {
    status: end.status,
    phases: ctx.recorder.phases.map((p) => ({ ...p, contexts: p.contexts?.map((c) => ({ ...c })) })),
    exportedVariables: end.exportedVariables,
    artifacts: end.artifacts,
    ...(end.artifactNames === undefined ? {} : { artifactNames: end.artifactNames }),
    reports: end.reports ?? unreadReports(ctx.buildspec.ok ? ctx.buildspec.buildspec.reports : {}, 'the build did not reach UPLOAD_ARTIFACTS'),
    ...(failure === undefined ? {} : { failure }),
  };
}

async function prepare(deps: BuildRunnerDeps, request: BuildRequest): Promise<BuildContext> {
  const startMs = deps.clock.now();
  const parsed = parseBuildspec(request.buildspec);
  const buildspec = parsed.ok ? parsed.buildspec : undefined;
  const buildspecSecrets = await resolveBuildspecSecrets(request, buildspec);
  const masked = [...secretValues(request), ...Object.values(buildspecSecrets.ok ? buildspecSecrets.values : {})];
  const log = new BuildLog({ clock: deps.clock, onLog: (line) => request.onLog(line), secrets: masked });
  const layout = sourceLayout(request);
  const ctx: BuildContext = {
    deps,
    request,
    startMs,
    log,
    recorder: new PhaseRecorder({ clock: deps.clock, log, onPhase: (phase) => request.onPhase(phase) }),
    control: new BuildControl({
      signal: request.signal,
      timeoutMs: request.timeoutInMinutes * MS_PER_MINUTE,
      // Removed at once, so a stopped build ends now rather than when its running command would have.
      onInterrupt: () => void removeContainer(ctx),
    }),
    layout,
    buildspec: parsed,
    buildspecSecrets,
    cache: planCache(buildspec?.cache, layout.srcDir),
    state: { succeeding: true, lastExit: 0 },
    engine: request.engine ?? { docker: deps.docker, containers: deps.containers },
  };
  return ctx;
}

async function runPhases(ctx: BuildContext): Promise<PhasesEnd> {
  const none = { exportedVariables: {}, artifacts: {}, saveCache: false };
  ctx.recorder.start('PROVISIONING');
  const provisioning = await provision(ctx).catch((err: unknown) => unreachableEngine(ctx, err));
  ctx.recorder.end(provisioning === undefined ? 'SUCCEEDED' : 'FAILED', provisioning);
  if (provisioning !== undefined) return { status: 'FAILED', failure: { phase: 'PROVISIONING', context: provisioning }, ...none };
  ctx.recorder.start('DOWNLOAD_SOURCE');
  const download = await downloadSource(ctx);
  ctx.recorder.end(download === undefined ? 'SUCCEEDED' : 'FAILED', download);
  if (download !== undefined || !ctx.buildspec.ok || ctx.session === undefined) {
    return { status: 'FAILED', failure: download && { phase: 'DOWNLOAD_SOURCE', context: download }, ...none };
  }
  const buildspec = ctx.buildspec.buildspec;
  const phases = await runCommandPhases({ ...ctx, session: ctx.session }, buildspec);
  const values = await readFinalValues(ctx);
  const base = { ...values, artifacts: {}, saveCache: true };
  if (!phases.upload) return { status: 'FAILED', failure: phases.failure, ...base };
  ctx.recorder.start('UPLOAD_ARTIFACTS');
  // What the last command wrote is checked before it is packed onto this machine's disk.
  await ctx.resources?.check({ processes: false });
  if (ctx.control.reason !== undefined) throw new BuildInterrupted(ctx.control.reason);
  const reports = await readReports(ctx);
  const upload = await uploadArtifacts(ctx);
  ctx.recorder.end(upload.ok ? 'SUCCEEDED' : 'FAILED', upload.ok ? undefined : upload.context);
  const failure = phases.failure ?? (upload.ok ? undefined : { phase: 'UPLOAD_ARTIFACTS' as const, context: upload.context });
  const artifacts = upload.ok ? upload.written : {};
  const names = values.artifactNames && Object.fromEntries(Object.entries(values.artifactNames).filter(([id]) => id in artifacts));
  return { status: failure === undefined ? 'SUCCEEDED' : 'FAILED', failure, ...base, artifacts, artifactNames: names, reports };
}

// Test and coverage files are read before the artifacts, as CodeBuild uploads reports first; a failure to read them leaves the reports INCOMPLETE, never the build failed.
async function readReports(ctx: BuildContext): Promise<CollectedReport[]> {
  const definitions = ctx.buildspec.ok ? ctx.buildspec.buildspec.reports : {};
  if (Object.keys(definitions).length === 0 || ctx.container === undefined) return unreadReports(definitions, 'the build container is gone');
  try {
    return await guarded(ctx, collectReportFiles({ container: ctx.container, srcDir: ctx.layout.srcDir, log: ctx.log, archive: sessionArchive(ctx) }, definitions));
  } catch (err) {
    if (err instanceof BuildInterrupted) throw err;
    ctx.deps.log.warn({ err, buildId: ctx.request.buildId }, 'reading the report files failed');
    return unreadReports(definitions, `reading the report files failed: ${(err as Error).message}`);
  }
}

// The exported variables and the artifact names, read from the shell state the last command left.
async function readFinalValues(
  ctx: BuildContext,
): Promise<{ exportedVariables: Record<string, string>; artifactNames?: Record<string, string> }> {
  if (!ctx.buildspec.ok || ctx.session === undefined) return { exportedVariables: {} };
  const buildspec = ctx.buildspec.buildspec;
  const names = buildspec.env.exportedVariables;
  const expressions = artifactNameExpressions(ctx.request.artifacts, buildspec.artifacts);
  const values = await guarded(ctx, ctx.session.evaluate(names, expressions.map(([, e]) => e), ctx.state));
  const exportedVariables = Object.fromEntries(names.map((name, i) => [name, values[i]]));
  if (expressions.length === 0) return { exportedVariables };
  const artifactNames = Object.fromEntries(expressions.map(([id], i) => [id, values[names.length + i]]));
  return { exportedVariables, artifactNames };
}

// An engine that cannot be reached fails PROVISIONING as a client error (wording inferred: AWS has no remote engines);
// any other error stays a fault of the emulator.
function unreachableEngine(ctx: BuildContext, err: unknown): PhaseContext {
  const why = ctx.engine.failed?.(err);
  if (why === undefined) throw err;
  return { statusCode: 'CLIENT_ERROR', message: engineUnreachableMessage(ctx.engine.host ?? 'the Docker engine', why) };
}

// The build's engine went away under it: the running phase fails as a client error, like an unreachable engine.
function lostEngine(ctx: BuildContext, why: string): PhasesEnd {
  const context = { statusCode: 'CLIENT_ERROR', message: engineLostMessage(ctx.engine.host ?? 'the Docker engine', why) };
  const running = ctx.recorder.running();
  if (running !== undefined) ctx.recorder.end('FAILED', context);
  return { status: 'FAILED', failure: { phase: running?.phaseType ?? 'PROVISIONING', context }, exportedVariables: {}, artifacts: {}, saveCache: false };
}

function interruptedOrFault(ctx: BuildContext, err: unknown): PhasesEnd {
  const none = { exportedVariables: {}, artifacts: {}, saveCache: false };
  const running = ctx.recorder.running();
  if (err instanceof BuildInterrupted) {
    const context = err.reason === 'TIMED_OUT' ? { statusCode: 'BUILD_TIMED_OUT', message: 'Build has timed out. ' } : ctx.control.failure;
    // A broken limit is the agent's own finding, so it prints the phase's end; a stop or timeout leaves no agent to.
    if (running !== undefined) ctx.recorder.end(err.reason, context, err.reason !== 'FAILED');
    const failure = context && running && { phase: running.phaseType, context };
    return { status: err.reason, ...(failure ? { failure } : {}), ...none };
  }
  ctx.deps.log.error({ err, buildId: ctx.request.buildId }, 'build failed with an internal error');
  const context = { statusCode: 'INTERNAL_ERROR', message: err instanceof Error ? err.message : String(err) };
  if (running !== undefined) ctx.recorder.end('FAULT', context, true);
  return { status: 'FAULT', failure: { phase: running?.phaseType ?? 'PROVISIONING', context }, ...none };
}

// FINALIZING saves the cache and hands the container back for removal; COMPLETED marks the end.
async function finalize(ctx: BuildContext, withCache: boolean): Promise<void> {
  ctx.recorder.start('FINALIZING');
  if (withCache && ctx.control.reason === undefined) {
    try {
      await guarded(ctx, saveCache(ctx));
    } catch (err) {
      if (!(err instanceof BuildInterrupted)) ctx.deps.log.warn({ err, buildId: ctx.request.buildId }, 'saving the build cache failed');
    }
  }
  ctx.resources?.stop();
  ctx.session?.close();
  // Removed in the background: the build's outcome does not wait for Docker to tear the container down.
  if (ctx.container !== undefined) ctx.engine.containers.release(ctx.container);
  ctx.control.dispose();
  ctx.recorder.end('SUCCEEDED');
  ctx.recorder.complete();
}

async function removeContainer(ctx: BuildContext): Promise<void> {
  try {
    await ctx.container?.remove();
  } catch (err) {
    ctx.deps.log.warn({ err, buildId: ctx.request.buildId }, 'removing the build container failed');
  }
}
