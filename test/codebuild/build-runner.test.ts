import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BuildHarness, phaseSummary, plainLines } from './build-harness.js';

const harness = new BuildHarness();

beforeAll(() => harness.setUp());
beforeEach(() => harness.assertReady());
afterAll(() => harness.tearDown());

describe('createBuildRunner', () => {
  describe('when every command succeeds', () => {
    it('goes through the phases from PROVISIONING to COMPLETED and removes the container', async () => {
      const { outcome } = await harness.build(`version: 0.2
phases:
  build:
    commands:
      - echo built
`);
      expect(outcome.status).toBe('SUCCEEDED');
      expect(phaseSummary(outcome)).toEqual([
        'PROVISIONING:SUCCEEDED',
        'DOWNLOAD_SOURCE:SUCCEEDED',
        'INSTALL:SUCCEEDED',
        'PRE_BUILD:SUCCEEDED',
        'BUILD:SUCCEEDED',
        'POST_BUILD:SUCCEEDED',
        'UPLOAD_ARTIFACTS:SUCCEEDED',
        'FINALIZING:SUCCEEDED',
        'COMPLETED',
      ]);
      expect(outcome.phases.filter((p) => p.phaseType !== 'COMPLETED').every((p) => p.contexts?.length === 0)).toBe(true);
      expect(outcome.phases.at(-1)).toEqual({ phaseType: 'COMPLETED', startMs: expect.any(Number) });
      expect(await harness.containers()).toEqual([]);
    });

    it('prints the [Container] lines CodeBuild prints, with the command output in between', async () => {
      const { lines } = await harness.build(`version: 0.2
phases:
  build:
    commands:
      - echo "hello from the build"
`);
      expect(lines.every((l) => !l.startsWith('[Container]') || /^\[Container\] \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}\.\d{6} /.test(l))).toBe(true);
      const plain = plainLines(lines);
      const expectInOrder = [
        'Waiting for agent ping',
        'Phase is DOWNLOAD_SOURCE',
        'YAML location is /codebuild/readonly/buildspec.yml',
        'Phases found in YAML: 1',
        ' BUILD: 1 commands',
        'Phase complete: DOWNLOAD_SOURCE State: SUCCEEDED',
        'Phase context status code:  Message: ',
        'Entering phase INSTALL',
        'Phase complete: INSTALL State: SUCCEEDED',
        'Entering phase BUILD',
        'Running command echo "hello from the build"',
        'hello from the build',
        'Phase complete: BUILD State: SUCCEEDED',
        'Entering phase POST_BUILD',
        'Phase complete: UPLOAD_ARTIFACTS State: SUCCEEDED',
      ];
      let from = 0;
      for (const expected of expectInOrder) {
        const at = plain.indexOf(expected, from);
        expect(at, `"${expected}" after line ${from} in:\n${plain.join('\n')}`).toBeGreaterThanOrEqual(0);
        from = at + 1;
      }
      expect(plain.some((l) => /^CODEBUILD_SRC_DIR=\/codebuild\/output\/src\d+\/src$/.test(l))).toBe(true);
    });

    it('reports each phase as it starts and again as it ends', async () => {
      const { phaseReports } = await harness.build('version: 0.2\nphases:\n  build:\n    commands:\n      - "true"\n');
      const build = phaseReports.filter((p) => p.phaseType === 'BUILD');
      expect(build).toHaveLength(2);
      expect(build[0].phaseStatus).toBeUndefined();
      expect(build[1]).toMatchObject({ phaseStatus: 'SUCCEEDED', contexts: [] });
      expect(build[1].endMs).toBeGreaterThanOrEqual(build[1].startMs);
    });
  });

  describe('when the install phase fails', () => {
    it('skips every later phase and the upload, and fails with the command and its exit code', async () => {
      const { outcome, lines } = await harness.build(`version: 0.2
phases:
  install:
    commands:
      - echo installing
      - exit 3
      - echo never
    finally:
      - echo install-finally
  build:
    commands:
      - echo building
`);
      expect(outcome.status).toBe('FAILED');
      expect(phaseSummary(outcome)).toEqual([
        'PROVISIONING:SUCCEEDED',
        'DOWNLOAD_SOURCE:SUCCEEDED',
        'INSTALL:FAILED',
        'FINALIZING:SUCCEEDED',
        'COMPLETED',
      ]);
      const message = 'Error while executing command: exit 3. Reason: exit status 3';
      expect(outcome.phases[2].contexts).toEqual([{ statusCode: 'COMMAND_EXECUTION_ERROR', message }]);
      expect(outcome.failure).toEqual({ phase: 'INSTALL', message, statusCode: 'COMMAND_EXECUTION_ERROR', exitCode: 3 });
      const plain = plainLines(lines);
      expect(plain).toContain('install-finally');
      expect(plain).toContain('Command did not exit successfully exit 3 exit status 3');
      expect(plain).toContain(`Phase context status code: COMMAND_EXECUTION_ERROR Message: ${message}`);
      expect(plain).not.toContain('never');
      expect(plain).not.toContain('building');
    });
  });

  describe('when the build phase fails', () => {
    it('still runs its finally, then post_build, then the upload', async () => {
      const { outcome, lines } = await harness.build(`version: 0.2
phases:
  build:
    commands:
      - echo building
      - "false"
      - echo never
    finally:
      - echo "build-finally succeeding=$CODEBUILD_BUILD_SUCCEEDING last=$CODEBUILD_LAST_EXIT"
  post_build:
    commands:
      - echo "post-build succeeding=$CODEBUILD_BUILD_SUCCEEDING"
`);
      expect(outcome.status).toBe('FAILED');
      expect(phaseSummary(outcome)).toEqual([
        'PROVISIONING:SUCCEEDED',
        'DOWNLOAD_SOURCE:SUCCEEDED',
        'INSTALL:SUCCEEDED',
        'PRE_BUILD:SUCCEEDED',
        'BUILD:FAILED',
        'POST_BUILD:SUCCEEDED',
        'UPLOAD_ARTIFACTS:SUCCEEDED',
        'FINALIZING:SUCCEEDED',
        'COMPLETED',
      ]);
      const plain = plainLines(lines);
      expect(plain).toContain('build-finally succeeding=0 last=1');
      expect(plain).toContain('post-build succeeding=0');
      expect(plain).not.toContain('never');
      expect(outcome.failure).toMatchObject({ phase: 'BUILD', exitCode: 1 });
    });

    it('stops after the build phase when it says on-failure: ABORT', async () => {
      const { outcome, lines } = await harness.build(`version: 0.2
phases:
  build:
    on-failure: ABORT
    commands:
      - exit 2
    finally:
      - echo build-finally
  post_build:
    commands:
      - echo post-build
`);
      expect(phaseSummary(outcome).slice(4)).toEqual(['BUILD:FAILED', 'FINALIZING:SUCCEEDED', 'COMPLETED']);
      expect(plainLines(lines)).toContain('build-finally');
      expect(plainLines(lines)).not.toContain('post-build');
    });
  });

  describe('when a pre_build failure says on-failure: CONTINUE', () => {
    it('runs the later phases but still fails the build', async () => {
      const { outcome, lines } = await harness.build(`version: 0.2
phases:
  pre_build:
    on-failure: CONTINUE
    commands:
      - exit 4
  build:
    commands:
      - echo still-building
`);
      expect(outcome.status).toBe('FAILED');
      expect(phaseSummary(outcome).slice(3, 7)).toEqual(['PRE_BUILD:FAILED', 'BUILD:SUCCEEDED', 'POST_BUILD:SUCCEEDED', 'UPLOAD_ARTIFACTS:SUCCEEDED']);
      expect(plainLines(lines)).toContain('still-building');
    });
  });

  describe('when only a finally command fails', () => {
    it('fails the phase with that command', async () => {
      const { outcome } = await harness.build(`version: 0.2
phases:
  post_build:
    commands:
      - "true"
    finally:
      - exit 5
`);
      expect(outcome.status).toBe('FAILED');
      expect(outcome.failure).toMatchObject({ phase: 'POST_BUILD', exitCode: 5 });
      expect(phaseSummary(outcome)).toContain('UPLOAD_ARTIFACTS:SUCCEEDED');
    });
  });

  describe('when the buildspec is version 0.2', () => {
    it('carries the working folder, variables and functions across commands and phases', async () => {
      const { outcome, lines } = await harness.build(`version: 0.2
env:
  shell: bash
phases:
  install:
    commands:
      - mkdir -p sub/dir && cd sub
      - PLAIN="plain value"
      - export EXPORTED='quoted "value" with $dollar'
      - greet() { echo "hello $1"; }
  build:
    commands:
      - cd dir
      - echo "pwd=$(pwd)"
      - echo "plain=$PLAIN exported=$EXPORTED"
      - greet world
      - bash -c 'echo "child sees $PLAIN"'
`);
      expect(outcome.status).toBe('SUCCEEDED');
      const plain = plainLines(lines);
      expect(plain.find((l) => l.startsWith('pwd='))).toMatch(/^pwd=\/codebuild\/output\/src\d+\/src\/sub\/dir$/);
      expect(plain).toContain('plain=plain value exported=quoted "value" with $dollar');
      expect(plain).toContain('hello world');
      expect(plain).toContain('child sees plain value');
    });

    it('runs commands with /bin/sh by default, with errors reported from line 4 of script.sh', async () => {
      const { lines } = await harness.build(`version: 0.2
phases:
  build:
    commands:
      - if [[ 1 == 1 ]]; then echo bash; fi
`);
      expect(plainLines(lines).some((l) => l.includes('/codebuild/output/tmp/script.sh: 4: [[: not found'))).toBe(true);
    });
  });

  describe('when a command is longer than one exec argument could carry', () => {
    it('runs it the same way', async () => {
      const long = `# ${'x'.repeat(130_000)}\n        echo "long command ran in $(basename "$(pwd)")"`;
      const { outcome, lines } = await harness.build(`version: 0.2
phases:
  build:
    commands:
      - cd /tmp
      - |
        ${long}
`);
      expect(outcome.status).toBe('SUCCEEDED');
      expect(plainLines(lines)).toContain('long command ran in tmp');
    });
  });

  describe('when the buildspec is version 0.1', () => {
    it('runs every command in a fresh shell from CODEBUILD_SRC_DIR', async () => {
      const { outcome, lines } = await harness.build(`version: 0.1
phases:
  build:
    commands:
      - cd /tmp && export KEPT=yes
      - echo "pwd=$(pwd) kept=\${KEPT:-no}"
`);
      expect(outcome.status).toBe('SUCCEEDED');
      expect(plainLines(lines).find((l) => l.startsWith('pwd='))).toMatch(/^pwd=\/codebuild\/output\/src\d+\/src kept=no$/);
    });
  });

  describe('when a phase says on-failure: RETRY-2', () => {
    it('runs the phase again until it succeeds', async () => {
      const { outcome, lines } = await harness.build(`version: 0.2
phases:
  build:
    on-failure: RETRY-2
    commands:
      - echo attempt >> /tmp/attempts
      - test "$(wc -l < /tmp/attempts)" -ge 2
`);
      expect(outcome.status).toBe('SUCCEEDED');
      expect(plainLines(lines).filter((l) => l === 'Running command echo attempt >> /tmp/attempts')).toHaveLength(2);
    });
  });

  describe('when the buildspec has a YAML error', () => {
    it('fails DOWNLOAD_SOURCE with YAML_FILE_ERROR and runs no command', async () => {
      const { outcome, lines } = await harness.build(`version: 0.2

phases:
  build:
    commands:
     - echo "Hello: world"
`);
      expect(outcome.status).toBe('FAILED');
      expect(phaseSummary(outcome)).toEqual(['PROVISIONING:SUCCEEDED', 'DOWNLOAD_SOURCE:FAILED', 'FINALIZING:SUCCEEDED', 'COMPLETED']);
      const message = 'Expected Commands[0] to be of string type: found subkeys instead at line 6, value of the key tag on line 5 might be empty';
      expect(outcome.phases[1].contexts).toEqual([{ statusCode: 'YAML_FILE_ERROR', message }]);
      expect(plainLines(lines)).toContain(`Phase context status code: YAML_FILE_ERROR Message: ${message}`);
      expect(await harness.containers()).toEqual([]);
    });
  });

  describe('when the image is not present', () => {
    it('fails PROVISIONING without starting anything', async () => {
      const { outcome } = await harness.build('version: 0.2\nphases:\n  build:\n    commands:\n      - "true"\n', {
        image: 'codepipeline-local-test/no-such-image:never',
      });
      expect(phaseSummary(outcome)).toEqual(['PROVISIONING:FAILED', 'FINALIZING:SUCCEEDED', 'COMPLETED']);
      expect(outcome.failure?.statusCode).toBe('BUILD_CONTAINER_UNABLE_TO_PULL_IMAGE');
    });
  });
});
