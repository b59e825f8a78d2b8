import type { RuleDeclaration, RuleExecutionRecord, StageDeclaration } from '../../model/index.js';
import type { EngineCore, LiveExecution } from '../engine-core.js';

/** One rule being evaluated: what it is given, and the means to report progress and be stopped. */
export interface RuleRun {
  core: EngineCore;
  live: LiveExecution;
  stage: StageDeclaration;
  rule: RuleDeclaration;
  /** The rule's configuration with `#{namespace.variable}` references resolved. */
  configuration: Record<string, string>;
  record: RuleExecutionRecord;
  /** Aborted when the rule's result no longer matters (another rule failed, an override, a stop, a shutdown). */
  signal: AbortSignal;
  /** Updates the rule's summary (or external execution) while it is still in progress. */
  progress(update: { summary?: string; externalExecutionId?: string; externalExecutionUrl?: string }): void;
}

/** How a rule ended: whether it passed, its summary, and what went wrong when it could not be evaluated. */
export interface RuleOutcome {
  passed: boolean;
  summary: string;
  externalExecutionId?: string;
  externalExecutionUrl?: string;
  errorDetails?: { code: string; message: string };
}

/** Evaluates one rule type. */
export type RuleEvaluator = (run: RuleRun) => Promise<RuleOutcome>;

/** A rule that could not be evaluated: failed, with the reason as both its summary and its error. */
export function ruleError(message: string, code = 'ConfigurationError'): RuleOutcome {
  return { passed: false, summary: message, errorDetails: { code, message } };
}

/** Resolves once the engine's clock reaches `atMs` (tests move a manual clock); rejects when the signal aborts. */
export function waitUntil(core: EngineCore, atMs: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      cancel();
      reject(signal.reason);
    };
    const cancel = core.timers.setTimer(atMs, () => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
