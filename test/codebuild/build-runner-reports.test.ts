import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BuildHarness } from './build-harness.js';

const harness = new BuildHarness();

beforeAll(() => harness.setUp());
beforeEach(() => harness.assertReady());
afterAll(() => harness.tearDown());

describe('createBuildRunner reports', () => {
  it('reads each report group\'s files out of the container, even when BUILD failed', async () => {
    const request = await harness.request(`version: 0.2
phases:
  build:
    commands:
      - mkdir -p out/junit
      - echo '<testsuite name="s"><testcase name="t"/></testsuite>' > out/junit/a.xml
      - echo '<coverage/>' > out/cobertura.xml
      - exit 1
reports:
  unit:
    files: ['**/*.xml']
    base-directory: out/junit
  cov:
    files: [out/cobertura.xml]
    discard-paths: yes
    file-format: COBERTURAXML
  missing:
    files: [nothing/*.xml]
`);
    const { outcome } = await harness.run(request);
    expect(outcome.status).toBe('FAILED');
    expect(outcome.reports).toEqual([
      { name: 'unit', fileFormat: 'JUNITXML', files: [{ path: 'a.xml', content: '<testsuite name="s"><testcase name="t"/></testsuite>\n' }] },
      { name: 'cov', fileFormat: 'COBERTURAXML', files: [{ path: 'cobertura.xml', content: '<coverage/>\n' }] },
      { name: 'missing', fileFormat: 'JUNITXML', files: [], problem: 'no report files found' },
    ]);
  });
});
