import { BatchGetBuildBatchesCommand, BatchGetBuildsCommand, CodeBuildClient, CreateProjectCommand, type Build, type BuildBatch } from '@aws-sdk/client-codebuild';
import { StartBuildBatchCommand, StartBuildCommand } from '@aws-sdk/client-codebuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator.js';
import { uniqueName } from '../../helpers/pipelines.js';
import { waitFor } from '../../helpers/wait.js';
import { BUILD_IMAGE_TIMEOUT_MS, DEFAULT_IMAGE_PROJECT, ensureBuildImage } from '../../codebuild/build-image.js';
import { aws } from '../protocol/tiny/aws-cli.js';
import { finishedBuild } from './codebuild-server.js';

const BATCH_CONFIG = { serviceRole: 'arn:aws:iam::000000000000:role/service-role/codebuild-batch' };

// `first` leaves a file in its source folder and in /tmp; `second` runs after it and reports whether it sees either.
const GRAPH_BUILDSPEC = `version: 0.2
env:
  exported-variables:
    - IDENT
    - SEEN
batch:
  build-graph:
    - identifier: first
    - identifier: second
      depend-on:
        - first
phases:
  build:
    commands:
      - IDENT="$CODEBUILD_BATCH_BUILD_IDENTIFIER"
      - SEEN=none
      - if [ -e "$CODEBUILD_SRC_DIR/from_first.txt" ] || [ -e /tmp/from_first.txt ]; then SEEN=first; fi
      - if [ "$IDENT" = first ]; then echo hi > "$CODEBUILD_SRC_DIR/from_first.txt"; echo hi > /tmp/from_first.txt; fi
`;

// `slow` would sleep for minutes; `broken` fails at once, and fast-fail stops `slow`.
const FAST_FAIL_BUILDSPEC = `version: 0.2
batch:
  fast-fail: true
  build-list:
    - identifier: slow
      env:
        variables:
          NAP: "300"
    - identifier: broken
      env:
        variables:
          NAP: "0"
phases:
  build:
    commands:
      - if [ "$CODEBUILD_BATCH_BUILD_IDENTIFIER" = broken ]; then exit 7; fi
      - sleep "$NAP"
`;

async function finishedBatch(client: CodeBuildClient, id: string): Promise<BuildBatch> {
  const out = await waitFor(() => client.send(new BatchGetBuildBatchesCommand({ ids: [id] })), { description: `batch ${id} to complete`, timeoutMs: 240_000, intervalMs: 250 }, (o) => Boolean(o.buildBatches?.[0]?.complete));
  return out.buildBatches![0];
}

async function buildsOf(client: CodeBuildClient, batch: BuildBatch): Promise<Record<string, Build>> {
  const ids = batch.buildGroups!.map((g) => g.currentBuildSummary!.arn!.split(':build/')[1]);
  const { builds } = await client.send(new BatchGetBuildsCommand({ ids }));
  return Object.fromEntries(batch.buildGroups!.map((g, i) => [g.identifier!, builds![i]]));
}

