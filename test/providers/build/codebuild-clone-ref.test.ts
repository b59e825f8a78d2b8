import { BatchGetBuildsCommand, CodeBuildClient, CreateProjectCommand } from '@aws-sdk/client-codebuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_IMAGE_TIMEOUT_MS, DEFAULT_IMAGE_PROJECT, ensureBuildImage } from '../../codebuild/build-image.js';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator.js';
import { executionProbes } from '../../helpers/execution-probes.js';
import { commitFile, git, tempDir } from '../../helpers/git.js';
import { awsAction, pipelineOf, uniqueName } from '../../helpers/pipelines.js';
import { waitForExecutionEnd } from '../../helpers/wait.js';

const BUILDSPEC = `version: 0.2
env:
  exported-variables: [COMMITS, BRANCH, HEAD_SHA]
phases:
  build:
    commands:
      - COMMITS=$(git rev-list --count HEAD)
      - BRANCH=$(git rev-parse --abbrev-ref HEAD)
      - HEAD_SHA=$(git rev-parse HEAD)
      - test "$(cat app.txt)" = "second"
`;

describe('the CodeBuild action with a CODEBUILD_CLONE_REF source (real Docker, real git)', () => {
  let env: TestEmulator;
  let codebuild: CodeBuildClient;
  let head: string;
  const probes = executionProbes(() => env.codepipeline());
  const checkout = tempDir('cpl-clone-ref-');
  const project = uniqueName('clone');

  beforeAll(async () => {
    await ensureBuildImage();
    await git(checkout, 'init', '--quiet', '--initial-branch=main');
    for (const content of ['first', 'second']) head = await commitFile(checkout, 'app.txt', content, content);
    env = await startTestEmulator({ repositories: { 'clone-app': checkout } });
    codebuild = env.client(CodeBuildClient);
    await codebuild.send(new CreateProjectCommand({ name: project, source: { type: 'CODEPIPELINE', buildspec: BUILDSPEC }, artifacts: { type: 'CODEPIPELINE' }, ...DEFAULT_IMAGE_PROJECT }));
  }, BUILD_IMAGE_TIMEOUT_MS);
  afterAll(async () => env?.close());

  it('clones the repository with its full history at the commit, on its branch, instead of unzipping', async () => {
    const name = uniqueName('clone-pipeline');
    const source = { RepositoryName: 'clone-app', BranchName: 'main', OutputArtifactFormat: 'CODEBUILD_CLONE_REF', PollForSourceChanges: 'false' };
    const id = await probes.create(
      pipelineOf(name, [
        { name: 'Source', actions: [awsAction('Source', 'Source', 'CodeCommit', source, { outputArtifacts: [{ name: 'Source' }] })] },
        { name: 'Build', actions: [awsAction('Build', 'Build', 'CodeBuild', { ProjectName: project }, { inputArtifacts: [{ name: 'Source' }] })] },
      ]),
    );
    const execution = await waitForExecutionEnd(env.codepipeline(), name, id, { timeoutMs: 180_000, intervalMs: 250 });
    const actions = await probes.actionsByName(name, id);
    const url = actions.Build?.output?.executionResult?.externalExecutionUrl;
    const log = url ? await (await fetch(url)).text() : JSON.stringify(actions, null, 1);
    expect(execution.status, log).toBe('Succeeded');
    expect(actions.Build.output!.outputVariables).toEqual({ COMMITS: '2', BRANCH: 'main', HEAD_SHA: head });
    const buildId = actions.Build.output!.executionResult!.externalExecutionId!;
    const build = (await codebuild.send(new BatchGetBuildsCommand({ ids: [buildId] }))).builds![0];
    expect(build.resolvedSourceVersion).toBe(head);
  });
});
