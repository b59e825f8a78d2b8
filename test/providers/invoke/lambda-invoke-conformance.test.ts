import { afterAll } from 'vitest';
import { JobQueue } from '../../../src/jobs/index.js';
import { lambdaInvokeProvider, type FunctionInvocation } from '../../../src/providers/index.js';
import { randomIds, silentLogger, systemClock, systemTimers } from '../../../src/shared/index.js';
import { JobStore, openDatabase } from '../../../src/store/index.js';
import { freshDataDir } from '../../helpers/emulator.js';
import { describeProviderConformance } from '../conformance.js';

// One store for the file; each case runs under its own action execution id, so no run finds another's job.
const db = openDatabase(freshDataDir());
afterAll(() => db.close());

describeProviderConformance('Invoke/AWS/Lambda (with a stand-in for the function)', () => {
  const queue = new JobQueue(new JobStore(db), { clock: systemClock, timers: systemTimers(systemClock), ids: randomIds, limits: { jobTimeoutMs: 60_000 } });
  // The stand-in reads the job id from AWS's event, as a function does, and answers as the function named says.
  const functions: Record<string, (jobId: string) => FunctionInvocation> = {
    succeeds: (jobId) => (queue.succeed(jobId, 'Custom', { summary: 'done' }), { payload: Buffer.from('null') }),
    throws: () => ({ functionError: 'Unhandled', payload: Buffer.from('{"errorType":"Error","errorMessage":"boom"}') }),
    'never-reports': () => ({ payload: Buffer.from('null') }),
  };
  const provider = lambdaInvokeProvider({
    queue,
    ensureBucket: async () => undefined,
    exists: async () => true,
    pipelineArn: (account, region, name) => `arn:aws:codepipeline:${region}:${account}:${name}`,
    async invokeFunction(_scope, name, event) {
      const jobId = (JSON.parse(event.toString('utf8')) as { 'CodePipeline.job': { id: string } })['CodePipeline.job'].id;
      return functions[name](jobId);
    },
  });
  return {
    provider,
    succeeding: { configuration: { FunctionName: 'succeeds' } },
    failing: { configuration: { FunctionName: 'throws' }, actionExecutionId: '22222222-2222-4222-8222-222222222222' },
    long: { configuration: { FunctionName: 'never-reports' }, actionExecutionId: '33333333-3333-4333-8333-333333333333' },
  };
});