describe('CodeBuild batch builds in Docker', () => {
  let env: TestEmulator;
  let client: CodeBuildClient;

  beforeAll(async () => {
    await ensureBuildImage();
    env = await startTestEmulator();
    client = env.client(CodeBuildClient);
  }, BUILD_IMAGE_TIMEOUT_MS);
  afterAll(async () => env?.close());

  it('runs a build-graph in order: the second build runs after the first and sees nothing of it', async () => {
    const project = uniqueName('batch-graph');
    await client.send(new CreateProjectCommand({ name: project, source: { type: 'NO_SOURCE', buildspec: GRAPH_BUILDSPEC }, artifacts: { type: 'NO_ARTIFACTS' }, buildBatchConfig: BATCH_CONFIG, ...DEFAULT_IMAGE_PROJECT }));
    const { buildBatch } = await client.send(new StartBuildBatchCommand({ projectName: project }));
    const done = await finishedBatch(client, buildBatch!.id!);
    expect(done.buildBatchStatus).toBe('SUCCEEDED');
    expect(done.buildGroups!.map((g) => [g.identifier, g.dependsOn, g.currentBuildSummary!.buildStatus])).toEqual([['DOWNLOAD_SOURCE', undefined, 'SUCCEEDED'], ['first', [], 'SUCCEEDED'], ['second', ['first'], 'SUCCEEDED']]);
    const { first, second } = await buildsOf(client, done);
    expect(first.buildBatchArn).toBe(done.arn);
    expect(second.buildBatchArn).toBe(done.arn);
    expect(first.exportedEnvironmentVariables).toEqual([{ name: 'IDENT', value: 'first' }, { name: 'SEEN', value: 'none' }]);
    expect(second.exportedEnvironmentVariables).toEqual([{ name: 'IDENT', value: 'second' }, { name: 'SEEN', value: 'none' }]);
    expect(second.startTime!.getTime()).toBeGreaterThanOrEqual(first.endTime!.getTime());
  }, 300_000);

  it('fast-fail: a failing build of a build-list stops the one still running and fails the batch', async () => {
    const project = uniqueName('batch-fast');
    await client.send(new CreateProjectCommand({ name: project, source: { type: 'NO_SOURCE', buildspec: FAST_FAIL_BUILDSPEC }, artifacts: { type: 'NO_ARTIFACTS' }, buildBatchConfig: BATCH_CONFIG, ...DEFAULT_IMAGE_PROJECT }));
    const { buildBatch } = await client.send(new StartBuildBatchCommand({ projectName: project }));
    const done = await finishedBatch(client, buildBatch!.id!);
    expect(done.buildBatchStatus).toBe('FAILED');
    expect(done.phases!.map((p) => [p.phaseType, p.phaseStatus])).toEqual([['SUBMITTED', 'SUCCEEDED'], ['DOWNLOAD_BATCHSPEC', 'SUCCEEDED'], ['IN_PROGRESS', 'CLIENT_ERROR'], ['FAILED', undefined]]);
    const { slow, broken } = await buildsOf(client, done);
    expect(broken.buildStatus).toBe('FAILED');
    expect(broken.phases!.find((p) => p.phaseType === 'BUILD')!.contexts).toEqual([{ statusCode: 'COMMAND_EXECUTION_ERROR', message: 'Error while executing command: if [ "$CODEBUILD_BATCH_BUILD_IDENTIFIER" = broken ]; then exit 7; fi. Reason: exit status 7' }]);
    expect(slow.buildStatus).toBe('STOPPED');
  }, 300_000);

  it('a single build ignores the batch section, even one a batch refuses; the batch fails DOWNLOAD_BATCHSPEC with it', async () => {
    const project = uniqueName('batch-single');
    const buildspec = 'version: 0.2\nbatch:\n  build-fanout:\n    parallelism: 2\nphases:\n  build:\n    commands:\n      - echo single\n';
    await client.send(new CreateProjectCommand({ name: project, source: { type: 'NO_SOURCE', buildspec }, artifacts: { type: 'NO_ARTIFACTS' }, buildBatchConfig: BATCH_CONFIG, ...DEFAULT_IMAGE_PROJECT }));
    const { build } = await client.send(new StartBuildCommand({ projectName: project }));
    expect((await finishedBuild(client, build!.id!, 120_000)).buildStatus).toBe('SUCCEEDED');
    const { buildBatch } = await client.send(new StartBuildBatchCommand({ projectName: project }));
    const done = await finishedBatch(client, buildBatch!.id!);
    expect(done.phases![1]).toMatchObject({ phaseType: 'DOWNLOAD_BATCHSPEC', phaseStatus: 'FAILED', contexts: [{ statusCode: 'YAML_FILE_ERROR', message: 'build-fanout is not supported by codepipeline-local' }] });
  }, 300_000);

  it('answers the AWS CLI: start-build-batch, then batch-get-build-batches', async () => {
    const project = uniqueName('batch-cli');
    const buildspec = 'version: 0.2\nbatch:\n  build-list:\n    - identifier: only\nphases:\n  build:\n    commands:\n      - echo "$CODEBUILD_BATCH_BUILD_IDENTIFIER"\n';
    await client.send(new CreateProjectCommand({ name: project, source: { type: 'NO_SOURCE', buildspec }, artifacts: { type: 'NO_ARTIFACTS' }, buildBatchConfig: BATCH_CONFIG, ...DEFAULT_IMAGE_PROJECT }));
    const started = await aws(env.url, ['codebuild', 'start-build-batch', '--project-name', project]);
    expect(started.code, started.stderr).toBe(0);
    expect(started.json.buildBatch).toMatchObject({ projectName: project, buildBatchStatus: 'IN_PROGRESS', buildBatchNumber: 1 });
    const id = started.json.buildBatch.id as string;
    await finishedBatch(client, id);
    const got = await aws(env.url, ['codebuild', 'batch-get-build-batches', '--ids', id, 'nope:missing']);
    expect(got.code, got.stderr).toBe(0);
    expect(got.json.buildBatchesNotFound).toEqual(['nope:missing']);
    expect(got.json.buildBatches[0]).toMatchObject({ id, buildBatchStatus: 'SUCCEEDED', complete: true, currentPhase: 'SUCCEEDED' });
    expect(got.json.buildBatches[0].buildGroups.map((g: { identifier: string }) => g.identifier)).toEqual(['DOWNLOAD_SOURCE', 'only']);
    expect(got.json.buildBatches[0].buildGroups[1]).toMatchObject({ identifier: 'only', currentBuildSummary: { buildStatus: 'SUCCEEDED', primaryArtifact: { type: 'no_artifacts', identifier: 'only' } } });
    const refused = await aws(env.url, ['codebuild', 'start-build-batch', '--project-name', 'no-such-project']);
    expect(refused.code).toBe(255);
    expect(refused.stderr).toContain('ResourceNotFoundException');
  }, 300_000);
});
