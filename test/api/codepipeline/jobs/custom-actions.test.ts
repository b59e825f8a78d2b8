import {
  AcknowledgeJobCommand,
  CreateCustomActionTypeCommand,
  CreatePipelineCommand,
  DeleteCustomActionTypeCommand,
  GetActionTypeCommand,
  GetJobDetailsCommand,
  GetPipelineCommand,
  ListActionTypesCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  PollForJobsCommand,
  PutJobFailureResultCommand,
  PutActionRevisionCommand,
  PutJobSuccessResultCommand,
  UpdateActionTypeCommand,
  type ActionTypeId,
  type Job,
} from '@aws-sdk/client-codepipeline';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ActionDeclaration } from '../../../../src/model/index.js';
import { ManualClock } from '../../../../src/shared/index.js';
import { TEST_ACCOUNT, useTestEmulator } from '../../../helpers/emulator.js';
import { errorOf } from '../../../helpers/errors.js';
import { executionProbes } from '../../../helpers/execution-probes.js';
import { localPipeline, testAction } from '../../../helpers/local-pipelines.js';
import { pipelineOf, uniqueName } from '../../../helpers/pipelines.js';
import { localTestProviders, zipEntries, type LocalTestProvider } from '../../../helpers/test-provider.js';
import { waitFor } from '../../../helpers/wait.js';
import { downloadInput, uploadOutput } from './worker-helpers.js';

