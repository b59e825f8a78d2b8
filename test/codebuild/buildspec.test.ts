import { describe, expect, it } from 'vitest';
import { parseBuildspec, type Buildspec } from '../../src/codebuild/buildspec.js';

function parsed(text: string): Buildspec {
  const result = parseBuildspec(text);
  if (!result.ok) throw new Error(`expected the buildspec to parse, got: ${result.message}`);
  return result.buildspec;
}

function failure(text: string): string {
  const result = parseBuildspec(text);
  if (result.ok) throw new Error('expected the buildspec to be refused');
  return result.message;
}

describe('parseBuildspec', () => {
  describe('when the buildspec is valid', () => {
    it('reads every section with the defaults CodeBuild applies', () => {
      const spec = parsed(`version: 0.2
run-as: builder
env:
  shell: bash
  variables:
    NODE_ENV: production
    PATH_LIKE: $PATH:/x
  parameter-store:
    TOKEN: /ci/token
  secrets-manager:
    DB: "prod/db:password"
  exported-variables: [IMAGE_TAG]
phases:
  install:
    runtime-versions:
      python: 3.10
    commands:
      - npm ci
  build:
    on-failure: CONTINUE
    commands:
      - npm test
      - |
        echo multi
        echo line
    finally:
      - echo done
artifacts:
  files: '**/*'
  base-directory: dist
  discard-paths: yes
  exclude-paths: ['**/*.map']
  enable-symlinks: no
  name: web-$CODEBUILD_BUILD_NUMBER
  secondary-artifacts:
    Manifests:
      files: [imagedefinitions.json]
cache:
  paths: ['/root/.npm/**/*']
`);
      expect(spec.version).toBe('0.2');
      expect(spec.runAs).toBe('builder');
      expect(spec.env).toEqual({
        shell: 'bash',
        variables: { NODE_ENV: 'production', PATH_LIKE: '$PATH:/x' },
        parameterStore: { TOKEN: '/ci/token' },
        secretsManager: { DB: 'prod/db:password' },
        exportedVariables: ['IMAGE_TAG'],
        gitCredentialHelper: false,
      });
      expect(spec.phases.install).toEqual({ commands: ['npm ci'], finally: [], runtimeVersions: { python: '3.10' }, onFailure: undefined, runAs: undefined });
      expect(spec.phases.build?.commands).toEqual(['npm test', 'echo multi\necho line\n']);
      expect(spec.phases.build?.finally).toEqual(['echo done']);
      expect(spec.phases.build?.onFailure).toEqual({ mode: 'CONTINUE' });
      expect(spec.phases.pre_build).toBeUndefined();
      expect(spec.artifacts?.primary).toEqual({
        files: ['**/*'],
        name: 'web-$CODEBUILD_BUILD_NUMBER',
        discardPaths: true,
        baseDirectory: 'dist',
        excludePaths: ['**/*.map'],
        enableSymlinks: false,
        s3Prefix: undefined,
      });
      expect(spec.artifacts?.secondary.Manifests.files).toEqual(['imagedefinitions.json']);
      expect(spec.cache).toEqual({ paths: ['/root/.npm/**/*'], key: undefined, fallbackKeys: [], action: undefined });
    });

    it('accepts version 0.1 and quoted versions', () => {
      expect(parsed('version: 0.1\nphases:\n  build:\n    commands: [ls]\n').version).toBe('0.1');
      expect(parsed('version: "0.2"\nphases: {}\n').version).toBe('0.2');
    });

    it('keeps commands that YAML would read as numbers or booleans as written', () => {
      expect(parsed('version: 0.2\nphases:\n  build:\n    commands:\n      - yes\n      - 1.10\n').phases.build?.commands).toEqual(['yes', '1.10']);
    });

    it('reads the RETRY forms of on-failure', () => {
      const spec = parsed(`version: 0.2
phases:
  install: { on-failure: RETRY, commands: [a] }
  pre_build: { on-failure: RETRY-2, commands: [a] }
  build: { on-failure: 'RETRY-3-.*timed out.*', commands: [a] }
  post_build: { on-failure: 'RETRY-.*flaky.*', commands: [a] }
`);
      expect(spec.phases.install?.onFailure).toMatchObject({ mode: 'RETRY', count: 3 });
      expect(spec.phases.pre_build?.onFailure).toMatchObject({ mode: 'RETRY', count: 2 });
      expect(spec.phases.build?.onFailure).toMatchObject({ mode: 'RETRY', count: 3, pattern: /.*timed out.*/s });
      expect(spec.phases.post_build?.onFailure).toMatchObject({ mode: 'RETRY', count: 3, pattern: /.*flaky.*/s });
    });

    it('leaves the primary artifact out when only secondary artifacts have files', () => {
      const spec = parsed('version: 0.2\nphases: {}\nartifacts:\n  secondary-artifacts:\n    Out:\n      files: [a]\n');
      expect(spec.artifacts?.primary).toBeUndefined();
      expect(Object.keys(spec.artifacts?.secondary ?? {})).toEqual(['Out']);
    });
  });

  describe('when the YAML does not parse', () => {
    it.each([
      ['a tab as indentation', 'version: 0.2\nphases:\n\tbuild: {}\n', 'found character that cannot start any token at line 3'],
      ['an unclosed flow sequence', 'version: 0.2\nphases:\n  build:\n    commands: [ls, pwd\nartifacts: {}\n', "did not find expected ',' or ']' at line 5"],
      ['a mapping value in a compact mapping', 'version: 0.2\nphases: build: x\n', 'mapping values are not allowed in this context at line 2'],
    ])('words %s as CodeBuild does', (_what, text, message) => {
      expect(failure(text)).toBe(message);
    });
  });

  describe('when the structure is wrong', () => {
    it('refuses a command holding ": " with CodeBuild own message', () => {
      expect(failure('version: 0.2\n\nphases:\n  build:\n    commands:\n     - echo "Hello: world"\n')).toBe(
        'Expected Commands[0] to be of string type: found subkeys instead at line 6, value of the key tag on line 5 might be empty',
      );
    });

    it.each([
      ['a missing version', 'phases: {}\n', /version is required/],
      ['an unknown version', 'version: 0.3\nphases: {}\n', /invalid buildspec version: 0\.3/],
      ['missing phases', 'version: 0.2\n', /phases are required/],
      ['an unknown phase', 'version: 0.2\nphases:\n  deploy:\n    commands: [ls]\n', /unknown phase deploy/],
      ['an unknown on-failure', 'version: 0.2\nphases:\n  build:\n    on-failure: IGNORE\n    commands: [ls]\n', /invalid value for on-failure: IGNORE/],
      ['an unsupported shell', 'version: 0.2\nenv:\n  shell: powershell.exe\nphases: {}\n', /unsupported shell powershell\.exe/],
      ['an exported AWS_ variable', 'version: 0.2\nenv:\n  exported-variables: [AWS_X]\nphases: {}\n', /cannot start with AWS_/],
      ['a CODEBUILD_ variable', 'version: 0.2\nenv:\n  variables:\n    CODEBUILD_X: y\nphases: {}\n', /CODEBUILD_ are reserved/],
      ['a non-boolean flag', "version: 0.2\nphases: {}\nartifacts:\n  files: [a]\n  discard-paths: maybe\n", /invalid value for discard-paths: maybe/],
      ['commands given as a string', 'version: 0.2\nphases:\n  build:\n    commands: ls\n', /Expected Commands to be of array type/],
    ])('refuses %s', (_what, text, message) => {
      expect(failure(text)).toMatch(message);
    });
  });
});
