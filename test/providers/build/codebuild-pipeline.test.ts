import { BatchGetBuildsCommand, CodeBuildClient, CreateProjectCommand } from '@aws-sdk/client-codebuild';
import { StopPipelineExecutionCommand } from '@aws-sdk/client-codepipeline';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionCategory, ActionDeclaration, PipelineDeclaration } from '../../../src/model/index.js';
import { ContainerRunner, createDockerClient } from '../../../src/runner/index.js';
import { BUILD_IMAGE_TIMEOUT_MS, DEFAULT_IMAGE_PROJECT, ensureBuildImage } from '../../codebuild/build-image.js';
import { containersOfBuild } from '../../codebuild/build-harness.js';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator.js';
import { executionProbes } from '../../helpers/execution-probes.js';
import { awsAction, pipelineOf, uniqueName } from '../../helpers/pipelines.js';
import { zipEntries } from '../../helpers/test-provider.js';
import { waitFor, waitForExecutionEnd } from '../../helpers/wait.js';
import { folderSourceProvider } from './folder-source.js';

const APP = resolve('fixtures/apps/node-hello');
const PIPELINE_TIMEOUT_MS = 180_000;

// Checks the built site (primary input) and the app's source (secondary input), and the version a variable brought.
const CHECK_BUILDSPEC = `version: 0.2
phases:
  build:
    commands:
      - test -f index.html && test -f assets/style.css && test ! -e dist
      - grep -q "node-hello $EXPECTED_VERSION" app.js
      - test -f "$CODEBUILD_SRC_DIR_Source/package.json"
      - echo "checked $EXPECTED_VERSION with $CODEBUILD_INITIATOR"
`;

function codeBuild(name: string, configuration: Record<string, string>, io: Pick<ActionDeclaration, 'inputArtifacts' | 'outputArtifacts' | 'namespace'>, category: ActionCategory = 'Build'): ActionDeclaration {
  return awsAction(name, category, 'CodeBuild', configuration, { runOrder: 1, ...io });
}

function pipeline(name: string, buildProject: string, checkProject: string, buildEnv: string): PipelineDeclaration {
  return pipelineOf(name, [
    { name: 'Source', actions: [{ name: 'Source', actionTypeId: folderSourceProviderId, configuration: { Folder: APP }, outputArtifacts: [{ name: 'Source' }], runOrder: 1 }] },
    {
      name: 'Build',
      actions: [
        codeBuild('Build', { ProjectName: buildProject, EnvironmentVariables: buildEnv }, { namespace: 'BuildVariables', inputArtifacts: [{ name: 'Source' }], outputArtifacts: [{ name: 'WebApp' }, { name: 'Manifest' }] }),
      ],
    },
    {
      name: 'Test',
      actions: [
        codeBuild(
          'Check',
          { ProjectName: checkProject, PrimarySource: 'WebApp', EnvironmentVariables: '[{"name":"EXPECTED_VERSION","value":"#{BuildVariables.APP_VERSION}","type":"PLAINTEXT"}]' },
          { inputArtifacts: [{ name: 'WebApp' }, { name: 'Source' }] },
          'Test',
        ),
      ],
    },
  ]);
}

const folderSourceProviderId = folderSourceProvider.type.id;

