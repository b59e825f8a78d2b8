/** The operators of a VariableCheck rule's Operator configuration. */
export const VARIABLE_CHECK_OPERATORS = ['EQ', 'NE', 'CONTAINS', 'MATCHES', 'GT', 'LT', 'GE', 'LE'] as const;

/** One VariableCheck operator. */
export type VariableCheckOperator = (typeof VARIABLE_CHECK_OPERATORS)[number];

/** What one VariableCheck comparison found: whether the rule passes, and a summary to show as the rule's result. */
export interface VariableCheckOutcome {
  passed: boolean;
  summary: string;
}

/** Whether a text names a VariableCheck operator. */
export function isVariableCheckOperator(text: string): text is VariableCheckOperator {
  return (VARIABLE_CHECK_OPERATORS as readonly string[]).includes(text);
}

function compareNumbers(operator: 'GT' | 'LT' | 'GE' | 'LE', left: number, right: number): boolean {
  if (operator === 'GT') return left > right;
  if (operator === 'LT') return left < right;
  if (operator === 'GE') return left >= right;
  return left <= right;
}

function matchesWhole(value: string, pattern: string): boolean | undefined {
  // AWS documents MATCHES as a Java regex, and Java's matches() asks the whole value to match: anchor the pattern.
  try {
    return new RegExp(`^(?:${pattern})$`, 'u').test(value);
  } catch {
    return undefined;
  }
}

/** Compares a resolved variable with the rule's Value under its Operator (GT/LT/GE/LE compare numbers). */
export function checkVariable(resolved: string, operator: VariableCheckOperator, expected: string): VariableCheckOutcome {
  let passed: boolean | undefined;
  if (operator === 'EQ') passed = resolved === expected;
  else if (operator === 'NE') passed = resolved !== expected;
  else if (operator === 'CONTAINS') passed = resolved.includes(expected);
  else if (operator === 'MATCHES') {
    passed = matchesWhole(resolved, expected);
    if (passed === undefined) return { passed: false, summary: `The Value ${JSON.stringify(expected)} is not a valid regular expression` };
  } else {
    const left = Number(resolved);
    const right = Number(expected);
    if (resolved.trim() === '' || expected.trim() === '' || Number.isNaN(left) || Number.isNaN(right)) {
      return { passed: false, summary: `${operator} compares numbers: ${JSON.stringify(resolved)} ${operator} ${JSON.stringify(expected)} cannot be compared` };
    }
    passed = compareNumbers(operator, left, right);
  }
  const verdict = passed ? 'passed' : 'failed';
  return { passed, summary: `VariableCheck ${verdict}: ${JSON.stringify(resolved)} ${operator} ${JSON.stringify(expected)}` }; // wording inferred
}
