import { describe, expect, it } from 'vitest';
import { checkVariable, isVariableCheckOperator } from '../../src/engine/conditions/variable-check.js';

describe('VariableCheck rule comparison', () => {
  it('compares text with EQ, NE and CONTAINS', () => {
    expect(checkVariable('main', 'EQ', 'main').passed).toBe(true);
    expect(checkVariable('main', 'EQ', 'Main').passed).toBe(false);
    expect(checkVariable('main', 'NE', 'dev').passed).toBe(true);
    expect(checkVariable('feature/login', 'CONTAINS', 'login').passed).toBe(true);
    expect(checkVariable('feature/login', 'CONTAINS', 'logout').passed).toBe(false);
  });

  it('asks MATCHES to match the whole value, as Java does, and fails an invalid pattern with a summary', () => {
    expect(checkVariable('release-1.2', 'MATCHES', 'release-[0-9.]+').passed).toBe(true);
    expect(checkVariable('pre-release-1.2', 'MATCHES', 'release-[0-9.]+').passed).toBe(false);
    const invalid = checkVariable('x', 'MATCHES', '(');
    expect(invalid.passed).toBe(false);
    expect(invalid.summary).toContain('not a valid regular expression');
  });

  it('compares numbers with GT, LT, GE and LE and fails what is no number', () => {
    expect(checkVariable('10', 'GT', '9').passed).toBe(true);
    expect(checkVariable('9', 'LT', '10').passed).toBe(true);
    expect(checkVariable('5', 'GE', '5').passed).toBe(true);
    expect(checkVariable('6', 'LE', '5').passed).toBe(false);
    expect(checkVariable('abc', 'GT', '1')).toMatchObject({ passed: false, summary: expect.stringContaining('compares numbers') });
    expect(checkVariable('', 'LE', '1').passed).toBe(false);
  });

  it('knows its operators', () => {
    expect(isVariableCheckOperator('MATCHES')).toBe(true);
    expect(isVariableCheckOperator('toString')).toBe(false);
  });
});
