import {
  CodeCommitClient,
  CreateBranchCommand,
  CreateRepositoryCommand,
  DeleteBranchCommand,
  GetBranchCommand,
  GetCommitCommand,
  GetRepositoryCommand,
  ListBranchesCommand,
} from '@aws-sdk/client-codecommit';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestEmulator } from '../../helpers/emulator.js';
import { errorOf } from '../../helpers/errors.js';
import { commitFile, git, tempDir } from '../../helpers/git.js';
import { uniqueName } from '../../helpers/pipelines.js';

describe('CodeCommit branches and commits API', () => {
  const emulator = useTestEmulator({}, { client: CodeCommitClient });
  const work = tempDir();
  const repositoryName = uniqueName('branches');
  let first = '';
  let second = '';

  // One repository, cloned over HTTP, with two commits pushed to main and one branch pushed beside it.
  beforeAll(async () => {
    const meta = (await emulator.client.send(new CreateRepositoryCommand({ repositoryName }))).repositoryMetadata!;
    await git(work, 'clone', '--quiet', meta.cloneUrlHttp!, 'clone');
    const clone = join(work, 'clone');
    await git(clone, 'checkout', '--quiet', '-b', 'main');
    first = await commitFile(clone, 'README.md', '# app\n', 'Initial commit');
    second = await commitFile(clone, 'src/index.js', 'console.log(1);\n', 'Add the entry point\n\nWith a body.');
    await git(clone, 'push', '--quiet', 'origin', 'main');
    await git(clone, 'push', '--quiet', 'origin', `${first}:refs/heads/feature/old`);
  });

  describe('after a push', () => {
    it('makes the first branch pushed the default branch', async () => {
      const meta = (await emulator.client.send(new GetRepositoryCommand({ repositoryName }))).repositoryMetadata!;
      expect(meta.defaultBranch).toBe('main');
    });

    it('lists the branches', async () => {
      const out = await emulator.client.send(new ListBranchesCommand({ repositoryName }));
      expect(out.branches).toEqual(['feature/old', 'main']);
      expect(out.nextToken).toBeUndefined();
    });

    it('reads a branch head', async () => {
      const out = await emulator.client.send(new GetBranchCommand({ repositoryName, branchName: 'main' }));
      expect(out.branch).toEqual({ branchName: 'main', commitId: second });
    });

    it('reads a commit in CodeCommit’s format', async () => {
      const { commit } = await emulator.client.send(new GetCommitCommand({ repositoryName, commitId: second }));
      expect(commit).toMatchObject({
        commitId: second,
        parents: [first],
        message: 'Add the entry point\n\nWith a body.\n',
        author: { name: 'Ada Lovelace', email: 'ada@example.com' },
        committer: { name: 'Charles Babbage', email: 'charles@example.com' },
        additionalData: '',
      });
      expect(commit!.treeId).toMatch(/^[0-9a-f]{40}$/);
      expect(commit!.author!.date).toMatch(/^\d{10} [+-]\d{4}$/);
    });
  });

  describe('GetBranch errors', () => {
    it('answers BranchDoesNotExistException for a missing branch', async () => {
      expect((await errorOf(emulator.client.send(new GetBranchCommand({ repositoryName, branchName: 'nope' })))).name).toBe('BranchDoesNotExistException');
    });

    it.each(['../../HEAD', '-x', 'a..b', 'refs/heads/../../config'])('answers InvalidBranchNameException for %j', async (branchName) => {
      const error = await errorOf(emulator.client.send(new GetBranchCommand({ repositoryName, branchName })));
      expect(error).toMatchObject({ name: 'InvalidBranchNameException', message: 'The specified reference name is not valid.' });
    });

    it('answers BranchNameRequiredException and RepositoryNameRequiredException for missing names', async () => {
      expect((await errorOf(emulator.client.send(new GetBranchCommand({ repositoryName })))).name).toBe('BranchNameRequiredException');
      expect((await errorOf(emulator.client.send(new GetBranchCommand({ branchName: 'main' })))).name).toBe('RepositoryNameRequiredException');
    });

    it('answers RepositoryDoesNotExistException for a missing repository', async () => {
      expect((await errorOf(emulator.client.send(new GetBranchCommand({ repositoryName: 'ghost', branchName: 'main' })))).name).toBe('RepositoryDoesNotExistException');
    });
  });

  describe('CreateBranch and DeleteBranch', () => {
    it('creates a branch at a commit and deletes it, answering the commit it pointed at', async () => {
      await emulator.client.send(new CreateBranchCommand({ repositoryName, branchName: 'release/1.0', commitId: first }));
      expect((await emulator.client.send(new GetBranchCommand({ repositoryName, branchName: 'release/1.0' }))).branch?.commitId).toBe(first);
      const out = await emulator.client.send(new DeleteBranchCommand({ repositoryName, branchName: 'release/1.0' }));
      expect(out.deletedBranch).toEqual({ branchName: 'release/1.0', commitId: first });
      expect((await errorOf(emulator.client.send(new GetBranchCommand({ repositoryName, branchName: 'release/1.0' })))).name).toBe('BranchDoesNotExistException');
    });

    it('answers BranchNameExistsException for a branch that exists', async () => {
      expect((await errorOf(emulator.client.send(new CreateBranchCommand({ repositoryName, branchName: 'main', commitId: first })))).name).toBe('BranchNameExistsException');
    });

    it('answers CommitDoesNotExistException for an unknown commit, and for an object that is not a commit', async () => {
      const missing = 'f'.repeat(40);
      expect((await errorOf(emulator.client.send(new CreateBranchCommand({ repositoryName, branchName: 'x', commitId: missing })))).name).toBe('CommitDoesNotExistException');
      const { commit } = await emulator.client.send(new GetCommitCommand({ repositoryName, commitId: first }));
      expect((await errorOf(emulator.client.send(new CreateBranchCommand({ repositoryName, branchName: 'x', commitId: commit!.treeId })))).name).toBe('CommitDoesNotExistException');
    });

    it.each(['HEAD', 'main', 'abc1234', '--all', `${'a'.repeat(40)}^`, 'A'.repeat(40)])('answers InvalidCommitIdException for %j', async (commitId) => {
      expect((await errorOf(emulator.client.send(new CreateBranchCommand({ repositoryName, branchName: 'x', commitId })))).name).toBe('InvalidCommitIdException');
    });

    it('answers CommitIdRequiredException without a commit id', async () => {
      expect((await errorOf(emulator.client.send(new CreateBranchCommand({ repositoryName, branchName: 'x', commitId: '' })))).name).toBe('CommitIdRequiredException');
    });

    it('answers InvalidBranchNameException for a name git refuses', async () => {
      expect((await errorOf(emulator.client.send(new CreateBranchCommand({ repositoryName, branchName: 'bad..name', commitId: first })))).name).toBe('InvalidBranchNameException');
    });

    it('refuses to delete the default branch', async () => {
      const error = await errorOf(emulator.client.send(new DeleteBranchCommand({ repositoryName, branchName: 'main' })));
      expect(error.name).toBe('DefaultBranchCannotBeDeletedException');
      expect((await emulator.client.send(new GetBranchCommand({ repositoryName, branchName: 'main' }))).branch?.commitId).toBe(second);
    });

    it('answers an empty result for deleting a branch that does not exist', async () => {
      const out = await emulator.client.send(new DeleteBranchCommand({ repositoryName, branchName: 'never-was' }));
      expect(out.deletedBranch).toBeUndefined();
    });
  });

  describe('GetCommit errors', () => {
    it('answers CommitIdDoesNotExistException for an unknown commit', async () => {
      expect((await errorOf(emulator.client.send(new GetCommitCommand({ repositoryName, commitId: '0'.repeat(40) })))).name).toBe('CommitIdDoesNotExistException');
    });

    it('answers InvalidCommitIdException for anything but a full commit id', async () => {
      expect((await errorOf(emulator.client.send(new GetCommitCommand({ repositoryName, commitId: 'main' })))).name).toBe('InvalidCommitIdException');
    });

    it('answers CommitIdRequiredException and RepositoryDoesNotExistException', async () => {
      expect((await errorOf(emulator.client.send(new GetCommitCommand({ repositoryName, commitId: '' })))).name).toBe('CommitIdRequiredException');
      expect((await errorOf(emulator.client.send(new GetCommitCommand({ repositoryName: 'ghost', commitId: first })))).name).toBe('RepositoryDoesNotExistException');
    });
  });

  describe('ListBranches errors', () => {
    it('answers RepositoryDoesNotExistException and InvalidContinuationTokenException', async () => {
      expect((await errorOf(emulator.client.send(new ListBranchesCommand({ repositoryName: 'ghost' })))).name).toBe('RepositoryDoesNotExistException');
      expect((await errorOf(emulator.client.send(new ListBranchesCommand({ repositoryName, nextToken: 'bogus' })))).name).toBe('InvalidContinuationTokenException');
    });
  });
});
