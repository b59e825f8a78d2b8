import { CreatePipelineCommand } from '@aws-sdk/client-codepipeline';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PipelineTriggerDeclaration } from '../../src/model/index.js';
import { useTestEmulator } from '../helpers/emulator.js';
import { commitFile, git, initCheckout, tempDir } from '../helpers/git.js';
import { uniqueName } from '../helpers/pipelines.js';
import { localTestProviders } from '../helpers/test-provider.js';
import { CONNECTION_ARN, connectionSource, executions, sourceActionOf, sourcePipeline, untilExecutions } from './source-fixtures.js';

const trigger = (push: NonNullable<PipelineTriggerDeclaration['gitConfiguration']['push']>): PipelineTriggerDeclaration => ({
  providerType: 'CodeStarSourceConnection',
  gitConfiguration: { sourceActionName: 'Source', push },
});

describe('CodeStarSourceConnection change detection', () => {
  const work = tempDir();
  const checkout = join(work, 'web-app');
  beforeAll(async () => {
    await initCheckout(checkout);
  });
  const emulator = useTestEmulator({ repositories: { 'web-app': checkout } }, { overrides: { providers: localTestProviders() } });

  /** Commits on a branch (made from main when new) and switches back to main. */
  async function commitOn(branch: string, path: string, message: string): Promise<string> {
    const exists = (await git(checkout, 'branch', '--list', branch)).stdout.trim() !== '';
    await git(checkout, 'checkout', '--quiet', ...(exists ? [branch] : ['-b', branch, 'main']));
    const id = await commitFile(checkout, path, `${message}\n`, message);
    await git(checkout, 'checkout', '--quiet', 'main');
    return id;
  }

  describe('when the pipeline has no trigger', () => {
    const name = uniqueName('webhook');

    it('maps owner/name to the repository called name and starts a Webhook execution per push to the branch', async () => {
      await emulator.client.send(new CreatePipelineCommand({ pipeline: sourcePipeline(name, connectionSource('team/web-app')) }));
      await untilExecutions(emulator.client, name, 1);
      const commitId = await commitFile(checkout, 'index.html', '<p>v2</p>\n', 'Second version');
      const [second] = await untilExecutions(emulator.client, name, 2);
      expect(second.trigger).toEqual({ triggerType: 'Webhook', triggerDetail: CONNECTION_ARN });
      const action = await sourceActionOf(emulator.client, name, second.pipelineExecutionId!);
      expect(action.output?.outputVariables).toEqual({
        AuthorDate: expect.stringMatching(/Z$/),
        BranchName: 'main',
        CommitId: commitId,
        CommitMessage: 'Second version',
        ConnectionArn: CONNECTION_ARN,
        FullRepositoryName: 'team/web-app',
      });
      const [latest] = await executions(emulator.client, name);
      expect(JSON.parse(latest.sourceRevisions![0].revisionSummary!)).toEqual({ ProviderType: 'GitHub', CommitMessage: 'Second version' });
    });
  });

  describe('when DetectChanges is false', () => {
    it('starts nothing on a push', async () => {
      const off = uniqueName('off');
      const on = uniqueName('on');
      await emulator.client.send(new CreatePipelineCommand({ pipeline: sourcePipeline(off, connectionSource('team/web-app', 'main', { DetectChanges: 'false' })) }));
      await emulator.client.send(new CreatePipelineCommand({ pipeline: sourcePipeline(on, connectionSource('team/web-app')) }));
      await untilExecutions(emulator.client, off, 1);
      await untilExecutions(emulator.client, on, 1);
      await commitFile(checkout, 'off.txt', 'x\n', 'while detection is off');
      // The pipeline that detects changes has started for the push: the one that does not has seen it too, and started nothing.
      await untilExecutions(emulator.client, on, 2);
      expect(await executions(emulator.client, off)).toHaveLength(1);
    });
  });

  describe('when a V2 trigger filters pushes', () => {
    const name = uniqueName('v2');
    const triggers = [
      trigger([
        { branches: { includes: ['release/**'], excludes: ['release/old'] }, filePaths: { includes: ['src/**'], excludes: ['**/*.md'] } },
        { tags: { includes: ['v*'], excludes: ['v0*'] } },
      ]),
    ];

    beforeAll(async () => {
      await emulator.client.send(new CreatePipelineCommand({ pipeline: sourcePipeline(name, connectionSource('team/web-app'), { pipelineType: 'V2', triggers }) }));
      await untilExecutions(emulator.client, name, 1);
    });

    it('starts a WebhookV2 execution for a push to an included branch that changes an included file, on that branch', async () => {
      const commitId = await commitOn('release/1.0', 'src/app.ts', 'release work');
      const [second] = await untilExecutions(emulator.client, name, 2);
      expect(second.trigger).toEqual({ triggerType: 'WebhookV2', triggerDetail: CONNECTION_ARN });
      const action = await sourceActionOf(emulator.client, name, second.pipelineExecutionId!);
      expect(action.output?.outputVariables).toMatchObject({ CommitId: commitId, BranchName: 'release/1.0' });
    });

    it('leaves out pushes to the configured branch itself, excluded branches, and changes only to excluded or other files', async () => {
      await commitFile(checkout, 'src/main.ts', 'main\n', 'default detection is off'); // main is not included
      await commitOn('release/old', 'src/old.ts', 'an excluded branch');
      await commitOn('release/1.0', 'src/NOTES.md', 'only an excluded file');
      await commitOn('release/1.0', 'docs/guide.txt', 'only a file no include matches');
      await git(checkout, 'tag', 'v0.9');
      const marker = await commitOn('release/2.0', 'src/new.ts', 'included again');
      const [third] = await untilExecutions(emulator.client, name, 3);
      expect((await sourceActionOf(emulator.client, name, third.pipelineExecutionId!)).output?.outputVariables?.CommitId).toBe(marker);
      expect(await executions(emulator.client, name)).toHaveLength(3);
    });

    it('starts an execution for an included tag, on the commit the tag points at', async () => {
      const commitId = await commitFile(checkout, 'CHANGELOG', 'v1\n', 'Release 1');
      await git(checkout, 'tag', '-a', 'v1.0', '-m', 'Version 1.0');
      const [fourth] = await untilExecutions(emulator.client, name, 4);
      const action = await sourceActionOf(emulator.client, name, fourth.pipelineExecutionId!);
      expect(action.output?.outputVariables).toMatchObject({ CommitId: commitId, BranchName: 'main' });
      expect(await executions(emulator.client, name)).toHaveLength(4);
    });
  });
});
