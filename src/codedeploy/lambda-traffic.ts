import type { Scope } from '../store/index.js';

/** An alias as a Lambda deployment sees it: the version it points at and the weights of the others. */
export interface AliasRouting {
  functionVersion: string;
  additionalVersionWeights: Record<string, number>;
  /** The alias's ARN (the deployment target's). */
  aliasArn: string;
}

/** What a hook function's invocation answered. */
export interface HookInvocation {
  /** `Unhandled` when the function failed. */
  functionError?: string;
  payload: string;
}

/**
 * The emulator's Lambda functions as CodeDeploy's Lambda compute platform reaches them: it reads and moves an alias
 * between versions, and invokes the hook functions. The wiring implements it over the Lambda feature.
 */
export interface LambdaTraffic {
  /** The alias of a function, or why it cannot be used (no such function or alias). */
  alias(scope: Scope, functionName: string, alias: string): AliasRouting | { problem: string };
  /** Whether a function has this published version. */
  hasVersion(scope: Scope, functionName: string, version: string): boolean;
  /** Points an alias at a version, with the weights of the others (none: all its traffic goes to `functionVersion`). */
  route(scope: Scope, functionName: string, alias: string, functionVersion: string, additionalVersionWeights: Record<string, number>): void;
  /** Invokes a hook function with its event; rejects when the function cannot be found or run. */
  invoke(scope: Scope, functionName: string, event: object): Promise<HookInvocation>;
}