describe('the CodeBuild action in a pipeline (real Docker)', () => {
  let env: TestEmulator;
  let codebuild: CodeBuildClient;
  const probes = executionProbes(() => env.codepipeline());
  const secretsDir = mkdtempSync(join(tmpdir(), 'cpl-pipeline-secrets-'));
  const buildProject = uniqueName('node-build');
  const checkProject = uniqueName('node-check');
  const sleepProject = uniqueName('sleep');

  beforeAll(async () => {
    await ensureBuildImage();
    writeFileSync(join(secretsDir, 'secrets.json'), JSON.stringify({ 'parameter-store': { '/ci/token': 'tok-123456' } }));
    env = await startTestEmulator({ secretsFile: join(secretsDir, 'secrets.json') }, { overrides: { providers: [folderSourceProvider] } });
    codebuild = env.client(CodeBuildClient);
    const common = { artifacts: { type: 'CODEPIPELINE' as const }, ...DEFAULT_IMAGE_PROJECT };
    await codebuild.send(new CreateProjectCommand({ name: buildProject, source: { type: 'CODEPIPELINE' }, ...common }));
    await codebuild.send(new CreateProjectCommand({ name: checkProject, source: { type: 'CODEPIPELINE', buildspec: CHECK_BUILDSPEC }, ...common }));
    const sleepy = 'version: 0.2\nphases:\n  build:\n    commands:\n      - echo sleeping\n      - sleep 300\n';
    await codebuild.send(new CreateProjectCommand({ name: sleepProject, source: { type: 'CODEPIPELINE', buildspec: sleepy }, ...common }));
  }, BUILD_IMAGE_TIMEOUT_MS);
  afterAll(async () => {
    await env?.close();
    rmSync(secretsDir, { recursive: true, force: true });
  });

  it('builds the Node.js app, hands its artifacts and variables to the next stage, and shows the build as AWS does', async () => {
    const name = uniqueName('node-pipeline');
    const buildEnv = JSON.stringify([
      { name: 'APP_ENV', value: 'pipeline', type: 'PLAINTEXT' },
      { name: 'NPM_TOKEN', value: '/ci/token', type: 'PARAMETER_STORE' },
    ]);
    const id = await probes.create(pipeline(name, buildProject, checkProject, buildEnv));
    const execution = await waitForExecutionEnd(env.codepipeline(), name, id, { timeoutMs: PIPELINE_TIMEOUT_MS, intervalMs: 250 });
    const actions = await probes.actionsByName(name, id);
    expect(execution.status, JSON.stringify(actions, null, 1)).toBe('Succeeded');

    const build = actions.Build;
    expect(build.output!.outputVariables).toEqual({ APP_VERSION: '1.4.2', GREETING: 'built 1.4.2 for pipeline' });
    const buildId = build.output!.executionResult!.externalExecutionId!;
    expect(buildId).toMatch(new RegExp(`^${buildProject}:[0-9a-f-]{36}$`));
    expect(build.output!.executionResult!.externalExecutionUrl).toBe(`${env.url}/codebuild/builds/${encodeURIComponent(buildId)}/log`);
    expect(actions.Check.input!.resolvedConfiguration!.EnvironmentVariables).toContain('"value":"1.4.2"');

    const [webApp, manifest] = build.output!.outputArtifacts!;
    const store = join(env.dataDir, 's3');
    expect(Object.keys(zipEntries(join(store, webApp.s3location!.bucket!, webApp.s3location!.key!))).sort()).toEqual(['app.js', 'assets/style.css', 'index.html']);
    expect(JSON.parse(zipEntries(join(store, manifest.s3location!.bucket!, manifest.s3location!.key!))['manifest.json'])).toMatchObject({ name: 'node-hello', version: '1.4.2' });

    const sdkBuild = (await codebuild.send(new BatchGetBuildsCommand({ ids: [buildId] }))).builds![0];
    expect(sdkBuild).toMatchObject({
      buildStatus: 'SUCCEEDED',
      currentPhase: 'COMPLETED',
      initiator: `codepipeline/${name}`,
      projectName: buildProject,
      source: { type: 'CODEPIPELINE' },
      resolvedSourceVersion: execution.artifactRevisions![0].revisionId,
      exportedEnvironmentVariables: [
        { name: 'APP_VERSION', value: '1.4.2' },
        { name: 'GREETING', value: 'built 1.4.2 for pipeline' },
      ],
    });
    expect(sdkBuild.sourceVersion).toMatch(/^arn:aws:s3:::codepipeline-local-artifacts\//);
    const log = await (await fetch(sdkBuild.logs!.deepLink!)).text();
    expect(log).toContain('all tests passed');
    expect(log).not.toContain('tok-123456');

    const checkLog = await (await fetch(actions.Check.output!.executionResult!.externalExecutionUrl!)).text();
    expect(checkLog).toContain(`checked 1.4.2 with codepipeline/${name}`);
  });

  describe('when a command fails', () => {
    it('fails the action with a summary naming the phase, the command and its exit code', async () => {
      const name = uniqueName('node-failing');
      const id = await probes.create(pipeline(name, buildProject, checkProject, '[{"name":"FAIL_TESTS","value":"1"}]'));
      const execution = await waitForExecutionEnd(env.codepipeline(), name, id, { timeoutMs: PIPELINE_TIMEOUT_MS, intervalMs: 250 });
      expect(execution.status).toBe('Failed');
      const build = (await probes.actionsByName(name, id)).Build;
      const summary = 'Build terminated with state: FAILED. Phase: BUILD, Code: COMMAND_EXECUTION_ERROR, Message: Error while executing command: npm test. Reason: exit status 1';
      expect(build).toMatchObject({ status: 'Failed', output: { executionResult: { externalExecutionSummary: summary, externalExecutionId: expect.stringContaining(`${buildProject}:`) } } });
      const state = await probes.action(name, 'Build', 'Build');
      expect(state.latestExecution).toMatchObject({ status: 'Failed', errorDetails: { code: 'JobFailed', message: summary } });
    });
  });

  describe('when a PARAMETER_STORE variable is not in the secrets file', () => {
    it('fails the action naming the parameter', async () => {
      const name = uniqueName('node-secret');
      const id = await probes.create(pipeline(name, buildProject, checkProject, '[{"name":"NPM_TOKEN","value":"/ci/missing","type":"PARAMETER_STORE"}]'));
      await waitForExecutionEnd(env.codepipeline(), name, id, { timeoutMs: PIPELINE_TIMEOUT_MS, intervalMs: 250 });
      const state = await probes.action(name, 'Build', 'Build');
      expect(state.latestExecution!.errorDetails!.message).toMatch(/^Build terminated with state: FAILED\. Phase: DOWNLOAD_SOURCE, Code: Decrypted Variables Error, Message: parameter does not exist: \/ci\/missing/);
    });
  });

  describe('when the execution is stopped and the action abandoned', () => {
    it('stops the build (StopBuild) and removes its container', async () => {
      const name = uniqueName('node-abandon');
      const declaration = pipeline(name, sleepProject, checkProject, '[]');
      declaration.stages[1].actions[0].outputArtifacts = [];
      declaration.stages = declaration.stages.slice(0, 2);
      const id = await probes.create(declaration);
      const running = await probes.untilAction(name, 'Build', 'Build', (a) => Boolean(a.latestExecution?.externalExecutionId), PIPELINE_TIMEOUT_MS);
      const buildId = running.latestExecution!.externalExecutionId!;
      await waitFor(async () => (await (await fetch(running.latestExecution!.externalExecutionUrl!)).text()).includes('sleep 300'), { timeoutMs: PIPELINE_TIMEOUT_MS, intervalMs: 200 });
      await env.codepipeline().send(new StopPipelineExecutionCommand({ pipelineName: name, pipelineExecutionId: id, abandon: true }));
      const build = await waitFor(
        async () => (await codebuild.send(new BatchGetBuildsCommand({ ids: [buildId] }))).builds![0],
        { timeoutMs: 30_000, description: 'the build to stop' },
        (b) => b.buildComplete === true,
      );
      expect(build.buildStatus).toBe('STOPPED');
      const containers = new ContainerRunner({ docker: createDockerClient(process.env.DOCKER_HOST) });
      await waitFor(() => containersOfBuild(containers, buildId), { timeoutMs: 10_000 }, (list) => list.length === 0);
      expect((await waitForExecutionEnd(env.codepipeline(), name, id)).status).toBe('Stopped');
    });
  });
});
