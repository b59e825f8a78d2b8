import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BuildHarness, phaseSummary, plainLines } from './build-harness.js';

const harness = new BuildHarness();

beforeAll(() => harness.setUp());
beforeEach(() => harness.assertReady());
afterAll(() => harness.tearDown());

describe('createBuildRunner environment', () => {
  describe('when the buildspec exports variables', () => {
    it('returns their values as the last command left them, unset ones empty', async () => {
      const { outcome } = await harness.build(`version: 0.2
env:
  variables:
    FROM_ENV: from-buildspec
  exported-variables:
    - FROM_ENV
    - COMPUTED
    - NEVER_SET
phases:
  build:
    commands:
      - COMPUTED="$(echo abc | tr a-z A-Z)-$CODEBUILD_BUILD_NUMBER"
  post_build:
    commands:
      - COMPUTED="$COMPUTED-post"
`);
      expect(outcome.exportedVariables).toEqual({ FROM_ENV: 'from-buildspec', COMPUTED: 'ABC-1-post', NEVER_SET: '' });
    });
  });

  describe('when variables come from several places', () => {
    it('lets StartBuild beat the project, the project beat the buildspec, and keeps CODEBUILD_* its own', async () => {
      const { lines } = await harness.build(
        `version: 0.2
env:
  variables:
    ONLY_BUILDSPEC: b
    SHARED: buildspec
phases:
  build:
    commands:
      - echo "vars $ONLY_BUILDSPEC $SHARED $CODEBUILD_BUILD_ID"
      - echo "secret is $TOKEN"
`,
        {
          buildId: `${harness.project}:11111111-2222-3333-4444-555555555555`,
          environmentVariables: [
            { name: 'SHARED', value: 'project' },
            { name: 'CODEBUILD_BUILD_ID', value: 'forged' },
            { name: 'SHARED', value: 'start-build' },
            { name: 'TOKEN', value: 's3cr3t-value', type: 'SECRETS_MANAGER' },
          ],
        },
      );
      const plain = plainLines(lines);
      expect(plain).toContain(`vars b start-build ${harness.project}:11111111-2222-3333-4444-555555555555`);
      expect(plain).toContain('secret is ***');
      expect(lines.join('\n')).not.toContain('s3cr3t-value');
    });

    it("hands commands variables named like the build agent's own as the build set them", async () => {
      const names = ['script', 'src', 'status', 'length', 'kind', 'token', 'mask', 'received'];
      const { lines } = await harness.build(`version: 0.2\nphases:\n  build:\n    commands:\n      - echo "${names.map((n) => `$${n}`).join(' ')}"\n`, {
        environmentVariables: names.map((name) => ({ name, value: `my-${name}` })),
      });
      expect(plainLines(lines)).toContain(names.map((n) => `my-${n}`).join(' '));
    });

    it('sets the CODEBUILD_* variables as CodeBuild does', async () => {
      const { lines } = await harness.build('version: 0.2\nphases:\n  build:\n    commands:\n      - env | grep -E "^(CODEBUILD_|AWS_)" | sort\n', {
        buildNumber: 7,
        imageName: 'aws/codebuild/standard:7.0',
        sources: [{ dir: await harness.source({ a: 'a' }), resolvedSourceVersion: 'abc123', sourceVersion: 'arn:aws:s3:::bucket/key' }],
      });
      const env = Object.fromEntries(plainLines(lines).filter((l) => /^(CODEBUILD_|AWS_)\w*=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
      const uuid = env.CODEBUILD_BUILD_ID.split(':')[1];
      expect(env).toMatchObject({
        AWS_DEFAULT_REGION: 'us-east-1',
        AWS_REGION: 'us-east-1',
        CODEBUILD_BUILD_ARN: `arn:aws:codebuild:us-east-1:000000000000:build/${harness.project}:${uuid}`,
        CODEBUILD_BUILD_IMAGE: 'aws/codebuild/standard:7.0',
        CODEBUILD_BUILD_NUMBER: '7',
        CODEBUILD_BUILD_SUCCEEDING: '1',
        CODEBUILD_CI: 'true',
        CODEBUILD_INITIATOR: 'tester',
        CODEBUILD_LAST_EXIT: '0',
        CODEBUILD_LOG_PATH: uuid,
        CODEBUILD_PROJECT_ARN: `arn:aws:codebuild:us-east-1:000000000000:project/${harness.project}`,
        CODEBUILD_RESOLVED_SOURCE_VERSION: 'abc123',
        CODEBUILD_SOURCE_VERSION: 'arn:aws:s3:::bucket/key',
      });
      expect(env.CODEBUILD_SRC_DIR).toMatch(/^\/codebuild\/output\/src\d{9,10}\/src$/);
      expect(Number(env.CODEBUILD_START_TIME)).toBeGreaterThan(1_600_000_000_000);
    });
  });

  describe('when a phase runs as another user', () => {
    it('runs its commands as that user and still carries the shell state', async () => {
      const { outcome, lines } = await harness.build(`version: 0.2
phases:
  install:
    commands:
      - export FROM_ROOT=yes
  build:
    run-as: nobody
    commands:
      - echo "user=$(id -un) from_root=$FROM_ROOT"
      - test "$(pwd)" = "$CODEBUILD_SRC_DIR" && cat README.md
      - export FROM_NOBODY=yes
  post_build:
    commands:
      - echo "user=$(id -un) from_nobody=$FROM_NOBODY"
`);
      expect(outcome.status).toBe('SUCCEEDED');
      expect(plainLines(lines)).toContain('user=nobody from_root=yes');
      expect(plainLines(lines)).toContain('hello');
      expect(plainLines(lines)).toContain('user=root from_nobody=yes');
    });

    it("fails the command with Docker's words and exit status when the user does not exist", async () => {
      const { outcome, lines } = await harness.build(`version: 0.2
phases:
  build:
    run-as: no-such-user
    commands:
      - echo never
`);
      expect(outcome.status).toBe('FAILED');
      expect(outcome.failure).toMatchObject({ phase: 'BUILD', statusCode: 'COMMAND_EXECUTION_ERROR', exitCode: 126 });
      expect(plainLines(lines).some((line) => line.includes('unable to find user no-such-user'))).toBe(true);
      expect(plainLines(lines)).not.toContain('never');
    });
  });

  describe('when the buildspec reads parameter-store and secrets-manager', () => {
    it('sets the values the resolver gives and masks them in the log', async () => {
      const asked: string[] = [];
      const { outcome, lines } = await harness.build(
        `version: 0.2
env:
  parameter-store:
    PARAM: /ci/param
  secrets-manager:
    SECRET: "prod/db:password"
phases:
  build:
    commands:
      - echo "param=$PARAM secret=$SECRET"
`,
        {
          resolveBuildspecSecret: async (type, reference) => {
            asked.push(`${type} ${reference}`);
            return type === 'PARAMETER_STORE' ? 'param-value-1' : 'secret-value-2';
          },
        },
      );
      expect(outcome.status).toBe('SUCCEEDED');
      expect(asked).toEqual(['PARAMETER_STORE /ci/param', 'SECRETS_MANAGER prod/db:password']);
      expect(plainLines(lines)).toContain('param=*** secret=***');
    });

    it('fails DOWNLOAD_SOURCE when a value cannot be resolved', async () => {
      const { outcome } = await harness.build('version: 0.2\nenv:\n  parameter-store:\n    P: /missing\nphases: {}\n', {
        resolveBuildspecSecret: async () => {
          throw new Error('ParameterNotFound: /missing');
        },
      });
      expect(phaseSummary(outcome)[1]).toBe('DOWNLOAD_SOURCE:FAILED');
      expect(outcome.failure).toMatchObject({ statusCode: 'Decrypted Variables Error', message: 'ParameterNotFound: /missing' });
    });
  });

  describe('when privileged mode is on', () => {
    it("hands the build the engine's Docker socket, and only then", async () => {
      const buildspec = 'version: 0.2\nphases:\n  build:\n    commands:\n      - test -S /var/run/docker.sock && echo has-socket || echo no-socket\n';
      const privileged = plainLines((await harness.build(buildspec, { privilegedMode: true })).lines);
      const plain = plainLines((await harness.build(buildspec)).lines);
      expect(privileged).toContain('has-socket');
      expect(plain).toContain('no-socket');
    });
  });
});
