import type { BuildPhase, BuildPhaseType, BuildStatus } from './build-request.js';

/** The phase types CodeBuild's agent goes through inside the build container, in order. */
export const CONTAINER_PHASES: readonly BuildPhaseType[] = ['DOWNLOAD_SOURCE', 'INSTALL', 'PRE_BUILD', 'BUILD', 'POST_BUILD', 'UPLOAD_ARTIFACTS'];

/** CodeBuild's phase types in the order a build goes through them. */
export const PHASE_ORDER: readonly BuildPhaseType[] = ['SUBMITTED', 'QUEUED', 'PROVISIONING', ...CONTAINER_PHASES, 'FINALIZING', 'COMPLETED'];

// How far along a build is once a phase has started, for the pipeline action's percentComplete.
const PERCENT_AT_START: Record<BuildPhaseType, number> = {
  SUBMITTED: 0,
  QUEUED: 2,
  PROVISIONING: 5,
  DOWNLOAD_SOURCE: 15,
  INSTALL: 25,
  PRE_BUILD: 40,
  BUILD: 50,
  POST_BUILD: 80,
  UPLOAD_ARTIFACTS: 90,
  FINALIZING: 95,
  COMPLETED: 100,
};

/** The percentComplete a pipeline action reports while its build is in a phase. */
export function percentAt(phase: BuildPhaseType): number {
  return PERCENT_AT_START[phase];
}

/**
 * Adds a phase to the list, or updates the one of the same type; the first start time reported wins, so a
 * phase the service opened (PROVISIONING while the image is prepared) keeps its start when the runner reports it.
 */
export function mergePhase(phases: readonly BuildPhase[], phase: BuildPhase): BuildPhase[] {
  const existing = phases.find((p) => p.phaseType === phase.phaseType);
  const merged: BuildPhase = existing ? { ...existing, ...phase, startMs: Math.min(existing.startMs, phase.startMs) } : phase;
  const rest = phases.filter((p) => p.phaseType !== phase.phaseType);
  return [...rest, merged].sort((a, b) => PHASE_ORDER.indexOf(a.phaseType) - PHASE_ORDER.indexOf(b.phaseType));
}

/** The phase a build is in: the last one reported. */
export function currentPhaseOf(phases: readonly BuildPhase[]): BuildPhaseType {
  return phases[phases.length - 1]?.phaseType ?? 'SUBMITTED';
}

/** Ends the phase that is still open (if any) with a status and context. */
function endOpenPhase(phases: readonly BuildPhase[], status: BuildStatus, nowMs: number, context?: { statusCode: string; message: string }): BuildPhase[] {
  return phases.map((p) =>
    p.endMs === undefined && p.phaseType !== 'COMPLETED' ? { ...p, phaseStatus: status, endMs: nowMs, contexts: context ? [context] : (p.contexts ?? []) } : p,
  );
}

/**
 * Ends a build that failed (or was stopped) before or outside the runner: the open phase gets the status and
 * context, then FINALIZING and COMPLETED follow, as CodeBuild skips straight to them.
 */
export function finishPhases(phases: readonly BuildPhase[], status: BuildStatus, nowMs: number, context?: { statusCode: string; message: string }): BuildPhase[] {
  let out = endOpenPhase(phases, status, nowMs, context);
  if (!out.some((p) => p.phaseType === 'FINALIZING')) out = mergePhase(out, { phaseType: 'FINALIZING', phaseStatus: 'SUCCEEDED', startMs: nowMs, endMs: nowMs, contexts: [] });
  if (!out.some((p) => p.phaseType === 'COMPLETED')) out = mergePhase(out, { phaseType: 'COMPLETED', startMs: nowMs });
  return out;
}
