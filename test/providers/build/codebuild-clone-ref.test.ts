import { BatchGetBuildsCommand, CodeBuildClient, CreateProjectCommand } from '@aws-sdk/client-codebuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_IMAGE_TIMEOUT_MS, ensureBuildImage } from '../../codebuild/build-image.js';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator.js';
import { executionProbes } from '../../helpers/execution-probes.js';
import { uniqueName } from '../../helpers/pipelines.js';
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
  const checkout = mkdtempSync(join(tmpdir(), 'cpl-clone-ref-'));
  const project = uniqueName('clone');

  beforeAll(async () => {
    await ensureBuildImage();
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: checkout }).toString().trim();
    git('init', '-q', '-b', 'main');
    for (const content of ['first', 'second']) {
      writeFileSync(join(checkout, 'app.txt'), content);
      git('add', '.');
      git('commit', '-qm', content);
    }
    head = git('rev-parse', 'HEAD');
    env = await startTestEmulator({ repositories: { 'clone-app': checkout } });
    codebuild = new CodeBuildClient({ endpoint: env.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, maxAttempts: 1 });
    await codebuild.send(
      new CreateProjectCommand({
        name: project,
        source: { type: 'CODEPIPELINE', buildspec: BUILDSPEC },
        artifacts: { type: 'CODEPIPELINE' },
        environment: { type: 'LINUX_CONTAINER', image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_SMALL' },
        serviceRole: 'arn:aws:iam::000000000000:role/service-role/codebuild',
      }),
    );
  }, BUILD_IMAGE_TIMEOUT_MS);
  afterAll(async () => {
    codebuild?.destroy();
    await env?.close();
    rmSync(checkout, { recursive: true, force: true });
  });

  it('clones the repository with its full history at the commit, on its branch, instead of unzipping', async () => {
    const name = uniqueName('clone-pipeline');
    const id = await probes.create({
      name,
      roleArn: 'arn:aws:iam::000000000000:role/cp',
      artifactStore: { type: 'S3', location: 'codepipeline-local-artifacts' },
      stages: [
        {
          name: 'Source',
          actions: [
            {
              name: 'Source',
              actionTypeId: { category: 'Source', owner: 'AWS', provider: 'CodeCommit', version: '1' },
              configuration: { RepositoryName: 'clone-app', BranchName: 'main', OutputArtifactFormat: 'CODEBUILD_CLONE_REF', PollForSourceChanges: 'false' },
              outputArtifacts: [{ name: 'Source' }],
            },
          ],
        },
        {
          name: 'Build',
          actions: [
            {
              name: 'Build',
              actionTypeId: { category: 'Build', owner: 'AWS', provider: 'CodeBuild', version: '1' },
              configuration: { ProjectName: project },
              inputArtifacts: [{ name: 'Source' }],
            },
          ],
        },
      ],
    });
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
