import type { BuildPhaseType } from './build-request.js';
import type { Buildspec, BuildspecPhase, BuildspecPhaseName } from './buildspec.js';
import type { BuildControl, Interruption } from './build-control.js';
import type { BuildResources } from './build-resources.js';
import type { BuildLog } from './build-log.js';
import type { PhaseContext, PhaseRecorder } from './phases.js';
import type { CommandState, ShellSession } from './shell-session.js';

/** Thrown through the phases when StopBuild or the timeout ends the build mid-command. */
export class BuildInterrupted extends Error {
  readonly reason: Interruption;

  constructor(reason: Interruption) {
    super(`build ${reason === 'STOPPED' ? 'stopped' : reason === 'TIMED_OUT' ? 'timed out' : 'failed'}`);
    this.name = 'BuildInterrupted';
    this.reason = reason;
  }
}

/** A failed phase, for the outcome's failure summary. */
export interface PhaseFailure {
  phase: BuildPhaseType;
  context: PhaseContext;
  exitCode?: number;
}

/** What the buildspec phases leave for the rest of the build. */
export interface CommandPhasesResult {
  /** Whether UPLOAD_ARTIFACTS still runs (not after an INSTALL or PRE_BUILD failure, nor after ABORT). */
  upload: boolean;
  /** The first failure, if any phase failed. */
  failure?: PhaseFailure;
}

/** Everything the buildspec phases run with. */
export interface CommandPhasesDeps {
  session: ShellSession;
  log: BuildLog;
  recorder: PhaseRecorder;
  control: BuildControl;
  state: CommandState;
  /** The watcher of the container's disk and memory, when the build has limits. */
  resources?: BuildResources;
}

/** The buildspec's command phases in the order they run, with the phase type each one reports. */
export const COMMAND_PHASES: readonly [BuildspecPhaseName, BuildPhaseType][] = [
  ['install', 'INSTALL'],
  ['pre_build', 'PRE_BUILD'],
  ['build', 'BUILD'],
  ['post_build', 'POST_BUILD'],
];

/**
 * Runs INSTALL, PRE_BUILD, BUILD and POST_BUILD with CodeBuild's transitions: a failed INSTALL or PRE_BUILD ends
 * the build (no later phase, no upload); a failed BUILD still runs POST_BUILD, and a failed POST_BUILD still
 * uploads artifacts; `on-failure: CONTINUE` goes on as if the phase had succeeded and `ABORT` stops everything
 * after it. A phase the buildspec leaves out still appears, succeeding with nothing to run.
 */
export async function runCommandPhases(deps: CommandPhasesDeps, buildspec: Buildspec): Promise<CommandPhasesResult> {
  let failure: PhaseFailure | undefined;
  for (const [name, phaseType] of COMMAND_PHASES) {
    const phase = buildspec.phases[name];
    deps.recorder.start(phaseType);
    const phaseFailure = await runPhaseWithRetries(deps, phase, phaseType, buildspec.runAs);
    deps.recorder.end(phaseFailure === undefined ? 'SUCCEEDED' : 'FAILED', phaseFailure?.context);
    if (phaseFailure === undefined) continue;
    failure ??= phaseFailure;
    const mode = phase?.onFailure?.mode;
    if (mode === 'CONTINUE') continue;
    if (mode === 'ABORT' || phaseType === 'INSTALL' || phaseType === 'PRE_BUILD') return { upload: false, failure };
  }
  return { upload: true, failure };
}

async function runPhaseWithRetries(
  deps: CommandPhasesDeps,
  phase: BuildspecPhase | undefined,
  phaseType: BuildPhaseType,
  globalRunAs: string | undefined,
): Promise<PhaseFailure | undefined> {
  const onFailure = phase?.onFailure;
  const retries = onFailure?.mode === 'RETRY' ? onFailure.count : 0;
  for (let attempt = 0; ; attempt++) {
    const failure = await runPhase(deps, phase, phaseType, phase?.runAs ?? globalRunAs);
    if (failure === undefined || onFailure?.mode !== 'RETRY' || attempt >= retries) return failure;
    if (!onFailure.pattern.test(failure.context.message)) return failure;
    deps.log.agent(`Retrying phase ${phaseType}: attempt ${attempt + 2} of ${retries + 1}`);
  }
}

// Runs `commands` until one fails, then `finally` whatever happened; the first failure is the phase's.
async function runPhase(
  deps: CommandPhasesDeps,
  phase: BuildspecPhase | undefined,
  phaseType: BuildPhaseType,
  user: string | undefined,
): Promise<PhaseFailure | undefined> {
  if (phase === undefined) return undefined;
  if (Object.keys(phase.runtimeVersions).length > 0) {
    deps.log.agent('Skipping install of runtimes. Runtime version selection is not supported by this build image');
  }
  let failure = await runCommands(deps, phase.commands, phaseType, user);
  if (phase.finally.length > 0) failure = (await runCommands(deps, phase.finally, phaseType, user)) ?? failure;
  return failure;
}

async function runCommands(
  deps: CommandPhasesDeps,
  commands: readonly string[],
  phaseType: BuildPhaseType,
  user: string | undefined,
): Promise<PhaseFailure | undefined> {
  for (const command of commands) {
    const exitCode = await runCommand(deps, command, user);
    deps.state.lastExit = exitCode;
    if (exitCode === 0) continue;
    deps.state.succeeding = false;
    // A command that failed for a broken limit (a fork past the process limit) ends the build saying so.
    await deps.resources?.check();
    if (deps.control.reason !== undefined) throw new BuildInterrupted(deps.control.reason);
    deps.log.agent(`Command did not exit successfully ${command} exit status ${exitCode}`);
    const outOfMemory = (await deps.resources?.outOfMemory()) === true;
    const message = outOfMemory ? deps.resources!.outOfMemoryMessage(command, exitCode) : `Error while executing command: ${command}. Reason: exit status ${exitCode}`;
    return { phase: phaseType, context: { statusCode: 'COMMAND_EXECUTION_ERROR', message }, exitCode };
  }
  return undefined;
}

/** Runs one command, streaming its output into the log; throws {@link BuildInterrupted} when the build is stopped. */
async function runCommand(deps: CommandPhasesDeps, command: string, user: string | undefined): Promise<number> {
  deps.log.agent(`Running command ${command}`);
  const stdout = deps.log.output();
  const stderr = deps.log.output();
  const exec = deps.session.run(command, {
    state: deps.state,
    user,
    onStdout: (chunk) => stdout.write(chunk),
    onStderr: (chunk) => stderr.write(chunk),
  });
  const outcome = await deps.control.race(exec);
  stdout.flush();
  stderr.flush();
  if ('reason' in outcome) throw new BuildInterrupted(outcome.reason);
  if (deps.control.reason !== undefined) throw new BuildInterrupted(deps.control.reason);
  return outcome.value;
}
