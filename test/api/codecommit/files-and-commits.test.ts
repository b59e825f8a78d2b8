import {
  CodeCommitClient,
  CreateBranchCommand,
  CreateCommitCommand,
  CreateRepositoryCommand,
  DeleteFileCommand,
  GetBlobCommand,
  GetBranchCommand,
  GetFileCommand,
  GetFolderCommand,
  GetRepositoryCommand,
  PutFileCommand,
} from '@aws-sdk/client-codecommit';
import { CodePipelineClient, CreatePipelineCommand } from '@aws-sdk/client-codepipeline';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestEmulator } from '../../helpers/emulator.js';
import { errorOf } from '../../helpers/errors.js';
import { git, initCheckout, tempDir } from '../../helpers/git.js';
import { uniqueName } from '../../helpers/pipelines.js';
import { localTestProviders } from '../../helpers/test-provider.js';
import { codeCommitSource, sourceActionOf, sourcePipeline, untilExecutions } from '../../sources/source-fixtures.js';

const text = (value: string) => new TextEncoder().encode(value);

describe('CodeCommit files and commits through the API', () => {
  const work = tempDir();
  const checkout = join(work, 'checkout');
  // Made before the emulator's hook, so the checkout exists when the emulator registers it.
  beforeAll(async () => {
    await initCheckout(checkout);
  });
  const emulator = useTestEmulator({ repositories: { checkout } }, { client: CodeCommitClient, overrides: { providers: localTestProviders() } });
  const repositoryName = uniqueName('files');
  let cloneUrl = '';
  let first = '';
  // Sends a command built from deliberately wrong input, which the SDK's types would refuse.
  const send = (command: unknown) => emulator.client.send(command as never) as Promise<unknown>;
  const head = async (branchName = 'main') => (await emulator.client.send(new GetBranchCommand({ repositoryName, branchName }))).branch!.commitId!;

  /** Clones the repository afresh and returns the clone's folder. */
  async function clone(): Promise<string> {
    const dir = join(work, uniqueName('clone'));
    await git(work, 'clone', '--quiet', cloneUrl, dir);
    return dir;
  }

  beforeAll(async () => {
    cloneUrl = (await emulator.client.send(new CreateRepositoryCommand({ repositoryName }))).repositoryMetadata!.cloneUrlHttp!;
  });

  describe('PutFile', () => {
    it('makes the first commit of an empty repository, which git clone sees, and its branch the default', async () => {
      const out = await emulator.client.send(
        new PutFileCommand({ repositoryName, branchName: 'main', filePath: '/README.md', fileContent: text('# app\n'), commitMessage: 'Add a README', name: 'Ada', email: 'ada@example.com' }),
      );
      expect(out.commitId).toMatch(/^[0-9a-f]{40}$/);
      first = out.commitId!;
      const dir = await clone();
      expect((await git(dir, 'log', '--format=%H%x00%an%x00%ae%x00%B', '-1')).stdout).toBe(`${out.commitId}\0Ada\0ada@example.com\0Add a README\n`);
      expect((await git(dir, 'show', 'HEAD:README.md')).stdout).toBe('# app\n');
      expect((await git(dir, 'rev-parse', 'HEAD^{tree}', 'HEAD:README.md')).stdout.split('\n').slice(0, 2)).toEqual([out.treeId, out.blobId]);
      expect((await emulator.client.send(new GetRepositoryCommand({ repositoryName }))).repositoryMetadata!.defaultBranch).toBe('main');
    });

    it('adds an executable file on top of the head it is given', async () => {
      const parentCommitId = await head();
      const out = await emulator.client.send(new PutFileCommand({ repositoryName, branchName: 'main', filePath: 'bin/run.sh', fileContent: text('#!/bin/sh\n'), fileMode: 'EXECUTABLE', parentCommitId }));
      const dir = await clone();
      expect((await git(dir, 'rev-parse', 'HEAD^')).stdout.trim()).toBe(parentCommitId);
      expect((await git(dir, 'ls-tree', 'HEAD', 'bin/run.sh')).stdout).toBe(`100755 blob ${out.blobId}\tbin/run.sh\n`);
    });

    it.each([
      ['no parent once the branch exists', {}, 'ParentCommitIdRequiredException'],
      ['a parent that is not the tip', { parentCommitId: 'first' }, 'ParentCommitIdOutdatedException'],
      ['a parent that is no commit id', { parentCommitId: 'main' }, 'InvalidParentCommitIdException'],
      ['a parent that does not exist', { parentCommitId: 'f'.repeat(40) }, 'ParentCommitDoesNotExistException'],
      ['empty content', { fileContent: text(''), parentCommitId: 'head' }, 'FileContentRequiredException'],
      ['the same content', { filePath: 'README.md', fileContent: text('# app\n'), parentCommitId: 'head' }, 'SameFileContentException'],
      ['a file over a folder', { filePath: 'bin', parentCommitId: 'head' }, 'FileNameConflictsWithDirectoryNameException'],
      ['a folder over a file', { filePath: 'README.md/x', parentCommitId: 'head' }, 'DirectoryNameConflictsWithFileNameException'],
      ['a path leaving the tree', { filePath: 'a/../../x', parentCommitId: 'head' }, 'InvalidPathException'],
      ['no path', { filePath: undefined, parentCommitId: 'head' }, 'PathRequiredException'],
      ['an unknown mode', { fileMode: 'ODD', parentCommitId: 'head' }, 'InvalidFileModeException'],
      ['a branch of another name', { branchName: 'nope', parentCommitId: 'head' }, 'BranchDoesNotExistException'],
      ['content over 6 MB', { fileContent: new Uint8Array(6 * 1024 * 1024 + 1), parentCommitId: 'head' }, 'FileContentSizeLimitExceededException'],
    ])('refuses %s', async (_what, change: Record<string, unknown>, errorName) => {
      const tip = await head();
      const parentCommitId = change.parentCommitId === 'head' ? tip : change.parentCommitId === 'first' ? first : change.parentCommitId;
      const input = { repositoryName, branchName: 'main', filePath: 'new.txt', fileContent: text('new\n'), ...change, parentCommitId };
      expect((await errorOf(send(new PutFileCommand(input as never)))).name).toBe(errorName);
      expect(await head()).toBe(tip);
    });
  });

  describe('reading files', () => {
    it('GetFile returns a file at the default branch head and at a commit, with its mode and size', async () => {
      const out = await emulator.client.send(new GetFileCommand({ repositoryName, filePath: 'bin/run.sh' }));
      expect(out).toMatchObject({ commitId: await head(), filePath: 'bin/run.sh', fileMode: 'EXECUTABLE', fileSize: 10 });
      expect(new TextDecoder().decode(out.fileContent)).toBe('#!/bin/sh\n');
      expect((await errorOf(emulator.client.send(new GetFileCommand({ repositoryName, filePath: 'bin/run.sh', commitSpecifier: first })))).name).toBe('FileDoesNotExistException');
      expect((await emulator.client.send(new GetFileCommand({ repositoryName, filePath: 'README.md', commitSpecifier: 'refs/heads/main' }))).fileMode).toBe('NORMAL');
      expect((await errorOf(emulator.client.send(new GetFileCommand({ repositoryName, filePath: 'README.md', commitSpecifier: 'HEAD~1' })))).name).toBe('InvalidCommitException');
      expect((await errorOf(emulator.client.send(new GetFileCommand({ repositoryName, filePath: 'README.md', commitSpecifier: 'nope' })))).name).toBe('CommitDoesNotExistException');
    });

    it('GetFolder lists the root and a subfolder; GetBlob reads a blob', async () => {
      const root = await emulator.client.send(new GetFolderCommand({ repositoryName, folderPath: '/' }));
      expect(root.subFolders).toEqual([{ treeId: expect.any(String), absolutePath: 'bin', relativePath: 'bin' }]);
      expect(root.files).toEqual([{ blobId: expect.any(String), absolutePath: 'README.md', relativePath: 'README.md', fileMode: 'NORMAL' }]);
      const bin = await emulator.client.send(new GetFolderCommand({ repositoryName, folderPath: 'bin' }));
      expect(bin.treeId).toBe(root.subFolders![0].treeId);
      expect(bin.files).toEqual([{ blobId: expect.any(String), absolutePath: 'bin/run.sh', relativePath: 'run.sh', fileMode: 'EXECUTABLE' }]);
      expect((await errorOf(emulator.client.send(new GetFolderCommand({ repositoryName, folderPath: 'README.md' })))).name).toBe('FolderDoesNotExistException');
      const blob = await emulator.client.send(new GetBlobCommand({ repositoryName, blobId: root.files![0].blobId }));
      expect(new TextDecoder().decode(blob.content)).toBe('# app\n');
      expect((await errorOf(emulator.client.send(new GetBlobCommand({ repositoryName, blobId: bin.treeId })))).name).toBe('BlobIdDoesNotExistException');
      expect((await errorOf(emulator.client.send(new GetBlobCommand({ repositoryName, blobId: 'xyz' })))).name).toBe('InvalidBlobIdException');
    });
  });

  describe('CreateCommit', () => {
    it('puts, copies, moves, deletes and changes modes in one commit', async () => {
      const parentCommitId = await head();
      const out = await emulator.client.send(
        new CreateCommitCommand({
          repositoryName,
          branchName: 'main',
          parentCommitId,
          authorName: 'Grace',
          email: 'grace@example.com',
          commitMessage: 'Rearrange\n\nMany changes.',
          putFiles: [
            { filePath: 'src/a.js', fileContent: text('a\n') },
            { filePath: 'docs/README.md', sourceFile: { filePath: 'README.md', isMove: true } },
            { filePath: 'tools/run.sh', sourceFile: { filePath: 'bin/run.sh' } },
          ],
          setFileModes: [{ filePath: 'bin/run.sh', fileMode: 'NORMAL' }],
        }),
      );
      expect(out.filesAdded!.map((f) => f.absolutePath).sort()).toEqual(['docs/README.md', 'src/a.js', 'tools/run.sh']);
      expect(out.filesUpdated).toEqual([{ absolutePath: 'bin/run.sh', blobId: expect.any(String), fileMode: 'NORMAL' }]);
      expect(out.filesDeleted!.map((f) => f.absolutePath)).toEqual(['README.md']);
      const dir = await clone();
      expect((await git(dir, 'log', '-1', '--format=%an <%ae>%n%B')).stdout).toBe('Grace <grace@example.com>\nRearrange\n\nMany changes.\n');
      expect((await git(dir, 'ls-tree', '-r', '--format=%(objectmode) %(path)', 'HEAD')).stdout).toBe(
        '100644 bin/run.sh\n100644 docs/README.md\n100644 src/a.js\n100755 tools/run.sh\n',
      );
      expect((await git(dir, 'rev-parse', 'HEAD^{tree}')).stdout.trim()).toBe(out.treeId);
    });

    it.each([
      ['no changes at all', {}, 'FileEntryRequiredException'],
      ['a change that changes nothing', { putFiles: [{ filePath: 'src/a.js', fileContent: text('a\n') }] }, 'NoChangeException'],
      ['one path twice', { putFiles: [{ filePath: 'x', fileContent: text('1') }], deleteFiles: [{ filePath: 'x' }] }, 'SamePathRequestException'],
      ['a file and a folder of one name', { putFiles: [{ filePath: 'x', fileContent: text('1') }, { filePath: 'x/y', fileContent: text('2') }] }, 'PutFileEntryConflictException'],
      ['deleting a missing file', { deleteFiles: [{ filePath: 'missing.txt' }] }, 'FileDoesNotExistException'],
      ['content and a source', { putFiles: [{ filePath: 'x', fileContent: text('1'), sourceFile: { filePath: 'src/a.js' } }] }, 'FileContentAndSourceFileSpecifiedException'],
      ['neither content nor a source', { putFiles: [{ filePath: 'x' }] }, 'SourceFileOrContentRequiredException'],
      ['a mode without a mode', { setFileModes: [{ filePath: 'src/a.js' }] }, 'FileModeRequiredException'],
      ['more than 100 files', { deleteFiles: Array.from({ length: 101 }, (_, i) => ({ filePath: `f${i}` })) }, 'MaximumFileEntriesExceededException'],
    ])('refuses %s', async (_what, change: Record<string, unknown>, errorName) => {
      const tip = await head();
      expect((await errorOf(send(new CreateCommitCommand({ repositoryName, branchName: 'main', parentCommitId: tip, ...change } as never))))).toMatchObject({ name: errorName });
      expect(await head()).toBe(tip);
    });
  });

  describe('DeleteFile', () => {
    it('removes a file and keeps the emptied folder with a .gitkeep when asked', async () => {
      const out = await emulator.client.send(new DeleteFileCommand({ repositoryName, branchName: 'main', filePath: 'src/a.js', parentCommitId: await head(), keepEmptyFolders: true }));
      expect(out.filePath).toBe('src/a.js');
      const dir = await clone();
      expect((await git(dir, 'ls-tree', '-r', '--name-only', 'HEAD', 'src')).stdout).toBe('src/.gitkeep\n');
      expect((await git(dir, 'rev-parse', 'HEAD^:src/a.js')).stdout.trim()).toBe(out.blobId);
      expect((await errorOf(emulator.client.send(new DeleteFileCommand({ repositoryName, branchName: 'main', filePath: 'src/a.js', parentCommitId: await head() })))).name).toBe('FileDoesNotExistException');
    });
  });

  describe('a registered checkout', () => {
    it('keeps the branch checked out in its working tree for git there, and takes commits on its other branches', async () => {
      const tip = (await git(checkout, 'rev-parse', 'HEAD')).stdout.trim();
      const put = { repositoryName: 'checkout', filePath: 'api.txt', fileContent: text('api\n'), parentCommitId: tip };
      const refused = await errorOf(emulator.client.send(new PutFileCommand({ ...put, branchName: 'main' })));
      expect(refused).toMatchObject({ name: 'InvalidBranchNameException', message: expect.stringContaining('checked out') });
      expect((await git(checkout, 'rev-parse', 'HEAD')).stdout.trim()).toBe(tip);
      await emulator.client.send(new CreateBranchCommand({ repositoryName: 'checkout', branchName: 'side', commitId: tip }));
      const out = await emulator.client.send(new PutFileCommand({ ...put, branchName: 'side' }));
      expect((await git(checkout, 'show', `side:api.txt`)).stdout).toBe('api\n');
      expect((await git(checkout, 'rev-parse', 'side')).stdout.trim()).toBe(out.commitId);
    });
  });

  describe('pipelines', () => {
    it('start on a commit made through the API, exactly as for a push', async () => {
      const pipelines = emulator.env.client(CodePipelineClient);
      const name = uniqueName('api-commit');
      await pipelines.send(new CreatePipelineCommand({ pipeline: sourcePipeline(name, codeCommitSource(repositoryName, 'main', { PollForSourceChanges: 'false' })) }));
      await untilExecutions(pipelines, name, 1);
      const out = await emulator.client.send(new PutFileCommand({ repositoryName, branchName: 'main', filePath: 'CHANGELOG.md', fileContent: text('v2\n'), parentCommitId: await head() }));
      const [second] = await untilExecutions(pipelines, name, 2);
      expect((await sourceActionOf(pipelines, name, second.pipelineExecutionId!)).output?.outputVariables?.CommitId).toBe(out.commitId);
    });
  });
});
