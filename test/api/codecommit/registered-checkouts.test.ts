import { CodeCommitClient, CreateRepositoryCommand, DeleteRepositoryCommand, GetBranchCommand, GetCommitCommand, GetRepositoryCommand, ListRepositoriesCommand } from '@aws-sdk/client-codecommit';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshDataDir, startTestEmulator, useTestEmulator, type TestEmulator } from '../../helpers/emulator.js';
import { errorOf } from '../../helpers/errors.js';
import { commitFile, git, gitResult, initCheckout, tempDir } from '../../helpers/git.js';

/** Calls a CodeCommit operation through the server without a network client. */
async function call(env: TestEmulator, operation: string, input: object): Promise<Record<string, any>> {
  const headers = { 'x-amz-target': `CodeCommit_20150413.${operation}`, 'content-type': 'application/x-amz-json-1.1' };
  return (await env.emulator.app.inject({ method: 'POST', url: '/', headers, payload: JSON.stringify(input) })).json();
}

describe('registered checkouts', () => {
  const work = tempDir();
  const checkout = join(work, 'my-app');
  const bare = join(work, 'shared.git');
  let initial = '';

  beforeAll(async () => {
    initial = await initCheckout(checkout, 'trunk');
    await git(work, 'init', '--quiet', '--bare', bare);
    await git(checkout, 'push', '--quiet', bare, 'trunk:develop');
  });

  describe('when the emulator starts with --repo entries', () => {
    const emulator = useTestEmulator({ repositories: { 'my-app': checkout, shared: bare } }, { client: CodeCommitClient });

    it('lists them like any repository', async () => {
      const out = await emulator.client.send(new ListRepositoriesCommand({}));
      expect(out.repositories!.map((r) => r.repositoryName)).toEqual(['my-app', 'shared']);
    });

    it('describes a checkout with the branch checked out in it as default branch', async () => {
      const meta = (await emulator.client.send(new GetRepositoryCommand({ repositoryName: 'my-app' }))).repositoryMetadata!;
      expect(meta).toMatchObject({ repositoryName: 'my-app', defaultBranch: 'trunk', cloneUrlHttp: `${emulator.env.url}/v1/repos/my-app` });
    });

    it('sees a local commit at once, without copying the checkout', async () => {
      const commitId = await commitFile(checkout, 'notes.txt', 'local work\n', 'Local commit');
      expect((await emulator.client.send(new GetBranchCommand({ repositoryName: 'my-app', branchName: 'trunk' }))).branch?.commitId).toBe(commitId);
      expect((await emulator.client.send(new GetCommitCommand({ repositoryName: 'my-app', commitId }))).commit?.parents).toEqual([initial]);
      expect(existsSync(join(emulator.env.dataDir, 'git', '000000000000', 'us-east-1', 'my-app.git'))).toBe(false);
    });

    it('serves the checkout and the bare repository over HTTP', async () => {
      await git(work, 'clone', '--quiet', `${emulator.env.url}/v1/repos/my-app`, 'cloned-app');
      expect(readFileSync(join(work, 'cloned-app', 'notes.txt'), 'utf8')).toBe('local work\n');
      await git(work, 'clone', '--quiet', '--branch', 'develop', `${emulator.env.url}/v1/repos/shared`, 'cloned-shared');
      expect((await git(join(work, 'cloned-shared'), 'rev-parse', 'HEAD')).stdout.trim()).toBe(initial);
    });

    it('lets git refuse a push to the branch checked out in the checkout, and accept one to another branch', async () => {
      const clone = join(work, 'cloned-app');
      await commitFile(clone, 'pushed.txt', 'x\n', 'From a clone');
      const refused = await gitResult(clone, 'push', 'origin', 'HEAD:trunk');
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(/refusing to update checked out branch/);
      await git(clone, 'push', '--quiet', 'origin', 'HEAD:feature');
      expect((await git(checkout, 'branch', '--list', 'feature')).stdout).toContain('feature');
    });

    it('refuses a repository by the same name through the API', async () => {
      expect((await errorOf(emulator.client.send(new CreateRepositoryCommand({ repositoryName: 'my-app' })))).name).toBe('RepositoryNameExistsException');
    });

    it('unregisters on DeleteRepository, leaving the files on disk', async () => {
      const out = await emulator.client.send(new DeleteRepositoryCommand({ repositoryName: 'shared' }));
      expect(out.repositoryId).toMatch(/^[0-9a-f-]{36}$/);
      expect(existsSync(join(bare, 'HEAD'))).toBe(true);
      expect((await errorOf(emulator.client.send(new GetRepositoryCommand({ repositoryName: 'shared' })))).name).toBe('RepositoryDoesNotExistException');
    });
  });

  describe('when the emulator restarts', () => {
    it('keeps the repository id of a registration and drops registrations no longer configured', async () => {
      const dataDir = freshDataDir();
      const first = await startTestEmulator({ dataDir, repositories: { 'my-app': checkout, shared: bare } });
      const id = (await call(first, 'GetRepository', { repositoryName: 'my-app' })).repositoryMetadata.repositoryId;
      await first.close();
      const second = await startTestEmulator({ dataDir, repositories: { 'my-app': checkout } });
      try {
        expect((await call(second, 'ListRepositories', {})).repositories).toEqual([{ repositoryName: 'my-app', repositoryId: id }]);
      } finally {
        await second.close();
      }
    });
  });

  describe('when a registration is wrong', () => {
    it.each([
      ['a missing folder', () => join(work, 'missing'), /does not exist/],
      ['a folder that is not a repository', () => (mkdirSync(join(work, 'plain'), { recursive: true }), join(work, 'plain')), /is not a git repository/],
      ['a folder inside a checkout', () => (mkdirSync(join(checkout, 'sub'), { recursive: true }), join(checkout, 'sub')), /inside the git working tree/],
    ])('stops the start-up for %s, naming the flag and variable', async (_what, path, reason) => {
      const attempt = startTestEmulator({ repositories: { broken: path() } });
      await expect(attempt).rejects.toThrow(/Invalid repository registration broken=.* \(--repo or CODEPIPELINE_LOCAL_REPOS\)/);
      await expect(attempt).rejects.toThrow(reason);
    });

    it('stops the start-up when the name belongs to a repository created through the API', async () => {
      const dataDir = freshDataDir();
      const first = await startTestEmulator({ dataDir });
      await call(first, 'CreateRepository', { repositoryName: 'taken' });
      await first.close();
      await expect(startTestEmulator({ dataDir, repositories: { taken: checkout } })).rejects.toThrow(/a repository named taken was created through the CodeCommit API/);
    });
  });
});
