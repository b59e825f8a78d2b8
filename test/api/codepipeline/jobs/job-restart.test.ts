import { AcknowledgeJobCommand, CreateCustomActionTypeCommand, GetJobDetailsCommand, PollForJobsCommand, PutJobSuccessResultCommand } from '@aws-sdk/client-codepipeline';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { ActionDeclaration } from '../../../../src/model/index.js';
import { freshDataDir, startTestEmulator, type TestEmulator } from '../../../helpers/emulator.js';
import { executionProbes } from '../../../helpers/execution-probes.js';
import { localPipeline, testAction } from '../../../helpers/local-pipelines.js';
import { uniqueName } from '../../../helpers/pipelines.js';
import { localTestProviders } from '../../../helpers/test-provider.js';
import { waitFor } from '../../../helpers/wait.js';
import { uploadOutput } from './worker-helpers.js';

const TYPE = { category: 'Build', owner: 'Custom', provider: 'Restarted', version: '1' } as const;

describe('a job across an emulator restart', () => {
  const dataDir = freshDataDir();
  let env: TestEmulator | undefined;
  afterAll(async () => {
    await env?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is still held by its worker afterwards, and finishing it lets the pipeline go on', async () => {
    env = await startTestEmulator({ dataDir }, { overrides: { providers: localTestProviders() } });
    await env.codepipeline().send(
      new CreateCustomActionTypeCommand({ ...TYPE, inputArtifactDetails: { minimumCount: 1, maximumCount: 1 }, outputArtifactDetails: { minimumCount: 1, maximumCount: 1 } }),
    );
    const name = uniqueName('restart');
    const custom: ActionDeclaration = { name: 'Custom', actionTypeId: TYPE, inputArtifacts: [{ name: 'SourceArtifact' }], outputArtifacts: [{ name: 'Built' }] };
    const stages = [
      { name: 'Build', actions: [custom] },
      { name: 'Check', actions: [testAction('Check', 'Test', {}, { inputArtifacts: [{ name: 'Built' }] })] },
    ];
    const id = await executionProbes(env.codepipeline()).create(localPipeline(name, stages));
    const [job] = await waitFor(
      async () => (await env!.codepipeline().send(new PollForJobsCommand({ actionTypeId: TYPE }))).jobs ?? [],
      { description: 'the job' },
      (jobs) => jobs.length > 0,
    );
    await env.codepipeline().send(new AcknowledgeJobCommand({ jobId: job.id, nonce: job.nonce }));
    await env.close();

    env = await startTestEmulator({ dataDir }, { overrides: { providers: localTestProviders() } });
    const after = env.codepipeline();
    const details = (await after.send(new GetJobDetailsCommand({ jobId: job.id }))).jobDetails!;
    expect(details.data).toEqual(job.data);
    expect(await after.send(new AcknowledgeJobCommand({ jobId: job.id, nonce: job.nonce }))).toMatchObject({ status: 'InProgress' });
    await uploadOutput(env.url, job, { 'out.txt': 'after the restart' });
    await after.send(new PutJobSuccessResultCommand({ jobId: job.id, executionDetails: { summary: 'finished after a restart' } }));
    const probe = executionProbes(after);
    await probe.untilStatus(name, id, 'Succeeded');
    expect((await probe.action(name, 'Build', 'Custom')).latestExecution).toMatchObject({ status: 'Succeeded', summary: 'finished after a restart' });
  });
});
