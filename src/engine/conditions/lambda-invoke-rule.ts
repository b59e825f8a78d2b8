import { ruleError, type RuleEvaluator } from './rule-run.js';

/** The LambdaInvoke rule: fails, saying so, since the emulator runs no Lambda functions yet. */
export const lambdaInvokeRule: RuleEvaluator = async ({ configuration }) =>
  // not emulated yet
  ruleError(`The LambdaInvoke rule is not emulated by codepipeline-local yet: function ${configuration.FunctionName ?? ''} was not invoked`, 'JobFailed');
