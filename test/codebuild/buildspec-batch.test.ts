import { describe, expect, it } from 'vitest';
import { parseBuildspec, type Buildspec } from '../../src/codebuild/buildspec.js';

function parsed(text: string): Buildspec {
  const result = parseBuildspec(text);
  if (!result.ok) throw new Error(`expected the buildspec to parse, got: ${result.message}`);
  return result.buildspec;
}

function failure(text: string): string {
  const spec = parsed(text);
  if (spec.batchProblem === undefined) throw new Error('expected the batch section to be refused');
  expect(spec.batch).toBeUndefined();
  return spec.batchProblem;
}

const PHASES = 'phases:\n  build:\n    commands:\n      - echo hi\n';

describe('the buildspec batch section', () => {
  it('is absent from a buildspec without one', () => {
    expect(parsed(`version: 0.2\n${PHASES}`).batch).toBeUndefined();
  });

  it('reads a build-list with env overrides, ignore-failure and fast-fail', () => {
    const spec = parsed(`version: 0.2
batch:
  fast-fail: true
  build-list:
    - identifier: linux_small
      env:
        compute-type: BUILD_GENERAL1_SMALL
        privileged-mode: yes
        variables:
          TARGET: small
      ignore-failure: true
    - identifier: other
      buildspec: other/buildspec.yml
${PHASES}`);
    expect(spec.batch).toEqual({
      fastFail: true,
      kind: 'build-list',
      builds: [
        { identifier: 'linux_small', buildspec: undefined, env: { computeType: 'BUILD_GENERAL1_SMALL', image: undefined, privilegedMode: true, type: undefined, variables: { TARGET: 'small' } }, ignoreFailure: true, dependOn: [], debugSession: false },
        { identifier: 'other', buildspec: 'other/buildspec.yml', env: { computeType: undefined, image: undefined, type: undefined, variables: {} }, ignoreFailure: false, dependOn: [], debugSession: false },
      ],
    });
  });

  it('reads a build-graph with depend-on', () => {
    const spec = parsed(`version: 0.2
batch:
  build-graph:
    - identifier: first
    - identifier: second
      depend-on:
        - first
${PHASES}`);
    expect(spec.batch?.kind).toBe('build-graph');
    expect(spec.batch?.fastFail).toBe(false);
    expect(spec.batch?.builds.map((b) => [b.identifier, b.dependOn])).toEqual([['first', []], ['second', ['first']]]);
  });

  it('expands a build-matrix into one build per combination of its dynamic values, with the static ones on each', () => {
    const spec = parsed(`version: 0.2
batch:
  build-matrix:
    static:
      ignore-failure: true
      env:
        privileged-mode: true
    dynamic:
      buildspec:
        - a.yml
        - b.yml
      env:
        image:
          - aws/codebuild/standard:7.0
        variables:
          MODE:
            - debug
            - release
${PHASES}`);
    const builds = spec.batch?.builds ?? [];
    expect(builds.map((b) => [b.identifier, b.buildspec, b.env.image, b.env.variables.MODE, b.ignoreFailure, b.env.privilegedMode])).toEqual([
      ['build1', 'a.yml', 'aws/codebuild/standard:7.0', 'debug', true, true],
      ['build2', 'a.yml', 'aws/codebuild/standard:7.0', 'release', true, true],
      ['build3', 'b.yml', 'aws/codebuild/standard:7.0', 'debug', true, true],
      ['build4', 'b.yml', 'aws/codebuild/standard:7.0', 'release', true, true],
    ]);
  });

  it.each([
    ['two kinds at once', 'batch:\n  build-list:\n    - identifier: a\n  build-graph:\n    - identifier: b\n', 'exactly one of build-list, build-graph or build-matrix is required in batch'],
    ['no kind', 'batch:\n  fast-fail: true\n', 'exactly one of build-list, build-graph or build-matrix is required in batch'],
    ['a missing identifier', 'batch:\n  build-list:\n    - buildspec: a.yml\n', 'identifier is required for build-list[0] at line 4'],
    ['a duplicate identifier', 'batch:\n  build-list:\n    - identifier: a\n    - identifier: a\n', 'duplicate build identifier a'],
    ['the reserved identifier', 'batch:\n  build-list:\n    - identifier: DOWNLOAD_SOURCE\n', 'build identifier DOWNLOAD_SOURCE is reserved for the batch source download'],
    ['a bad identifier', 'batch:\n  build-list:\n    - identifier: a-b\n', 'invalid build identifier a-b, use only letters, digits and underscores'],
    ['an unknown dependency', 'batch:\n  build-graph:\n    - identifier: a\n      depend-on: [zz]\n', 'build a depends on unknown build zz'],
    ['a cycle', 'batch:\n  build-graph:\n    - identifier: a\n      depend-on: [b]\n    - identifier: b\n      depend-on: [a]\n', 'build-graph has a dependency cycle: a -> b -> a'],
    ['depend-on in a list', 'batch:\n  build-list:\n    - identifier: a\n    - identifier: b\n      depend-on: [a]\n', 'depend-on is only allowed in build-graph (build b)'],
    ['a list that is a map', 'batch:\n  build-list:\n    identifier: a\n', 'Expected build-list to be of array type: found subkeys instead at line 4'],
    ['a bad fast-fail', 'batch:\n  fast-fail: maybe\n  build-list:\n    - identifier: a\n', 'invalid value for fast-fail: maybe at line 3, expected yes or no'],
    ['a matrix without dynamic values', 'batch:\n  build-matrix:\n    static:\n      ignore-failure: true\n', 'build-matrix needs at least one dynamic value'],
  ])('refuses %s with the YAML_FILE_ERROR message a batch fails with (a single build ignores it)', (_name, batch, message) => {
    expect(failure(`version: 0.2\n${batch}${PHASES}`)).toBe(message);
  });
});
