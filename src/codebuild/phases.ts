import type { Clock } from '../shared/index.js';
import type { BuildPhase, BuildPhaseType, BuildStatus } from './build-request.js';
import type { BuildLog } from './build-log.js';
import { CONTAINER_PHASES } from './build-phases.js';

/** A phase context as CodeBuild reports it (`COMMAND_EXECUTION_ERROR`, `YAML_FILE_ERROR`, ...). */
export interface PhaseContext {
  statusCode: string;
  message: string;
}

/** The status a finished phase can have. */
export type PhaseStatus = Exclude<BuildStatus, 'IN_PROGRESS'>;

// The phases whose end CodeBuild's agent prints into the build log; the others happen outside the container.
const LOGGED_PHASES: ReadonlySet<BuildPhaseType> = new Set(CONTAINER_PHASES);

/** Records a build's phases as they start and end, reports each move, and prints the agent's phase lines. */
export class PhaseRecorder {
  /** Every phase so far, in order. */
  readonly phases: BuildPhase[] = [];
  private readonly clock: Clock;
  private readonly log: BuildLog;
  private readonly onPhase: (phase: BuildPhase) => void;

  constructor(deps: { clock: Clock; log: BuildLog; onPhase(phase: BuildPhase): void }) {
    this.clock = deps.clock;
    this.log = deps.log;
    this.onPhase = deps.onPhase;
  }

  /** Starts a phase; buildspec phases print `Entering phase <PHASE>`. */
  start(phaseType: BuildPhaseType): void {
    const phase: BuildPhase = { phaseType, startMs: this.clock.now() };
    this.phases.push(phase);
    if (phaseType === 'DOWNLOAD_SOURCE') this.log.agent('Phase is DOWNLOAD_SOURCE');
    else if (LOGGED_PHASES.has(phaseType) && phaseType !== 'UPLOAD_ARTIFACTS') this.log.agent(`Entering phase ${phaseType}`);
    this.onPhase({ ...phase });
  }

  /**
   * Ends the running phase with a status and at most one context; prints `Phase complete: ...` and its context
   * line unless `quiet` (an interrupted build's agent is gone and prints nothing more).
   */
  end(status: PhaseStatus, context?: PhaseContext, quiet = false): BuildPhase {
    const phase = this.running();
    if (phase === undefined) throw new Error('no phase is running');
    phase.endMs = this.clock.now();
    phase.phaseStatus = status;
    phase.contexts = context === undefined ? [] : [context];
    if (LOGGED_PHASES.has(phase.phaseType) && !quiet) {
      this.log.agent(`Phase complete: ${phase.phaseType} State: ${status}`);
      // A successful phase prints an empty context: "status code:  Message: " with two spaces.
      this.log.agent(`Phase context status code: ${context?.statusCode ?? ''} Message: ${context?.message ?? ''}`);
    }
    this.onPhase({ ...phase, contexts: [...phase.contexts] });
    return phase;
  }

  /** The phase started and not yet ended, if any. */
  running(): BuildPhase | undefined {
    const last = this.phases[this.phases.length - 1];
    return last !== undefined && last.endMs === undefined ? last : undefined;
  }

  /** Adds the terminal COMPLETED marker, which has a start time only, as on CodeBuild. */
  complete(): void {
    const phase: BuildPhase = { phaseType: 'COMPLETED', startMs: this.clock.now() };
    this.phases.push(phase);
    this.onPhase({ ...phase });
  }
}
