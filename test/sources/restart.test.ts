import { CreatePipelineCommand } from '@aws-sdk/client-codepipeline';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { commitFile, initCheckout, tempDir } from '../helpers/git.js';
import { uniqueName } from '../helpers/pipelines.js';
import { localTestProviders } from '../helpers/test-provider.js';
import { codeCommitSource, executions, sourceActionOf, sourcePipeline, untilExecutions } from './source-fixtures.js';

describe('change detection across a restart', () => {
  const work = tempDir();
  const dataDir = join(work, 'data');
  const checkout = join(work, 'checkout');
  const running: TestEmulator[] = [];
  afterAll(async () => Promise.all(running.map((e) => e.close())));

  const start = async () => {
    const env = await startTestEmulator({ dataDir, repositories: { app: checkout } }, { overrides: { providers: localTestProviders() } });
    running.push(env);
    return env;
  };

  describe('when a commit is made while the emulator is down', () => {
    it('starts one execution for it when the emulator comes back, and none for the commit already built', async () => {
      const name = uniqueName('restart');
      await initCheckout(checkout);
      const first = await start();
      await first.codepipeline().send(new CreatePipelineCommand({ pipeline: sourcePipeline(name, codeCommitSource('app')) }));
      const [created] = await untilExecutions(first.codepipeline(), name, 1);
      await sourceActionOf(first.codepipeline(), name, created.pipelineExecutionId!);
      await first.close();

      const commitId = await commitFile(checkout, 'offline.txt', 'made while down\n', 'Made while the emulator was down');
      const second = await start();
      const client = second.codepipeline();
      const [caughtUp] = await untilExecutions(client, name, 2);
      expect(caughtUp.trigger?.triggerType).toBe('PollForSourceChanges');
      expect((await sourceActionOf(client, name, caughtUp.pipelineExecutionId!)).output?.outputVariables?.CommitId).toBe(commitId);

      // Detection keeps working after the restart, and nothing else was started.
      const next = await commitFile(checkout, 'online.txt', 'made while up\n', 'Made after the restart');
      const [third] = await untilExecutions(client, name, 3);
      expect((await sourceActionOf(client, name, third.pipelineExecutionId!)).output?.outputVariables?.CommitId).toBe(next);
      // One more commit starts the fourth execution: nothing else started before it.
      const marker = await commitFile(checkout, 'marker.txt', 'marker\n', 'A marker commit');
      const [fourth, ...before] = await untilExecutions(client, name, 4);
      expect((await sourceActionOf(client, name, fourth.pipelineExecutionId!)).output?.outputVariables?.CommitId).toBe(marker);
      expect(before.map((e) => e.pipelineExecutionId)).toEqual([third.pipelineExecutionId, caughtUp.pipelineExecutionId, created.pipelineExecutionId]);
    });
  });
});
