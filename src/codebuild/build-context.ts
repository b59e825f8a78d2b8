import type Dockerode from 'dockerode';
import type { ContainerRunner, StreamingContainer } from '../runner/index.js';
import type { Clock, Logger } from '../shared/index.js';
import type { BuildEngineHandle, BuildRequest } from './build-request.js';
import type { Buildspec } from './buildspec.js';
import type { BuildControl } from './build-control.js';
import type { BuildResources } from './build-resources.js';
import type { BuildLimits } from './compute-limits.js';
import type { SourceLayout } from './build-environment.js';
import type { BuildLog } from './build-log.js';
import type { CachePlan } from './build-cache.js';
import { BuildInterrupted } from './command-phases.js';
import type { PhaseRecorder } from './phases.js';
import type { CommandState, ShellSession } from './shell-session.js';
import type { WarmBuildContainers } from './warm-containers.js';

/** What {@link createBuildRunner} needs. */
export interface BuildRunnerDeps {
  runner: ContainerRunner;
  docker: Dockerode;
  clock: Clock;
  log: Logger;
  /** What a build container may use: memory, CPUs, processes and disk. */
  limits: BuildLimits;
  /** Where build containers come from: a warm one per image and limits, ready before the build asks. */
  containers: WarmBuildContainers;
}

/** The state of one running build, shared by its phases. */
export interface BuildContext {
  deps: BuildRunnerDeps;
  request: BuildRequest;
  /** When the runner took the build (CODEBUILD_START_TIME). */
  startMs: number;
  log: BuildLog;
  recorder: PhaseRecorder;
  control: BuildControl;
  layout: SourceLayout;
  /** The parsed buildspec, or the YAML_FILE_ERROR message it failed with. */
  buildspec: { ok: true; buildspec: Buildspec } | { ok: false; message: string };
  /** Values of the buildspec's parameter-store and secrets-manager variables, or the context their lookup failed with. */
  buildspecSecrets: { ok: true; values: Record<string, string> } | { ok: false; statusCode: string; message: string };
  cache: CachePlan;
  state: CommandState;
  /** The engine the build runs on: the one the executor placed it on, or the runner's own. */
  engine: Omit<BuildEngineHandle, 'host' | 'failed'> & Partial<Pick<BuildEngineHandle, 'host' | 'failed'>>;
  container?: StreamingContainer;
  /** The watcher of the container's disk and memory, once the container runs. */
  resources?: BuildResources;
  session?: ShellSession;
}

/**
 * Awaits a step that talks to the build container; when StopBuild or the timeout removed the container under it,
 * the step's failure is that interruption, not an error of its own.
 */
export async function guarded<T>(ctx: BuildContext, step: Promise<T>): Promise<T> {
  const result = await ctx.control.race(step);
  if ('reason' in result) throw new BuildInterrupted(result.reason);
  return result.value;
}
