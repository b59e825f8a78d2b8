import {
  AcknowledgeThirdPartyJobCommand,
  GetThirdPartyJobDetailsCommand,
  PollForJobsCommand,
  PollForThirdPartyJobsCommand,
  PutJobSuccessResultCommand,
  PutThirdPartyJobSuccessResultCommand,
  type Job,
} from '@aws-sdk/client-codepipeline';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ActionDeclaration } from '../../../../src/model/index.js';
import { useTestEmulator } from '../../../helpers/emulator.js';
import { errorOf } from '../../../helpers/errors.js';
import { executionProbes } from '../../../helpers/execution-probes.js';
import { awsAction, pipelineOf, uniqueName } from '../../../helpers/pipelines.js';
import { waitFor } from '../../../helpers/wait.js';
import { uploadOutput } from './worker-helpers.js';

const GITHUB = { category: 'Source', owner: 'ThirdParty', provider: 'GitHub', version: '1' } as const;
const ECS = { category: 'Deploy', owner: 'AWS', provider: 'ECS', version: '1' } as const;

describe('stand-ins for AWS action types the emulator does not run', () => {
  // Policies from both places: the file, and the flag's list over it.
  const dir = mkdtempSync(join(tmpdir(), 'cpl-standins-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'stand-ins.json');
  writeFileSync(file, JSON.stringify({ CloudFormation: 'succeed', GitHub: 'worker', ECS: 'fail' }));
  const emulator = useTestEmulator({ standInsFile: file, standIns: ['ECS=worker'] });
  const probe = executionProbes(() => emulator.client);

  it('succeeds a `succeed` stand-in and hands `worker` stand-ins to job workers, third-party ones included', async () => {
    const name = uniqueName('standin');
    const github: ActionDeclaration = {
      name: 'Source',
      actionTypeId: GITHUB,
      configuration: { Owner: 'octo', Repo: 'app', Branch: 'main', OAuthToken: 'token' },
      outputArtifacts: [{ name: 'SourceArtifact' }],
    };
    const cloudFormation = awsAction('Stack', 'Deploy', 'CloudFormation', { ActionMode: 'CREATE_UPDATE', StackName: 'app' }, { inputArtifacts: [{ name: 'SourceArtifact' }], outputArtifacts: [{ name: 'StackOutput' }] });
    const ecs = awsAction('Service', 'Deploy', 'ECS', { ClusterName: 'c', ServiceName: 's' }, { inputArtifacts: [{ name: 'StackOutput' }] });
    const id = await probe.create(pipelineOf(name, [{ name: 'Source', actions: [github] }, { name: 'Infra', actions: [cloudFormation] }, { name: 'Deploy', actions: [ecs] }]));

    // The GitHub (version 1) source is a third-party job: the partner gets a client id and job id, then the details by client token.
    const [thirdParty] = await waitFor(
      async () => (await emulator.client.send(new PollForThirdPartyJobsCommand({ actionTypeId: GITHUB, maxBatchSize: 1 }))).jobs ?? [],
      { description: 'a third-party job' },
      (jobs) => jobs.length > 0,
    );
    expect((await errorOf(emulator.client.send(new GetThirdPartyJobDetailsCommand({ jobId: thirdParty.jobId, clientToken: 'wrong' })))).name).toBe('InvalidClientTokenException');
    const details = (await emulator.client.send(new GetThirdPartyJobDetailsCommand({ jobId: thirdParty.jobId, clientToken: thirdParty.clientId }))).jobDetails!;
    expect(details.data?.pipelineContext).toEqual({ pipelineName: name, stage: { name: 'Source' }, action: { name: 'Source', actionExecutionId: expect.any(String) } });
    expect(details.data?.actionConfiguration?.configuration).toMatchObject({ Owner: 'octo', Repo: 'app' });
    const ack = await emulator.client.send(new AcknowledgeThirdPartyJobCommand({ jobId: thirdParty.jobId, nonce: details.nonce, clientToken: thirdParty.clientId }));
    expect(ack.status).toBe('InProgress');
    await uploadOutput(emulator.env.url, { id: details.id, data: details.data } as Job, { 'README.md': 'from GitHub' });
    await emulator.client.send(
      new PutThirdPartyJobSuccessResultCommand({
        jobId: thirdParty.jobId,
        clientToken: thirdParty.clientId,
        currentRevision: { revision: 'abc1234', changeIdentifier: 'abc1234', revisionSummary: 'A commit on main' },
      }),
    );

    // CloudFormation succeeds at once, saying it was stood in for; ECS waits for a worker polling with owner AWS.
    const [ecsJob] = await waitFor(
      async () => (await emulator.client.send(new PollForJobsCommand({ actionTypeId: ECS }))).jobs ?? [],
      { description: 'the ECS job' },
      (jobs) => jobs.length > 0,
    );
    expect(ecsJob.data?.inputArtifacts?.[0].name).toBe('StackOutput');
    const stack = (await probe.action(name, 'Infra', 'Stack')).latestExecution;
    expect(stack).toMatchObject({ status: 'Succeeded', summary: expect.stringContaining('Stood in for by codepipeline-local') });
    await emulator.client.send(new PutJobSuccessResultCommand({ jobId: ecsJob.id, executionDetails: { summary: 'deployed by a local script' } }));
    await probe.untilStatus(name, id, 'Succeeded');
    const summary = await probe.summary(name, id);
    expect(summary?.sourceRevisions).toEqual([expect.objectContaining({ actionName: 'Source', revisionId: 'abc1234', revisionSummary: 'A commit on main' })]);
    expect((await probe.action(name, 'Deploy', 'Service')).latestExecution?.summary).toBe('deployed by a local script');
  });

  it('lists the AWS types not run locally with the policy that applies, on /codepipeline/stand-ins', async () => {
    const page = (await (await fetch(`${emulator.env.url}/codepipeline/stand-ins`)).json()) as { standIns: { actionTypeId: { provider: string }; policy: string }[] };
    const policyOf = (provider: string) => page.standIns.find((s) => s.actionTypeId.provider === provider)?.policy;
    expect([policyOf('CloudFormation'), policyOf('ECS'), policyOf('GitHub'), policyOf('ECR')]).toEqual(['succeed', 'worker', 'worker', 'fail']);
    // Types the emulator runs are not stood in for.
    expect(policyOf('CodeBuild')).toBeUndefined();
  });

  it('still fails a type without a policy, with the message it always had, and gives workers no job of it', async () => {
    const name = uniqueName('nostandin');
    const ecr = awsAction('Image', 'Source', 'ECR', { RepositoryName: 'app' }, { outputArtifacts: [{ name: 'ImageArtifact' }] });
    const id = await probe.create(pipelineOf(name, [{ name: 'Source', actions: [ecr] }, { name: 'Deploy', actions: [awsAction('Service', 'Deploy', 'ECS', { ClusterName: 'c', ServiceName: 's' }, { inputArtifacts: [{ name: 'ImageArtifact' }] })] }]));
    await probe.untilStatus(name, id, 'Failed');
    expect((await probe.action(name, 'Source', 'Image')).latestExecution?.errorDetails).toEqual({
      code: 'ConfigurationError',
      message: 'The action type Source/AWS/ECR/1 is not emulated by codepipeline-local yet',
    });
    const ecrType = { category: 'Source', owner: 'AWS', provider: 'ECR', version: '1' } as const;
    expect((await errorOf(emulator.client.send(new PollForJobsCommand({ actionTypeId: ecrType })))).name).toBe('ActionTypeNotFoundException');
  });
});
