import { CodeCommitClient, CreateRepositoryCommand } from '@aws-sdk/client-codecommit';
import { CreatePipelineCommand, DeletePipelineCommand, StartPipelineExecutionCommand, UpdatePipelineCommand } from '@aws-sdk/client-codepipeline';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestEmulator } from '../helpers/emulator.js';
import { commitFile, git, initCheckout, tempDir } from '../helpers/git.js';
import { uniqueName } from '../helpers/pipelines.js';
import { localTestProviders, zipEntries } from '../helpers/test-provider.js';
import { artifactFile, codeCommitSource, executions, sourceActionOf, sourcePipeline, treeOf, untilExecutions } from './source-fixtures.js';

const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** Lists a zip's files (folders left out) with their content. */
function zipFiles(path: string): Record<string, string> {
  return Object.fromEntries(Object.entries(zipEntries(path)).filter(([name]) => !name.endsWith('/')));
}

describe('CodeCommit change detection', () => {
  const work = tempDir();
  const checkout = join(work, 'checkout');
  let firstCommit = '';
  // Registered before the emulator's hook, so the checkout exists when the emulator registers it.
  beforeAll(async () => {
    firstCommit = await initCheckout(checkout);
  });
  const emulator = useTestEmulator({ repositories: { app: checkout } }, { overrides: { providers: localTestProviders() } });
  const codecommit = () => emulator.env.client(CodeCommitClient);

  describe('when a registered checkout gets a commit', () => {
    const name = uniqueName('cc');

    it('runs the first execution on the head commit', async () => {
      await emulator.client.send(new CreatePipelineCommand({ pipeline: sourcePipeline(name, codeCommitSource('app', 'main', { PollForSourceChanges: 'false' })) }));
      const [first] = await untilExecutions(emulator.client, name, 1);
      expect(first.trigger?.triggerType).toBe('CreatePipeline');
      const action = await sourceActionOf(emulator.client, name, first.pipelineExecutionId!);
      expect(action.status).toBe('Succeeded');
      expect(action.output?.outputVariables?.CommitId).toBe(firstCommit);
    });

    it('starts a second execution on the new commit, with its variables and exactly its tree', async () => {
      const commitId = await commitFile(checkout, 'src/app.js', 'console.log("hi");\n', 'Add the app\n\nWith a body.');
      const [second] = await untilExecutions(emulator.client, name, 2);
      expect(second.trigger).toEqual({ triggerType: 'CloudWatchEvent', triggerDetail: expect.stringMatching(/^arn:aws:events:us-east-1:000000000000:rule\//) });
      expect(second.sourceRevisions?.[0]).toBeUndefined(); // filled in once the source action ran
      const action = await sourceActionOf(emulator.client, name, second.pipelineExecutionId!);
      expect(action.output?.outputVariables).toEqual({
        CommitId: commitId,
        CommitMessage: 'Add the app\n\nWith a body.',
        AuthorDate: expect.stringMatching(ISO_SECONDS),
        CommitterDate: expect.stringMatching(ISO_SECONDS),
        BranchName: 'main',
        RepositoryName: 'app',
      });
      expect(action.output?.executionResult).toMatchObject({ externalExecutionId: commitId, externalExecutionSummary: 'Add the app\n\nWith a body.' });
      expect(zipFiles(artifactFile(emulator.env.dataDir, action))).toEqual(await treeOf(checkout, commitId));
      const [latest] = await executions(emulator.client, name);
      expect(latest.sourceRevisions).toEqual([{ actionName: 'Source', revisionId: commitId, revisionSummary: 'Add the app\n\nWith a body.', revisionUrl: `${emulator.env.url}/console/repositories/app/commit/${commitId}` }]);
    });

    it('starts one execution for the newest head when several commits arrive at once', async () => {
      await git(checkout, 'checkout', '--quiet', '-b', 'side');
      await commitFile(checkout, 'a.txt', 'a\n', 'a');
      await commitFile(checkout, 'b.txt', 'b\n', 'b');
      const newest = await commitFile(checkout, 'c.txt', 'c\n', 'c');
      await git(checkout, 'checkout', '--quiet', 'main');
      await git(checkout, 'merge', '--quiet', '--ff-only', 'side');
      const [third] = await untilExecutions(emulator.client, name, 3);
      const action = await sourceActionOf(emulator.client, name, third.pipelineExecutionId!);
      expect(action.output?.outputVariables?.CommitId).toBe(newest);
      // A later commit starts the next execution: the three commits before it had started one in all.
      const marker = await commitFile(checkout, 'marker.txt', 'm\n', 'after the three');
      const [fourth, ...before] = await untilExecutions(emulator.client, name, 4);
      expect((await sourceActionOf(emulator.client, name, fourth.pipelineExecutionId!)).output?.outputVariables?.CommitId).toBe(marker);
      expect(before.map((e) => e.pipelineExecutionId)).toEqual([third.pipelineExecutionId, expect.any(String), expect.any(String)]);
    });

    it('ignores commits to other branches', async () => {
      await commitFile(checkout, 'd.txt', 'd\n', 'on main');
      await untilExecutions(emulator.client, name, 5);
      await git(checkout, 'checkout', '--quiet', 'side');
      await commitFile(checkout, 'e.txt', 'e\n', 'on side');
      await git(checkout, 'checkout', '--quiet', 'main');
      const marker = await commitFile(checkout, 'f.txt', 'f\n', 'on main again');
      const [sixth] = await untilExecutions(emulator.client, name, 6);
      expect((await sourceActionOf(emulator.client, name, sixth.pipelineExecutionId!)).output?.outputVariables?.CommitId).toBe(marker);
      expect(await executions(emulator.client, name)).toHaveLength(6);
    });
  });

  describe('when a pipeline is updated or deleted while watched', () => {
    it('follows the branch of the new version, and forgets what it saw when the pipeline is deleted', async () => {
      const name = uniqueName('upd');
      await emulator.client.send(new CreatePipelineCommand({ pipeline: sourcePipeline(name, codeCommitSource('app', 'main')) }));
      await untilExecutions(emulator.client, name, 1);
      await git(checkout, 'branch', '--force', 'release', 'main');
      await emulator.client.send(new UpdatePipelineCommand({ pipeline: sourcePipeline(name, codeCommitSource('app', 'release')) }));
      // An execution of the new version makes the detector follow it now, rather than at its next rescan.
      const { pipelineExecutionId: manual } = await emulator.client.send(new StartPipelineExecutionCommand({ name }));
      await sourceActionOf(emulator.client, name, manual!);
      await commitFile(checkout, 'main-only.txt', 'm\n', 'a commit the updated pipeline does not follow');
      await git(checkout, 'checkout', '--quiet', 'release');
      const onRelease = await commitFile(checkout, 'release.txt', 'r\n', 'a commit on release');
      await git(checkout, 'checkout', '--quiet', 'main');
      const [third] = await untilExecutions(emulator.client, name, 3);
      expect((await sourceActionOf(emulator.client, name, third.pipelineExecutionId!)).output?.outputVariables).toMatchObject({ CommitId: onRelease, BranchName: 'release' });
      expect(await executions(emulator.client, name)).toHaveLength(3);

      await emulator.client.send(new DeletePipelineCommand({ name }));
      await git(checkout, 'checkout', '--quiet', 'release');
      await commitFile(checkout, 'after-delete.txt', 'd\n', 'after the pipeline was deleted');
      await git(checkout, 'checkout', '--quiet', 'main');
      // Created again, it runs once (CreatePipeline), not also for the commit made while it did not exist:
      // the next commit on release starts the second execution, and nothing came between.
      await emulator.client.send(new CreatePipelineCommand({ pipeline: sourcePipeline(name, codeCommitSource('app', 'release')) }));
      const [created] = await untilExecutions(emulator.client, name, 1);
      await sourceActionOf(emulator.client, name, created.pipelineExecutionId!);
      await git(checkout, 'checkout', '--quiet', 'release');
      const marker = await commitFile(checkout, 'back.txt', 'b\n', 'a commit on release after the pipeline came back');
      await git(checkout, 'checkout', '--quiet', 'main');
      const [next, ...before] = await untilExecutions(emulator.client, name, 2);
      expect((await sourceActionOf(emulator.client, name, next.pipelineExecutionId!)).output?.outputVariables?.CommitId).toBe(marker);
      expect(before.map((e) => e.pipelineExecutionId)).toEqual([created.pipelineExecutionId]);
    });
  });

  describe('when a commit is pushed over HTTP to a repository made through the API', () => {
    const name = uniqueName('push');
    const repositoryName = uniqueName('pushed');

    it('starts an execution on the pushed commit, recorded as polling when PollForSourceChanges is left out', async () => {
      const meta = (await codecommit().send(new CreateRepositoryCommand({ repositoryName }))).repositoryMetadata!;
      const clone = join(work, repositoryName);
      await git(work, 'clone', '--quiet', meta.cloneUrlHttp!, repositoryName);
      await git(clone, 'checkout', '--quiet', '-b', 'main');
      await emulator.client.send(new CreatePipelineCommand({ pipeline: sourcePipeline(name, codeCommitSource(repositoryName)) }));
      const [first] = await untilExecutions(emulator.client, name, 1);
      expect((await sourceActionOf(emulator.client, name, first.pipelineExecutionId!)).status).toBe('Failed'); // no branch yet
      const commitId = await commitFile(clone, 'index.html', '<h1>hi</h1>\n', 'First page');
      await git(clone, 'push', '--quiet', 'origin', 'main');
      const [second] = await untilExecutions(emulator.client, name, 2);
      expect(second.trigger).toEqual({ triggerType: 'PollForSourceChanges', triggerDetail: 'Source' });
      const action = await sourceActionOf(emulator.client, name, second.pipelineExecutionId!);
      expect(action.output?.outputVariables?.CommitId).toBe(commitId);
      expect(zipFiles(artifactFile(emulator.env.dataDir, action))).toEqual({ 'index.html': '<h1>hi</h1>\n' });

      const next = await commitFile(clone, 'about.html', '<h1>about</h1>\n', 'Second page');
      await git(clone, 'push', '--quiet', 'origin', 'main');
      const [third] = await untilExecutions(emulator.client, name, 3);
      expect((await sourceActionOf(emulator.client, name, third.pipelineExecutionId!)).output?.outputVariables?.CommitId).toBe(next);
    });
  });
});
