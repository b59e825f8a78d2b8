// The server's own list of final statuses: a file of constants the console may share (see .dependency-cruiser.cjs).
export { isFinalStatus } from '../../../model/execution-status.js';

/** The colour family of a status: blue in progress, green succeeded, red failed, amber stopped, grey not run. */
export type Tone = 'progress' | 'success' | 'failure' | 'stopped' | 'idle';

const TONES: Record<string, Tone> = {
  InProgress: 'progress',
  Stopping: 'stopped',
  Succeeded: 'success',
  Failed: 'failure',
  Abandoned: 'failure',
  Stopped: 'stopped',
  Superseded: 'idle',
  Cancelled: 'idle',
  Skipped: 'idle',
  // Condition statuses: an overridden condition let the execution through by hand; an errored one could not be evaluated.
  Overridden: 'stopped',
  Errored: 'failure',
};

/** The tone a status is drawn in. */
export function toneOf(status: string | undefined): Tone {
  return (status && TONES[status]) || 'idle';
}
