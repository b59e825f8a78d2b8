import type { RuleEvaluator } from './rule-run.js';
import { checkVariable, isVariableCheckOperator, VARIABLE_CHECK_OPERATORS } from './variable-check.js';

/** The VariableCheck rule: compares its resolved Variable with its Value under its Operator. */
export const variableCheckRule: RuleEvaluator = async ({ configuration }) => {
  const operator = configuration.Operator ?? '';
  if (!isVariableCheckOperator(operator)) {
    const message = `Operator ${JSON.stringify(operator)} is not supported: use one of ${VARIABLE_CHECK_OPERATORS.join(', ')}`; // wording inferred
    return { passed: false, summary: message, errorDetails: { code: 'ConfigurationError', message } };
  }
  return checkVariable(configuration.Variable ?? '', operator, configuration.Value ?? '');
};
