import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PipelineDeclaration } from '../../src/model/pipeline-declaration.js';
import { validatePipelineStructure } from '../../src/model/structure/index.js';

interface InvalidFixture {
  description: string;
  request: { pipeline: PipelineDeclaration };
  expected: { __type: string; message: string };
}

const root = join(import.meta.dirname, '../../fixtures/pipelines');
const ctx = { account: '000000000000', region: 'us-east-1' };
const load = <T>(dir: string) =>
  readdirSync(join(root, dir))
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ file: f, body: JSON.parse(readFileSync(join(root, dir, f), 'utf8')) as T }));

const invalid = load<InvalidFixture>('invalid');
const structural = invalid.filter((f) => f.body.expected.__type !== 'ValidationException');

describe('invalid pipeline fixtures', () => {
  describe('when counted', () => {
    it('hold at least 34 cases', () => {
      expect(invalid.length).toBeGreaterThanOrEqual(34);
    });
  });

  for (const { file, body } of structural) {
    describe(`when the fixture is ${file}`, () => {
      it('gets exactly its expected structural exception and message', () => {
        const problem = validatePipelineStructure(body.request.pipeline, ctx);
        expect(problem).toEqual({ exception: body.expected.__type, message: body.expected.message });
      });
    });
  }
});

describe('valid pipeline fixtures', () => {
  for (const { file, body } of load<{ pipeline: PipelineDeclaration }>('valid')) {
    describe(`when the fixture is ${file}`, () => {
      it('has no structural problem', () => {
        expect(validatePipelineStructure(body.pipeline, ctx)).toBeUndefined();
      });
    });
  }
});
