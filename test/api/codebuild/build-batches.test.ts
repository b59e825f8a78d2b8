import {
  BatchGetBuildBatchesCommand,
  BatchGetBuildsCommand,
  CreateProjectCommand,
  DeleteBuildBatchCommand,
  ListBuildBatchesCommand,
  ListBuildBatchesForProjectCommand,
  RetryBuildBatchCommand,
  StartBuildBatchCommand,
  StopBuildBatchCommand,
  type BuildBatch,
  type CodeBuildClient,
  type CreateProjectCommandInput,
} from '@aws-sdk/client-codebuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildRequest, RunBuild } from '../../../src/codebuild/index.js';
import { errorOf } from '../../helpers/errors.js';
import { uniqueName } from '../../helpers/pipelines.js';
import { waitFor } from '../../helpers/wait.js';
import { scriptedPhases, startCodeBuildServer, succeedingScript, waitUntilStoppedScript, type CodeBuildTestServer } from './codebuild-server.js';

const PHASES = 'phases:\n  build:\n    commands:\n      - echo hi\n';
const BATCH_CONFIG = { serviceRole: 'arn:aws:iam::000000000000:role/service-role/codebuild-batch' };

function projectInput(name: string, buildspec: string, overrides: Partial<CreateProjectCommandInput> = {}): CreateProjectCommandInput {
  return {
    name,
    source: { type: 'NO_SOURCE', buildspec },
    artifacts: { type: 'NO_ARTIFACTS' },
    environment: { type: 'LINUX_CONTAINER', image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_SMALL' },
    serviceRole: 'arn:aws:iam::000000000000:role/service-role/codebuild',
    buildBatchConfig: BATCH_CONFIG,
    ...overrides,
  };
}

// Builds whose batch identifier starts with `fail` fail in BUILD, `wait` ones wait to be stopped; the others succeed.
const script: RunBuild = async (request) => {
  const id = request.batchBuildIdentifier ?? '';
  if (id.startsWith('wait')) return waitUntilStoppedScript(request);
  if (!id.startsWith('fail')) return succeedingScript(request);
  const message = 'Error while executing command: exit 1. Reason: exit status 1';
  return { status: 'FAILED', phases: await scriptedPhases(request, { phase: 'BUILD', message }), exportedVariables: {}, artifacts: {}, failure: { phase: 'BUILD', message, exitCode: 1 } };
};

/** The batch's groups from its buildspec, without the DOWNLOAD_SOURCE group of its source download. */
function groupsOf(batch: BuildBatch) {
  return batch.buildGroups!.filter((g) => g.identifier !== 'DOWNLOAD_SOURCE');
}

async function finishedBatch(client: CodeBuildClient, id: string): Promise<BuildBatch> {
  const out = await waitFor(() => client.send(new BatchGetBuildBatchesCommand({ ids: [id] })), { description: `batch ${id} to complete`, timeoutMs: 10_000, intervalMs: 50 }, (o) => Boolean(o.buildBatches?.[0]?.complete));
  return out.buildBatches![0];
}

async function batchOf(server: CodeBuildTestServer, buildspec: string, overrides: Partial<CreateProjectCommandInput> = {}): Promise<{ project: string; id: string }> {
  const project = uniqueName('batch');
  await server.client.send(new CreateProjectCommand(projectInput(project, buildspec, overrides)));
  const { buildBatch } = await server.client.send(new StartBuildBatchCommand({ projectName: project }));
  return { project, id: buildBatch!.id! };
}

describe('CodeBuild batch builds API', () => {
  let server: CodeBuildTestServer;
  beforeAll(async () => {
    server = await startCodeBuildServer({ script });
  });
  afterAll(async () => server?.close());

  it('StartBuildBatch returns the batch submitted, then its graph runs in dependency order and succeeds', async () => {
    const project = uniqueName('batch');
    await server.client.send(new CreateProjectCommand(projectInput(project, `version: 0.2\nbatch:\n  build-graph:\n    - identifier: second\n      depend-on: [first]\n    - identifier: first\n${PHASES}`)));
    const { buildBatch } = await server.client.send(new StartBuildBatchCommand({ projectName: project }));
    expect(buildBatch!.id).toMatch(new RegExp(`^${project}:[0-9a-f-]{36}$`));
    expect(buildBatch).toMatchObject({
      arn: `arn:aws:codebuild:us-east-1:000000000000:build-batch/${buildBatch!.id}`,
      currentPhase: 'SUBMITTED',
      buildBatchStatus: 'IN_PROGRESS',
      complete: false,
      buildBatchNumber: 1,
      projectName: project,
      buildBatchConfig: { ...BATCH_CONFIG, restrictions: { maximumBuildsAllowed: 100 }, timeoutInMins: 480 },
      initiator: 'root',
      logConfig: { cloudWatchLogs: { status: 'ENABLED' }, s3Logs: { status: 'DISABLED', encryptionDisabled: false } },
      artifacts: { location: '' },
    });
    expect(buildBatch!.phases).toBeUndefined();

    const done = await finishedBatch(server.client, buildBatch!.id!);
    expect(done.buildBatchStatus).toBe('SUCCEEDED');
    expect(done.currentPhase).toBe('SUCCEEDED');
    expect(done.phases!.map((p) => [p.phaseType, p.phaseStatus])).toEqual([['SUBMITTED', 'SUCCEEDED'], ['DOWNLOAD_BATCHSPEC', 'SUCCEEDED'], ['IN_PROGRESS', 'SUCCEEDED'], ['SUCCEEDED', undefined]]);
    expect(groupsOf(done).map((g) => [g.identifier, g.dependsOn, g.currentBuildSummary?.buildStatus])).toEqual([['second', ['first'], 'SUCCEEDED'], ['first', [], 'SUCCEEDED']]);
    expect(groupsOf(done)[0].currentBuildSummary).toMatchObject({ primaryArtifact: { type: 'no_artifacts', identifier: 'second' }, secondaryArtifacts: [] });
    expect(done.phases!.every((p) => p.contexts === undefined)).toBe(true);
    const [download] = done.buildGroups!;
    expect(download).toEqual({ identifier: 'DOWNLOAD_SOURCE', ignoreFailure: false, currentBuildSummary: expect.objectContaining({ buildStatus: 'SUCCEEDED', primaryArtifact: { type: 'no_artifacts', identifier: 'DOWNLOAD_SOURCE' } }), priorBuildSummaryList: [] });
    const downloadId = download.currentBuildSummary!.arn!.split(':build/')[1];
    const downloadBuild = (await server.client.send(new BatchGetBuildsCommand({ ids: [downloadId] }))).builds![0];
    expect(downloadBuild).toMatchObject({ buildStatus: 'SUCCEEDED', buildBatchArn: done.arn, currentPhase: 'COMPLETED' });
    expect(downloadBuild.phases!.map((p) => p.phaseType)).toEqual(['SUBMITTED', 'QUEUED', 'PROVISIONING', 'DOWNLOAD_SOURCE', 'FINALIZING', 'COMPLETED']);
    const mine = server.requests.filter((r: BuildRequest) => r.projectName === project);
    expect(mine.map((r) => r.batchBuildIdentifier)).toEqual(['first', 'second']);

    const arns = groupsOf(done).map((g) => g.currentBuildSummary!.arn!);
    const ids = arns.map((arn) => arn.slice(arn.indexOf('build/') + 'build/'.length));
    const { builds } = await server.client.send(new BatchGetBuildsCommand({ ids }));
    expect(builds!.map((b) => b.buildBatchArn)).toEqual([done.arn, done.arn]);
    const [second, first] = builds!;
    expect(second.startTime!.getTime()).toBeGreaterThanOrEqual(first.endTime!.getTime());
  });

  it('a failing build with fast-fail stops the running ones and fails the batch; without it the others finish', async () => {
    const fast = await batchOf(server, `version: 0.2\nbatch:\n  fast-fail: true\n  build-list:\n    - identifier: wait_long\n    - identifier: fail_now\n${PHASES}`);
    const stopped = await finishedBatch(server.client, fast.id);
    expect(stopped.buildBatchStatus).toBe('FAILED');
    expect(stopped.phases!.map((p) => [p.phaseType, p.phaseStatus])).toEqual([['SUBMITTED', 'SUCCEEDED'], ['DOWNLOAD_BATCHSPEC', 'SUCCEEDED'], ['IN_PROGRESS', 'CLIENT_ERROR'], ['FAILED', undefined]]);
    expect(Object.fromEntries(groupsOf(stopped).map((g) => [g.identifier, g.currentBuildSummary?.buildStatus]))).toEqual({ wait_long: 'STOPPED', fail_now: 'FAILED' });

    const patient = await batchOf(server, `version: 0.2\nbatch:\n  build-list:\n    - identifier: fail_now\n    - identifier: ok\n    - identifier: fail_ignored\n      ignore-failure: true\n${PHASES}`);
    const failed = await finishedBatch(server.client, patient.id);
    expect(failed.buildBatchStatus).toBe('FAILED');
    expect(Object.fromEntries(groupsOf(failed).map((g) => [g.identifier, [g.ignoreFailure, g.currentBuildSummary?.buildStatus]]))).toEqual({ fail_now: [false, 'FAILED'], ok: [false, 'SUCCEEDED'], fail_ignored: [true, 'FAILED'] });
  });

  it('a build whose dependency failed never runs', async () => {
    const { id } = await batchOf(server, `version: 0.2\nbatch:\n  build-graph:\n    - identifier: fail_first\n    - identifier: after\n      depend-on: [fail_first]\n${PHASES}`);
    const done = await finishedBatch(server.client, id);
    expect(done.buildBatchStatus).toBe('FAILED');
    expect(groupsOf(done).map((g) => [g.identifier, g.currentBuildSummary?.buildStatus])).toEqual([['fail_first', 'FAILED'], ['after', undefined]]);
  });

  it('a batchspec that does not parse, or has no batch, fails DOWNLOAD_BATCHSPEC with YAML_FILE_ERROR', async () => {
    const bad = await batchOf(server, `version: 0.2\nbatch:\n  build-list:\n    - identifier: a-b\n${PHASES}`);
    const done = await finishedBatch(server.client, bad.id);
    expect(done.buildBatchStatus).toBe('FAILED');
    expect(done.phases![1]).toMatchObject({ phaseType: 'DOWNLOAD_BATCHSPEC', phaseStatus: 'FAILED', contexts: [{ statusCode: 'YAML_FILE_ERROR', message: 'invalid build identifier a-b, use only letters, digits and underscores' }] });
    expect(done.buildGroups!.map((g) => [g.identifier, g.dependsOn, g.currentBuildSummary!.buildStatus])).toEqual([['DOWNLOAD_SOURCE', undefined, 'FAILED']]);
    const none = await batchOf(server, `version: 0.2\n${PHASES}`);
    expect((await finishedBatch(server.client, none.id)).phases![1].contexts).toEqual([{ statusCode: 'YAML_FILE_ERROR', message: 'batch is required in the buildspec of a batch build' }]);
  });

  it('restrictions.maximumBuildsAllowed fails a batch with more builds', async () => {
    const { id } = await batchOf(server, `version: 0.2\nbatch:\n  build-list:\n    - identifier: a\n    - identifier: b\n${PHASES}`, { buildBatchConfig: { ...BATCH_CONFIG, restrictions: { maximumBuildsAllowed: 1 } } });
    const done = await finishedBatch(server.client, id);
    expect(done.phases![1].contexts).toEqual([{ statusCode: 'CLIENT_ERROR', message: 'Batch has 2 builds, more than the 1 its restrictions allow' }]);
  });

  it('StopBuildBatch stops the running builds and ends the batch STOPPED', async () => {
    const { id } = await batchOf(server, `version: 0.2\nbatch:\n  build-list:\n    - identifier: wait_one\n${PHASES}`);
    await waitFor(() => server.client.send(new BatchGetBuildBatchesCommand({ ids: [id] })), { description: 'the build to start', timeoutMs: 10_000, intervalMs: 50 }, (o) => Boolean(o.buildBatches?.[0]?.buildGroups?.[1]?.currentBuildSummary));
    const { buildBatch } = await server.client.send(new StopBuildBatchCommand({ id }));
    expect(buildBatch).toMatchObject({ buildBatchStatus: 'STOPPED', currentPhase: 'STOPPED', complete: true });
    expect(groupsOf(buildBatch!)[0].currentBuildSummary!.buildStatus).toBe('STOPPED');
  });

  it('RetryBuildBatch RETRY_FAILED_BUILDS runs the failed builds again, keeping the earlier run in priorBuildSummaryList', async () => {
    const { id } = await batchOf(server, `version: 0.2\nbatch:\n  build-list:\n    - identifier: fail_again\n    - identifier: fine\n${PHASES}`);
    const first = await finishedBatch(server.client, id);
    const { buildBatch } = await server.client.send(new RetryBuildBatchCommand({ id, retryType: 'RETRY_FAILED_BUILDS' }));
    expect(buildBatch).toMatchObject({ id, buildBatchStatus: 'IN_PROGRESS', currentPhase: 'SUBMITTED', complete: false });
    expect(buildBatch!.phases!.slice(-2).map((p) => [p.phaseType, p.phaseStatus])).toEqual([['FAILED', 'RETRY'], ['SUBMITTED', undefined]]);
    const again = await finishedBatch(server.client, id);
    const [failing, fine] = groupsOf(again);
    expect(failing.priorBuildSummaryList!.map((s) => s.arn)).toEqual([groupsOf(first)[0].currentBuildSummary!.arn]);
    expect(failing.currentBuildSummary!.arn).not.toBe(groupsOf(first)[0].currentBuildSummary!.arn);
    expect(fine.priorBuildSummaryList).toEqual([]);
    expect(fine.currentBuildSummary!.arn).toBe(groupsOf(first)[1].currentBuildSummary!.arn);
    expect(again.phases!.map((p) => [p.phaseType, p.phaseStatus])).toEqual([
      ['SUBMITTED', 'SUCCEEDED'],
      ['DOWNLOAD_BATCHSPEC', 'SUCCEEDED'],
      ['IN_PROGRESS', 'CLIENT_ERROR'],
      ['FAILED', 'RETRY'],
      ['SUBMITTED', 'SUCCEEDED'],
      ['IN_PROGRESS', 'CLIENT_ERROR'],
      ['FAILED', undefined],
    ]);
  });

  it('lists batches by status and order, page by page, and deletes a finished one with its builds', async () => {
    const project = uniqueName('batch');
    await server.client.send(new CreateProjectCommand(projectInput(project, `version: 0.2\nbatch:\n  build-list:\n    - identifier: one\n${PHASES}`)));
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await server.client.send(new StartBuildBatchCommand({ projectName: project }))).buildBatch!.id!);
    for (const id of ids) await finishedBatch(server.client, id);
    const page1 = await server.client.send(new ListBuildBatchesForProjectCommand({ projectName: project, maxResults: 2 }));
    expect(page1.ids).toEqual([ids[2], ids[1]]);
    const page2 = await server.client.send(new ListBuildBatchesForProjectCommand({ projectName: project, maxResults: 2, nextToken: page1.nextToken }));
    expect(page2).toMatchObject({ ids: [ids[0]] });
    expect(page2.nextToken).toBeUndefined();
    const ascending = await server.client.send(new ListBuildBatchesForProjectCommand({ projectName: project, sortOrder: 'ASCENDING', filter: { status: 'SUCCEEDED' } }));
    expect(ascending.ids).toEqual(ids);
    expect((await server.client.send(new ListBuildBatchesForProjectCommand({ projectName: project, filter: { status: 'FAILED' } }))).ids).toEqual([]);
    expect((await server.client.send(new ListBuildBatchesCommand({}))).ids).toEqual(expect.arrayContaining(ids));

    const batch = (await server.client.send(new BatchGetBuildBatchesCommand({ ids: [ids[0]] }))).buildBatches![0];
    const buildArn = groupsOf(batch)[0].currentBuildSummary!.arn!;
    const buildId = buildArn.slice(buildArn.indexOf('build/') + 'build/'.length);
    const deleted = await server.client.send(new DeleteBuildBatchCommand({ id: ids[0] }));
    // The builds of the batch, its source download's included.
    expect(deleted).toMatchObject({ statusCode: 'BATCH_DELETED', buildsDeleted: [batch.buildGroups![0].currentBuildSummary!.arn, buildArn], buildsNotDeleted: [] });
    const after = await server.client.send(new BatchGetBuildBatchesCommand({ ids: [ids[0], ids[1]] }));
    expect(after.buildBatchesNotFound).toEqual([ids[0]]);
    expect(after.buildBatches!.map((b) => b.id)).toEqual([ids[1]]);
    expect((await server.client.send(new BatchGetBuildsCommand({ ids: [buildId] }))).buildsNotFound).toEqual([buildId]);
    // Batch numbers are never handed out twice, deleted or not.
    const next = await server.client.send(new StartBuildBatchCommand({ projectName: project }));
    expect(next.buildBatch!.buildBatchNumber).toBe(4);
    await finishedBatch(server.client, next.buildBatch!.id!);
  });

  it('a build-matrix runs one build per combination, each with its buildspec, image and variables; an ignored failure leaves the batch SUCCEEDED', async () => {
    const { project, id } = await batchOf(
      server,
      `version: 0.2\nbatch:\n  build-matrix:\n    static:\n      ignore-failure: true\n    dynamic:\n      buildspec:\n        - a.yml\n      env:\n        image:\n          - aws/codebuild/amazonlinux2-x86_64-standard:5.0\n        variables:\n          MODE:\n            - debug\n            - release\n${PHASES}`,
    );
    const done = await finishedBatch(server.client, id);
    expect(done.buildBatchStatus).toBe('SUCCEEDED');
    expect(groupsOf(done).map((g) => [g.identifier, g.ignoreFailure])).toEqual([['build1', true], ['build2', true]]);
    const ids = groupsOf(done).map((g) => g.currentBuildSummary!.arn!.split(':build/')[1]);
    const { builds } = await server.client.send(new BatchGetBuildsCommand({ ids }));
    // The NO_SOURCE project has no a.yml: each build of the matrix fails in DOWNLOAD_SOURCE, which the matrix ignores.
    expect(builds!.map((b) => [b.source!.buildspec, b.environment!.image, b.environment!.environmentVariables, b.buildStatus])).toEqual([
      ['a.yml', 'aws/codebuild/amazonlinux2-x86_64-standard:5.0', [{ name: 'MODE', value: 'debug', type: 'PLAINTEXT' }], 'FAILED'],
      ['a.yml', 'aws/codebuild/amazonlinux2-x86_64-standard:5.0', [{ name: 'MODE', value: 'release', type: 'PLAINTEXT' }], 'FAILED'],
    ]);
    expect(server.requests.filter((r) => r.projectName === project)).toEqual([]);
  });

  it('StartBuildBatch with an idempotency token returns the batch it started; RETRY_ALL_BUILDS runs every build again, and only a batch that failed is retried', async () => {
    const project = uniqueName('batch');
    await server.client.send(new CreateProjectCommand(projectInput(project, `version: 0.2\nbatch:\n  build-list:\n    - identifier: one\n    - identifier: fail_two\n${PHASES}`)));
    const first = await server.client.send(new StartBuildBatchCommand({ projectName: project, idempotencyToken: 'tok-1' }));
    const again = await server.client.send(new StartBuildBatchCommand({ projectName: project, idempotencyToken: 'tok-1' }));
    expect(again.buildBatch!.id).toBe(first.buildBatch!.id);
    expect(await errorOf(server.client.send(new StartBuildBatchCommand({ projectName: project, idempotencyToken: 'tok-1', sourceVersion: 'other' })))).toMatchObject({ name: 'InvalidInputException' });
    const done = await finishedBatch(server.client, first.buildBatch!.id!);
    await server.client.send(new RetryBuildBatchCommand({ id: done.id, retryType: 'RETRY_ALL_BUILDS' }));
    const retried = await finishedBatch(server.client, done.id!);
    expect(retried.buildBatchStatus).toBe('FAILED');
    expect(groupsOf(retried).map((g) => g.priorBuildSummaryList!.map((s) => s.arn))).toEqual(groupsOf(done).map((g) => [g.currentBuildSummary!.arn]));

    const ok = await batchOf(server, `version: 0.2\nbatch:\n  build-list:\n    - identifier: one\n${PHASES}`);
    await finishedBatch(server.client, ok.id);
    expect(await errorOf(server.client.send(new RetryBuildBatchCommand({ id: ok.id })))).toMatchObject({ name: 'InvalidInputException', message: `Build batch ${ok.id} succeeded: only batch builds that have failed can be retried` });
  });

  describe('refusals', () => {
    it('StartBuildBatch refuses a project without buildBatchConfig, and an unknown project', async () => {
      const project = uniqueName('nobatch');
      await server.client.send(new CreateProjectCommand(projectInput(project, `version: 0.2\n${PHASES}`, { buildBatchConfig: undefined })));
      expect(await errorOf(server.client.send(new StartBuildBatchCommand({ projectName: project })))).toEqual({
        name: 'InvalidInputException',
        message: `Batch build is not enabled for project ${project}: set its buildBatchConfig (UpdateProject --build-batch-config) or pass buildBatchConfigOverride`,
        status: 400,
      });
      expect(await errorOf(server.client.send(new StartBuildBatchCommand({ projectName: 'no-such-project' })))).toMatchObject({
        name: 'ResourceNotFoundException',
        message: 'Project cannot be found: arn:aws:codebuild:us-east-1:000000000000:project/no-such-project',
        status: 400,
      });
    });

    it('the batch operations refuse malformed and unknown ids, and a running batch for retry and delete', async () => {
      expect(await errorOf(server.client.send(new StopBuildBatchCommand({ id: 'nocolon' })))).toMatchObject({ name: 'InvalidInputException', message: 'Invalid build batch ID provided' });
      expect(await errorOf(server.client.send(new StopBuildBatchCommand({ id: 'p:0000' })))).toMatchObject({ name: 'ResourceNotFoundException', message: 'Build batch p:0000 does not exist' });
      expect(await errorOf(server.client.send(new RetryBuildBatchCommand({ id: 'p:0000' })))).toMatchObject({ name: 'ResourceNotFoundException' });
      expect(await errorOf(server.client.send(new DeleteBuildBatchCommand({ id: 'p:0000' })))).toMatchObject({ name: 'InvalidInputException', message: 'Build batch p:0000 does not exist' });
      expect(await errorOf(server.client.send(new ListBuildBatchesForProjectCommand({ projectName: 'no-such-project' })))).toMatchObject({ name: 'ResourceNotFoundException' });
      expect(await errorOf(server.client.send(new ListBuildBatchesCommand({ nextToken: 'garbage' })))).toMatchObject({ name: 'InvalidInputException', message: 'Invalid next token' });

      const { id } = await batchOf(server, `version: 0.2\nbatch:\n  build-list:\n    - identifier: wait_here\n${PHASES}`);
      expect(await errorOf(server.client.send(new RetryBuildBatchCommand({ id })))).toMatchObject({ name: 'InvalidInputException', message: `Build batch ${id} is still in progress` });
      expect(await errorOf(server.client.send(new DeleteBuildBatchCommand({ id })))).toMatchObject({ name: 'InvalidInputException', message: `Build batch ${id} is still in progress: stop it first` });
      await server.client.send(new StopBuildBatchCommand({ id }));
    });
  });
});

describe('closing the CodeBuild service', () => {
  it('stops a running batch with its builds instead of waiting for them', async () => {
    const server = await startCodeBuildServer({ script });
    const { id } = await batchOf(server, `version: 0.2\nbatch:\n  build-list:\n    - identifier: wait_forever\n${PHASES}`);
    await waitFor(() => server.client.send(new BatchGetBuildBatchesCommand({ ids: [id] })), { description: 'the build to start', timeoutMs: 10_000, intervalMs: 50 }, (o) => Boolean(o.buildBatches?.[0]?.buildGroups?.[1]?.currentBuildSummary));
    // A batch waits for its builds, and this one never ends by itself: close() must stop it rather than wait.
    await server.close();
  });
});