const DAY = 24 * 60 * 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('custom actions run by job workers', () => {
  const clock = new ManualClock();
  const providers = localTestProviders();
  const emulator = useTestEmulator({}, { overrides: { providers, clock, timers: clock } });
  const probe = executionProbes(() => emulator.client);
  const send = <T>(command: { input: unknown }) => emulator.client.send(command as never) as Promise<T>;

  /** Creates a custom Build type with a queryable ProjectName and the console URL templates. */
  async function customType(provider = uniqueName('W').slice(0, 30)): Promise<ActionTypeId> {
    await emulator.client.send(
      new CreateCustomActionTypeCommand({
        category: 'Build',
        provider,
        version: '1',
        settings: {
          entityUrlTemplate: 'https://ci.example.com/projects/{Config:ProjectName}',
          executionUrlTemplate: 'https://ci.example.com/projects/{Config:ProjectName}/runs/{ExternalExecutionId}',
        },
        configurationProperties: [
          { name: 'ProjectName', required: true, key: true, secret: false, queryable: true, type: 'String' },
          { name: 'Token', required: false, key: false, secret: true, type: 'String' },
        ],
        inputArtifactDetails: { minimumCount: 1, maximumCount: 1 },
        outputArtifactDetails: { minimumCount: 0, maximumCount: 1 },
      }),
    );
    return { category: 'Build', owner: 'Custom', provider, version: '1' };
  }

  /** Source -> Build (the custom action) -> Check (a test action reading the custom action's output). */
  async function pipelineWith(typeId: ActionTypeId, project: string, output = true) {
    const name = uniqueName('cust');
    const custom: ActionDeclaration = {
      name: 'Custom',
      actionTypeId: typeId as ActionDeclaration['actionTypeId'],
      configuration: { ProjectName: project, Token: 's3cr3t' },
      inputArtifacts: [{ name: 'SourceArtifact' }],
      outputArtifacts: output ? [{ name: 'Built' }] : [],
    };
    const stages = [
      { name: 'Build', actions: [custom] },
      { name: 'Check', actions: [testAction('Check', 'Test', {}, { inputArtifacts: [{ name: output ? 'Built' : 'SourceArtifact' }] })] },
    ];
    const id = await probe.create(localPipeline(name, stages));
    return { name, id };
  }

  async function pollOne(typeId: ActionTypeId, project: string): Promise<Job> {
    return waitFor(
      async () => (await emulator.client.send(new PollForJobsCommand({ actionTypeId: typeId, maxBatchSize: 5, queryParam: { ProjectName: project } }))).jobs ?? [],
      { description: `a job for ${project}` },
      (jobs) => jobs.length > 0,
    ).then((jobs) => {
      expect(jobs).toHaveLength(1);
      return jobs[0];
    });
  }

  const check = () => providers.find((p) => p.type.id.category === 'Test') as LocalTestProvider;

  it('lists the custom type with its settings; a deleted version cannot be created again', async () => {
    const id = await customType();
    const listed = await emulator.client.send(new ListActionTypesCommand({ actionOwnerFilter: 'Custom' }));
    expect(listed.actionTypes?.find((t) => t.id?.provider === id.provider)).toMatchObject({
      id,
      settings: { entityUrlTemplate: 'https://ci.example.com/projects/{Config:ProjectName}' },
      actionConfigurationProperties: [expect.objectContaining({ name: 'ProjectName', queryable: true }), expect.objectContaining({ name: 'Token', secret: true })],
    });
    // GetActionType and UpdateActionType take only AWS and ThirdParty owners (the model's pattern): custom types are not theirs.
    expect((await errorOf(emulator.client.send(new GetActionTypeCommand(id as never)))).name).toBe('ValidationException');
    const cloudFormation = (await emulator.client.send(new GetActionTypeCommand({ category: 'Deploy', owner: 'AWS', provider: 'CloudFormation', version: '1' }))).actionType!;
    expect((await errorOf(emulator.client.send(new UpdateActionTypeCommand({ actionType: cloudFormation })))).name).toBe('RequestFailedException');

    const arn = `arn:aws:codepipeline:us-east-1:${TEST_ACCOUNT}:actiontype:Custom/Build/${id.provider}/1`;
    await emulator.client.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'team', value: 'ci' }] }));
    expect((await emulator.client.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual([{ key: 'team', value: 'ci' }]);

    await emulator.client.send(new DeleteCustomActionTypeCommand(id));
    expect((await errorOf(emulator.client.send(new ListTagsForResourceCommand({ resourceArn: arn })))).name).toBe('ResourceNotFoundException');
    const after = await emulator.client.send(new ListActionTypesCommand({ actionOwnerFilter: 'Custom' }));
    expect(after.actionTypes?.some((t) => t.id?.provider === id.provider)).toBe(false);
    const again = await errorOf(emulator.client.send(new CreateCustomActionTypeCommand({ ...id, inputArtifactDetails: { minimumCount: 0, maximumCount: 1 }, outputArtifactDetails: { minimumCount: 0, maximumCount: 1 } })));
    expect(again).toMatchObject({ name: 'ValidationException', status: 400 });
    expect(again.message).toContain('cannot be created again');
  });

  it('hands the job out with its data, takes it by nonce, and the next stage sees the output the worker uploaded', async () => {
    const typeId = await customType();
    const { name, id } = await pipelineWith(typeId, 'alpha');
    const job = await pollOne(typeId, 'alpha');
    expect(job).toMatchObject({ id: expect.stringMatching(UUID), nonce: expect.any(String), accountId: TEST_ACCOUNT });
    const state = await probe.action(name, 'Build', 'Custom');
    const declaredBucket = (await emulator.client.send(new GetPipelineCommand({ name }))).pipeline!.artifactStore!.location;
    expect(job.data).toMatchObject({
      actionTypeId: typeId,
      actionConfiguration: { configuration: { ProjectName: 'alpha', Token: 's3cr3t' } },
      pipelineContext: {
        pipelineName: name,
        stage: { name: 'Build' },
        action: { name: 'Custom', actionExecutionId: state.latestExecution!.actionExecutionId },
        pipelineArn: `arn:aws:codepipeline:us-east-1:${TEST_ACCOUNT}:${name}`,
        pipelineExecutionId: id,
      },
      inputArtifacts: [{ name: 'SourceArtifact', location: { type: 'S3', s3Location: { bucketName: expect.any(String), objectKey: expect.any(String) } } }],
      outputArtifacts: [{ name: 'Built', location: { type: 'S3', s3Location: { bucketName: declaredBucket, objectKey: expect.stringContaining('/Built/') } } }],
      artifactCredentials: { accessKeyId: expect.any(String), secretAccessKey: expect.any(String), sessionToken: expect.any(String) },
    });
    expect(job.data).not.toHaveProperty('encryptionKey');
    // The worker sees the secret property; GetPipeline masks it, as for AWS's own secret properties.
    const declared = (await emulator.client.send(new GetPipelineCommand({ name }))).pipeline!.stages![1].actions![0];
    expect(declared.configuration).toEqual({ ProjectName: 'alpha', Token: '****' });
    expect(state.entityUrl).toBe('https://ci.example.com/projects/alpha');
    // Dispatched: a second poll gets nothing.
    expect((await emulator.client.send(new PollForJobsCommand({ actionTypeId: typeId, queryParam: { ProjectName: 'alpha' } }))).jobs).toEqual([]);

    const wrong = await errorOf(emulator.client.send(new AcknowledgeJobCommand({ jobId: job.id, nonce: `${job.nonce}9` })));
    expect(wrong).toMatchObject({ name: 'InvalidNonceException', status: 400 });
    expect((await emulator.client.send(new AcknowledgeJobCommand({ jobId: job.id, nonce: job.nonce }))).status).toBe('InProgress');
    expect((await emulator.client.send(new GetJobDetailsCommand({ jobId: job.id }))).jobDetails).toMatchObject({ id: job.id, accountId: TEST_ACCOUNT, data: { pipelineContext: { pipelineName: name } } });

    // First pass: progress and a continuation token; the action stays in progress and a new job carries the token.
    await send(new PutJobSuccessResultCommand({ jobId: job.id, continuationToken: 'step-2', executionDetails: { summary: 'half way', percentComplete: 50, externalExecutionId: 'run-1' } }));
    const next = await pollOne(typeId, 'alpha');
    expect(next.id).not.toBe(job.id);
    expect(next.data?.continuationToken).toBe('step-2');
    const halfWay = await probe.action(name, 'Build', 'Custom');
    expect(halfWay.latestExecution).toMatchObject({ status: 'InProgress', summary: 'half way', percentComplete: 50, externalExecutionId: 'run-1' });
    expect(halfWay.latestExecution?.externalExecutionUrl).toBe('https://ci.example.com/projects/alpha/runs/run-1');

    const input = unzipSync(await downloadInput(emulator.env.url, next));
    const transformed = Object.fromEntries(Object.entries(input).map(([file, bytes]) => [file, strFromU8(bytes).toUpperCase()]));
    await uploadOutput(emulator.env.url, next, { ...transformed, 'worker.txt': 'made by the worker' });
    await emulator.client.send(new AcknowledgeJobCommand({ jobId: next.id, nonce: next.nonce }));
    await send(new PutJobSuccessResultCommand({ jobId: next.id, outputVariables: { Result: 'ok' }, executionDetails: { summary: 'all done', externalExecutionId: 'run-2' } }));
    await probe.untilStatus(name, id, 'Succeeded');

    const done = (await probe.actionsByName(name, id)).Custom;
    expect(done).toMatchObject({ status: 'Succeeded', output: { outputVariables: { Result: 'ok' }, executionResult: { externalExecutionSummary: 'all done', externalExecutionId: 'run-2' } } });
    // The engine keeps the object the worker uploaded where the job said: no second copy, none left behind.
    const uploaded = next.data!.outputArtifacts![0].location!.s3Location!;
    expect(done.output?.outputArtifacts).toEqual([{ name: 'Built', s3location: { bucket: uploaded.bucketName, key: uploaded.objectKey } }]);
    const seen = check().jobs.find((j) => j.pipelineName === name)!;
    const entries = zipEntries(seen.inputArtifacts[0].zipPath);
    expect(entries['worker.txt']).toBe('made by the worker');
    expect(entries['Source-Source.txt']).toBe('SOURCE');
    // A finished job cannot be finished again.
    const late = await errorOf(send(new PutJobFailureResultCommand({ jobId: next.id, failureDetails: { type: 'JobFailed', message: 'late' } })));
    expect(late).toMatchObject({ name: 'InvalidJobStateException', status: 400 });
  });

  it('fails the action with the failure type and message the worker reports', async () => {
    const typeId = await customType();
    const { name, id } = await pipelineWith(typeId, 'beta', false);
    const job = await pollOne(typeId, 'beta');
    await emulator.client.send(new AcknowledgeJobCommand({ jobId: job.id, nonce: job.nonce }));
    await send(new PutJobFailureResultCommand({ jobId: job.id, failureDetails: { type: 'ConfigurationError', message: 'ProjectName beta does not exist', externalExecutionId: 'run-9' } }));
    await probe.untilStatus(name, id, 'Failed');
    const failed = (await probe.action(name, 'Build', 'Custom')).latestExecution;
    expect(failed).toMatchObject({ status: 'Failed', errorDetails: { code: 'ConfigurationError', message: 'ProjectName beta does not exist' }, externalExecutionId: 'run-9' });
  });

  it('fails a job no worker finished within 24 hours', async () => {
    const typeId = await customType();
    const { name, id } = await pipelineWith(typeId, 'gamma', false);
    const job = await pollOne(typeId, 'gamma');
    clock.advance(DAY - 1000);
    expect(await probe.status(name, id)).toBe('InProgress');
    clock.advance(1000);
    await probe.untilStatus(name, id, 'Failed');
    const failed = (await probe.action(name, 'Build', 'Custom')).latestExecution;
    expect(failed?.errorDetails?.message).toContain('not completed by a job worker within 24 hours');
    expect((await errorOf(send(new PutJobSuccessResultCommand({ jobId: job.id })))).name).toBe('InvalidJobStateException');
  });

  it('runs a custom source: its currentRevision is the source revision of the execution, and PutActionRevision starts an execution for a new one', async () => {
    const provider = uniqueName('Src').slice(0, 30);
    const typeId = { category: 'Source', owner: 'Custom', provider, version: '1' } as const;
    await emulator.client.send(new CreateCustomActionTypeCommand({ ...typeId, inputArtifactDetails: { minimumCount: 0, maximumCount: 0 }, outputArtifactDetails: { minimumCount: 1, maximumCount: 1 } }));
    const name = uniqueName('csrc');
    const source: ActionDeclaration = { name: 'Source', actionTypeId: typeId, outputArtifacts: [{ name: 'SourceArtifact' }] };
    const check = testAction('Check', 'Test', {}, { inputArtifacts: [{ name: 'SourceArtifact' }] });
    const id = await probe.create(pipelineOf(name, [{ name: 'Source', actions: [source] }, { name: 'Check', actions: [check] }]));
    const [job] = await waitFor(async () => (await emulator.client.send(new PollForJobsCommand({ actionTypeId: typeId }))).jobs ?? [], { description: 'the source job' }, (jobs) => jobs.length > 0);
    // A source has no input to name a bucket: its output goes to the pipeline's artifact store all the same.
    const store = (await emulator.client.send(new GetPipelineCommand({ name }))).pipeline!.artifactStore!.location;
    expect(job.data?.outputArtifacts?.[0].location?.s3Location?.bucketName).toBe(store);
    await uploadOutput(emulator.env.url, job, { 'app.txt': 'revision one' });
    await send(new PutJobSuccessResultCommand({ jobId: job.id, currentRevision: { revision: 'r1', changeIdentifier: 'c1', revisionSummary: 'first' } }));
    await probe.untilStatus(name, id, 'Succeeded');
    expect((await probe.summary(name, id))?.sourceRevisions).toEqual([expect.objectContaining({ actionName: 'Source', revisionId: 'r1', revisionSummary: 'first' })]);

    const revision = (revisionId: string) => new PutActionRevisionCommand({ pipelineName: name, stageName: 'Source', actionName: 'Source', actionRevision: { revisionId, revisionChangeId: revisionId, created: new Date() } });
    expect(await emulator.client.send(revision('r1'))).toMatchObject({ newRevision: false });
    const started = await emulator.client.send(revision('r2'));
    expect(started).toMatchObject({ newRevision: true, pipelineExecutionId: expect.stringMatching(UUID) });
    expect((await probe.summary(name, started.pipelineExecutionId!))?.trigger?.triggerType).toBe('PutActionRevision');
    expect((await errorOf(emulator.client.send(new PutActionRevisionCommand({ pipelineName: name, stageName: 'Nope', actionName: 'Source', actionRevision: { revisionId: 'x', revisionChangeId: 'x', created: new Date() } })))).name).toBe('StageNotFoundException');
  });

  it('keeps a custom type to its account: another account cannot use it in a pipeline', async () => {
    const typeId = await customType();
    const other = emulator.env.codepipeline('us-east-1', '111111111111');
    const custom: ActionDeclaration = { name: 'Custom', actionTypeId: typeId as ActionDeclaration['actionTypeId'], configuration: { ProjectName: 'x' }, inputArtifacts: [{ name: 'SourceArtifact' }] };
    const refused = await errorOf(other.send(new CreatePipelineCommand({ pipeline: localPipeline(uniqueName('other'), [{ name: 'Build', actions: [custom] }]) })));
    expect(refused.name).toBe('InvalidActionDeclarationException');
  });

  it('answers the AWS errors for unknown jobs and types', async () => {
    expect(await errorOf(emulator.client.send(new GetJobDetailsCommand({ jobId: '00000000-0000-0000-0000-000000000000' })))).toMatchObject({ name: 'JobNotFoundException', status: 400 });
    const typeId = await customType();
    const noQuery = await errorOf(emulator.client.send(new PollForJobsCommand({ actionTypeId: typeId })));
    expect(noQuery).toMatchObject({ name: 'ValidationException', message: expect.stringContaining('ProjectName') });
    const unknown = { category: 'Build', owner: 'Custom', provider: 'NoSuchType', version: '1' } as const;
    expect(await errorOf(emulator.client.send(new PollForJobsCommand({ actionTypeId: unknown })))).toMatchObject({ name: 'ActionTypeNotFoundException', status: 400 });
    // AWS-owned types are not polled unless stood in for by workers.
    const aws = { category: 'Deploy', owner: 'AWS', provider: 'CloudFormation', version: '1' } as const;
    expect((await errorOf(emulator.client.send(new PollForJobsCommand({ actionTypeId: aws })))).name).toBe('ActionTypeNotFoundException');
  });
});
