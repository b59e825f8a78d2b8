/** What a LambdaInvoke rule's function answered: its payload, and the error type when the function failed. */
export interface RuleFunctionResult {
  payload: Buffer;
  functionError?: string;
}

/**
 * Where LambdaInvoke rules invoke functions: the emulator's Lambda implements it and hands it to the engine
 * (optional: without it the rule fails, saying Lambda is not there).
 */
export interface RuleFunctions {
  /** Invokes a function of an account and region synchronously; rejects when there is no such function. */
  invoke(scope: { account: string; region: string }, functionName: string, event: Buffer): Promise<RuleFunctionResult>;
  /** Where the function's invocation log is served, when it exists. */
  logUrl?(scope: { account: string; region: string }, functionName: string): string | undefined;
}
