import { BatchGetBuildBatchesCommand, BatchGetBuildsCommand, CodeBuildClient, CreateProjectCommand } from '@aws-sdk/client-codebuild';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_IMAGE_TIMEOUT_MS, DEFAULT_IMAGE_PROJECT, ensureBuildImage } from '../../codebuild/build-image.js';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator.js';
import { executionProbes } from '../../helpers/execution-probes.js';
import { awsAction, pipelineOf, uniqueName } from '../../helpers/pipelines.js';
import { zipEntries } from '../../helpers/test-provider.js';
import { waitForExecutionEnd } from '../../helpers/wait.js';
import { folderSourceProvider } from './folder-source.js';

const APP = resolve('fixtures/apps/node-hello');

// Each build of the list writes a file naming itself and checks the pipeline's input is its source.
const BATCH_BUILDSPEC = `version: 0.2
batch:
  build-list:
    - identifier: linux_a
    - identifier: linux_b
phases:
  build:
    commands:
      - test -f package.json
      - echo "built by $CODEBUILD_BATCH_BUILD_IDENTIFIER" > out.txt
artifacts:
  files:
    - out.txt
`;

describe('the CodeBuild action with BatchEnabled (real Docker)', () => {
  let env: TestEmulator;
  let codebuild: CodeBuildClient;
  const probes = executionProbes(() => env.codepipeline());
  const project = uniqueName('batch-action');

  beforeAll(async () => {
    await ensureBuildImage();
    env = await startTestEmulator({}, { overrides: { providers: [folderSourceProvider] } });
    codebuild = env.client(CodeBuildClient);
    await codebuild.send(
      new CreateProjectCommand({
        name: project,
        source: { type: 'CODEPIPELINE', buildspec: BATCH_BUILDSPEC },
        artifacts: { type: 'CODEPIPELINE' },
        buildBatchConfig: { serviceRole: 'arn:aws:iam::000000000000:role/service-role/codebuild-batch', combineArtifacts: true },
        ...DEFAULT_IMAGE_PROJECT,
      }),
    );
  }, BUILD_IMAGE_TIMEOUT_MS);
  afterAll(async () => env?.close());

  it('runs the batch; CombineArtifacts puts each build under its identifier, otherwise each output artifact is the build of its name', async () => {
    const name = uniqueName('batch-pipeline');
    const id = await probes.create(
      pipelineOf(name, [
        { name: 'Source', actions: [{ name: 'Source', actionTypeId: folderSourceProvider.type.id, configuration: { Folder: APP }, outputArtifacts: [{ name: 'Source' }], runOrder: 1 }] },
        {
          name: 'Build',
          actions: [
            awsAction('Combined', 'Build', 'CodeBuild', { ProjectName: project, BatchEnabled: 'true', CombineArtifacts: 'true' }, { runOrder: 1, inputArtifacts: [{ name: 'Source' }], outputArtifacts: [{ name: 'All' }] }),
            awsAction('Separate', 'Build', 'CodeBuild', { ProjectName: project, BatchEnabled: 'true' }, { runOrder: 2, inputArtifacts: [{ name: 'Source' }], outputArtifacts: [{ name: 'linux_a' }, { name: 'linux_b' }] }),
          ],
        },
      ]),
    );
    const execution = await waitForExecutionEnd(env.codepipeline(), name, id, { timeoutMs: 240_000, intervalMs: 250 });
    const actions = await probes.actionsByName(name, id);
    expect(execution.status, JSON.stringify(actions, null, 1)).toBe('Succeeded');
    const store = join(env.dataDir, 's3');
    const entriesOf = (location: { bucket?: string; key?: string }) => zipEntries(join(store, location.bucket!, location.key!));

    const [all] = actions.Combined.output!.outputArtifacts!;
    expect(entriesOf(all.s3location!)).toEqual({ 'linux_a/out.txt': 'built by linux_a\n', 'linux_b/out.txt': 'built by linux_b\n' });
    const [a, b] = actions.Separate.output!.outputArtifacts!;
    expect([a.name, entriesOf(a.s3location!)]).toEqual(['linux_a', { 'out.txt': 'built by linux_a\n' }]);
    expect([b.name, entriesOf(b.s3location!)]).toEqual(['linux_b', { 'out.txt': 'built by linux_b\n' }]);

    const batchId = actions.Combined.output!.executionResult!.externalExecutionId!;
    const batch = (await codebuild.send(new BatchGetBuildBatchesCommand({ ids: [batchId] }))).buildBatches![0];
    expect(batch).toMatchObject({ buildBatchStatus: 'SUCCEEDED', initiator: `codepipeline/${name}` });
    expect(batch.phases!.map((p) => [p.phaseType, p.phaseStatus])).toEqual([['SUBMITTED', 'SUCCEEDED'], ['DOWNLOAD_BATCHSPEC', 'SUCCEEDED'], ['IN_PROGRESS', 'SUCCEEDED'], ['COMBINE_ARTIFACTS', 'SUCCEEDED'], ['SUCCEEDED', undefined]]);
    expect(batch.buildGroups!.map((g) => g.identifier)).toEqual(['DOWNLOAD_SOURCE', 'linux_a', 'linux_b']);
    const buildIds = batch.buildGroups!.map((g) => g.currentBuildSummary!.arn!.split(':build/')[1]);
    const { builds } = await codebuild.send(new BatchGetBuildsCommand({ ids: buildIds }));
    expect(builds!.map((x) => [x.buildBatchArn, x.initiator, x.buildStatus])).toEqual(buildIds.map(() => [batch.arn, `codepipeline/${name}`, 'SUCCEEDED']));
  }, 300_000);
});
