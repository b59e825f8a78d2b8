import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JobQueue } from '../../../src/jobs/index.js';
import { ActionFailure, lambdaInvokeProvider, type ActionContext, type ActionJob } from '../../../src/providers/index.js';
import { randomIds, silentLogger, systemClock, systemTimers } from '../../../src/shared/index.js';
import { JobStore, openDatabase } from '../../../src/store/index.js';
import { freshDataDir } from '../../helpers/emulator.js';

describe('the Invoke action resumed after a restart', () => {
  const db = openDatabase(freshDataDir());
  const workDir = mkdtempSync(join(tmpdir(), 'cpl-invoke-resume-'));
  afterAll(() => {
    db.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('invokes the function again with the same job, since the invocation died with the process', async () => {
    const queue = new JobQueue(new JobStore(db), { clock: systemClock, timers: systemTimers(systemClock), ids: randomIds, limits: { jobTimeoutMs: 60_000 } });
    const invokedWith: string[] = [];
    let answer = false;
    const provider = lambdaInvokeProvider({
      queue,
      ensureBucket: async () => undefined,
      exists: async () => true,
      pipelineArn: (account, region, name) => `arn:aws:codepipeline:${region}:${account}:${name}`,
      async invokeFunction(_scope, _name, event) {
        const jobId = (JSON.parse(event.toString('utf8')) as { 'CodePipeline.job': { id: string } })['CodePipeline.job'].id;
        invokedWith.push(jobId);
        // The first invocation never reports (the process "dies"); the one after the restart does.
        if (answer) queue.succeed(jobId, 'Custom', { summary: 'done after the restart' });
        return { payload: Buffer.from('null') };
      },
    });
    const job: ActionJob = {
      account: '000000000000',
      region: 'us-east-1',
      pipelineName: 'p',
      pipelineExecutionId: '00000000-0000-4000-8000-000000000000',
      stageName: 'Invoke',
      actionName: 'Invoke',
      actionExecutionId: '44444444-4444-4444-8444-444444444444',
      actionTypeId: provider.type.id,
      configuration: { FunctionName: 'fn' },
      inputArtifacts: [],
      outputArtifactNames: [],
      workDir,
    };
    const context = (signal: AbortSignal): ActionContext => ({ signal, log: silentLogger(), progress: () => undefined, awaitApproval: () => new Promise(() => undefined) });
    const shutdown = new AbortController();
    const first = provider.run(job, context(shutdown.signal));
    await expect.poll(() => invokedWith.length).toBe(1);
    shutdown.abort(new Error('the emulator is closing'));
    await expect(first).rejects.toBeInstanceOf(ActionFailure);

    answer = true;
    const resumed = await provider.run(job, context(new AbortController().signal));
    expect(resumed.summary).toBe('done after the restart');
    expect(invokedWith).toHaveLength(2);
    expect(invokedWith[1]).toBe(invokedWith[0]);
  });
});
