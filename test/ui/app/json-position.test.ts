import { describe, expect, it } from 'vitest';
import { findJsonError } from '../../../src/ui/app/views/editor/json-position.js';

describe('findJsonError', () => {
  describe('when the text is valid JSON', () => {
    it.each(['{}', '[]', '{"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"]}', '  "s"  '])('finds nothing in %s', (text) => {
      expect(() => JSON.parse(text)).not.toThrow();
      expect(findJsonError(text)).toBeUndefined();
    });
  });

  describe('when the text is not valid JSON', () => {
    it.each([
      ['{\n  "a": 1,\n}', 3, 1, 'A property name in double quotes is expected here'],
      ['{\n  "stages": [,\n]}', 2, 14, 'Unexpected ",": a value is expected here'],
      ['{"a" 1}', 1, 6, 'A colon is expected after the property name'],
      ['[1 2]', 1, 4, 'A comma or "]" is expected here'],
      ['{"a": "unterminated}', 1, 7, 'Unterminated or invalid string'],
      ['{"a": 1', 1, 8, 'A comma or "}" is expected here'],
      ['{} x', 1, 4, 'Unexpected text after the JSON value'],
    ])('reports %j at line %i, column %i', (text, line, column, message) => {
      expect(() => JSON.parse(text)).toThrow();
      expect(findJsonError(text)).toMatchObject({ line, column, message });
    });
  });
});
