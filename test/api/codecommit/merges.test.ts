import {
  BatchDescribeMergeConflictsCommand,
  CodeCommitClient,
  CreateBranchCommand,
  CreateRepositoryCommand,
  CreateUnreferencedMergeCommitCommand,
  DescribeMergeConflictsCommand,
  GetBranchCommand,
  GetMergeCommitCommand,
  GetMergeConflictsCommand,
  GetMergeOptionsCommand,
  MergeBranchesByFastForwardCommand,
  MergeBranchesBySquashCommand,
  MergeBranchesByThreeWayCommand,
} from '@aws-sdk/client-codecommit';
import { chmodSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestEmulator } from '../../helpers/emulator.js';
import { errorOf } from '../../helpers/errors.js';
import { commitFile, git, gitResult, tempDir } from '../../helpers/git.js';
import { uniqueName } from '../../helpers/pipelines.js';
import { aws } from '../protocol/tiny/aws-cli.js';

const LINES = '1\n2\n3\n4\n5\n';
const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('CodeCommit merges', () => {
  const emulator = useTestEmulator({}, { client: CodeCommitClient });
  const work = tempDir();
  const repositoryName = uniqueName('merges');
  const clone = join(work, 'clone');
  const ids: Record<string, string> = {};

  /** Makes a branch of `name` from `from`, commits one file on it, and returns the commit. */
  async function branchWith(name: string, from: string, path: string, content: string): Promise<string> {
    await git(clone, 'checkout', '--quiet', '-b', name, from);
    return commitFile(clone, path, content, `${name}: ${path}`);
  }

  /** A new target branch at a commit, so each merge starts from the same place. */
  async function branchAt(commitId: string): Promise<string> {
    const branchName = uniqueName('target');
    await emulator.client.send(new CreateBranchCommand({ repositoryName, branchName, commitId }));
    return branchName;
  }

  const head = async (branchName: string) => (await emulator.client.send(new GetBranchCommand({ repositoryName, branchName }))).branch!.commitId!;
  /** Fetches every branch into the clone, so git can look at what the API made. */
  const fetch = () => git(clone, 'fetch', '--quiet', 'origin', '+refs/heads/*:refs/remotes/origin/*');

  // The base has f.txt; `dest` changes its line 2, `lines` its line 4 (another line), `conflict` its line 2 too,
  // `other` adds a file, and `ahead` adds a file on top of the base (a fast-forward of the base).
  beforeAll(async () => {
    const url = (await emulator.client.send(new CreateRepositoryCommand({ repositoryName }))).repositoryMetadata!.cloneUrlHttp!;
    await git(work, 'clone', '--quiet', url, clone);
    await git(clone, 'checkout', '--quiet', '-b', 'main');
    ids.base = await commitFile(clone, 'f.txt', LINES, 'base');
    ids.dest = await branchWith('dest', ids.base, 'f.txt', LINES.replace('2', 'A'));
    ids.lines = await branchWith('lines', ids.base, 'f.txt', LINES.replace('4', 'D'));
    ids.conflict = await branchWith('conflict', ids.base, 'f.txt', LINES.replace('2', 'B'));
    ids.other = await branchWith('other', ids.base, 'other.txt', 'other\n');
    ids.ahead = await branchWith('ahead', ids.base, 'new.txt', 'new\n');
    await git(clone, 'push', '--quiet', 'origin', 'main', 'dest', 'lines', 'conflict', 'other', 'ahead');
  });

  describe('GetMergeOptions', () => {
    it.each([
      ['a fast-forward', 'main', 'ahead', {}, ['FAST_FORWARD_MERGE', 'SQUASH_MERGE', 'THREE_WAY_MERGE']],
      ['a clean merge', 'dest', 'other', {}, ['SQUASH_MERGE', 'THREE_WAY_MERGE']],
      ['one file changed on both sides, at file level', 'dest', 'lines', {}, []],
      ['one file changed on both sides, at line level', 'dest', 'lines', { conflictDetailLevel: 'LINE_LEVEL' }, ['SQUASH_MERGE', 'THREE_WAY_MERGE']],
      ['a line conflict settled by a strategy', 'dest', 'conflict', { conflictResolutionStrategy: 'ACCEPT_SOURCE' }, ['SQUASH_MERGE', 'THREE_WAY_MERGE']],
    ])('offers the options of %s', async (_what, destinationCommitSpecifier, sourceCommitSpecifier, extra, expected) => {
      const out = await emulator.client.send(new GetMergeOptionsCommand({ repositoryName, destinationCommitSpecifier, sourceCommitSpecifier, ...extra } as never));
      expect(out.mergeOptions).toEqual(expected);
      expect(out).toMatchObject({ baseCommitId: ids.base, sourceCommitId: ids[sourceCommitSpecifier === 'ahead' ? 'ahead' : sourceCommitSpecifier] });
    });
  });

  describe('MergeBranchesBy*', () => {
    it('fast-forwards a branch to the source, and refuses when it cannot', async () => {
      const target = await branchAt(ids.base);
      const out = await emulator.client.send(new MergeBranchesByFastForwardCommand({ repositoryName, sourceCommitSpecifier: 'ahead', destinationCommitSpecifier: target }));
      expect(out.commitId).toBe(ids.ahead);
      expect(await head(target)).toBe(ids.ahead);
      const refused = await errorOf(emulator.client.send(new MergeBranchesByFastForwardCommand({ repositoryName, sourceCommitSpecifier: 'other', destinationCommitSpecifier: 'dest' })));
      expect(refused.name).toBe('ManualMergeRequiredException');
      expect(await head('dest')).toBe(ids.dest);
    });

    it('makes a three-way merge commit with both parents and the files of both', async () => {
      const target = await branchAt(ids.dest);
      const out = await emulator.client.send(
        new MergeBranchesByThreeWayCommand({ repositoryName, sourceCommitSpecifier: 'other', destinationCommitSpecifier: target, authorName: 'Merger', email: 'm@example.com', commitMessage: 'Merge other' }),
      );
      await fetch();
      expect((await git(clone, 'log', '-1', '--format=%P%n%an%n%B', `origin/${target}`)).stdout).toBe(`${ids.dest} ${ids.other}\nMerger\nMerge other\n`);
      expect((await git(clone, 'rev-parse', `origin/${target}`, `origin/${target}^{tree}`)).stdout.trim().split('\n')).toEqual([out.commitId, out.treeId]);
      expect((await git(clone, 'show', `${out.commitId}:f.txt`)).stdout).toBe(LINES.replace('2', 'A'));
      expect((await git(clone, 'show', `${out.commitId}:other.txt`)).stdout).toBe('other\n');
      const merged = await emulator.client.send(new GetMergeCommitCommand({ repositoryName, sourceCommitSpecifier: 'other', destinationCommitSpecifier: target }));
      expect(merged).toMatchObject({ mergedCommitId: out.commitId, baseCommitId: ids.other, sourceCommitId: ids.other, destinationCommitId: out.commitId });
    });

    it('squashes lines changed apart into one commit at line level, and refuses them at file level', async () => {
      const target = await branchAt(ids.dest);
      const input = { repositoryName, sourceCommitSpecifier: 'lines', destinationCommitSpecifier: target };
      expect((await errorOf(emulator.client.send(new MergeBranchesBySquashCommand(input)))).name).toBe('ManualMergeRequiredException');
      const out = await emulator.client.send(new MergeBranchesBySquashCommand({ ...input, conflictDetailLevel: 'LINE_LEVEL' }));
      await fetch();
      expect((await git(clone, 'log', '-1', '--format=%P', `origin/${target}`)).stdout.trim()).toBe(ids.dest);
      expect((await git(clone, 'show', `${out.commitId}:f.txt`)).stdout).toBe('1\nA\n3\nD\n5\n');
    });

    it('settles a line conflict by strategy or by resolution entries, and only then', async () => {
      const input = { repositoryName, sourceCommitSpecifier: 'conflict', destinationCommitSpecifier: 'dest' };
      for (const conflictResolutionStrategy of [undefined, 'AUTOMERGE'] as const) {
        const refused = await errorOf(emulator.client.send(new CreateUnreferencedMergeCommitCommand({ ...input, mergeOption: 'THREE_WAY_MERGE', conflictResolutionStrategy })));
        expect(refused.name).toBe('ManualMergeRequiredException');
      }
      const fileOf = async (commitId: string) => (await git(clone, 'show', `${commitId}:f.txt`)).stdout;
      const source = await emulator.client.send(new CreateUnreferencedMergeCommitCommand({ ...input, mergeOption: 'SQUASH_MERGE', conflictResolutionStrategy: 'ACCEPT_SOURCE' }));
      const resolved = await emulator.client.send(
        new CreateUnreferencedMergeCommitCommand({
          ...input,
          mergeOption: 'THREE_WAY_MERGE',
          conflictResolution: { replaceContents: [{ filePath: 'f.txt', replacementType: 'USE_NEW_CONTENT', content: new TextEncoder().encode('both A and B\n') }] },
        }),
      );
      const kept = await emulator.client.send(
        new CreateUnreferencedMergeCommitCommand({ ...input, mergeOption: 'SQUASH_MERGE', conflictResolution: { replaceContents: [{ filePath: 'f.txt', replacementType: 'KEEP_BASE' }] } }),
      );
      // Unreferenced: no branch points at them, but they are in the repository for git to fetch by id.
      await git(clone, 'fetch', '--quiet', 'origin', source.commitId!, resolved.commitId!, kept.commitId!);
      expect(await fileOf(source.commitId!)).toBe(LINES.replace('2', 'B'));
      expect(await fileOf(resolved.commitId!)).toBe('both A and B\n');
      expect(await fileOf(kept.commitId!)).toBe(LINES);
      expect((await git(clone, 'log', '-1', '--format=%P', resolved.commitId!)).stdout.trim()).toBe(`${ids.dest} ${ids.conflict}`);
      expect((await git(clone, 'branch', '-r', '--contains', resolved.commitId!)).stdout).toBe('');
      expect(await head('dest')).toBe(ids.dest);
    });

    it.each([
      ['no merge option', { mergeOption: undefined }, 'MergeOptionRequiredException'],
      ['an unknown merge option', { mergeOption: 'OCTOPUS' }, 'InvalidMergeOptionException'],
      ['an unknown detail level', { conflictDetailLevel: 'WORD_LEVEL' }, 'InvalidConflictDetailLevelException'],
      ['an unknown strategy', { conflictResolutionStrategy: 'GUESS' }, 'InvalidConflictResolutionStrategyException'],
      ['no source', { sourceCommitSpecifier: undefined }, 'CommitRequiredException'],
      ['a resolution of a file in no conflict', { conflictResolution: { deleteFiles: [{ filePath: 'other.txt' }] } }, 'InvalidConflictResolutionException'],
      ['one file resolved twice', { conflictResolution: { replaceContents: [{ filePath: 'f.txt', replacementType: 'KEEP_BASE' }], deleteFiles: [{ filePath: 'f.txt' }] } }, 'MultipleConflictResolutionEntriesException'],
      ['new content without content', { conflictResolution: { replaceContents: [{ filePath: 'f.txt', replacementType: 'USE_NEW_CONTENT' }] } }, 'ReplacementContentRequiredException'],
    ])('refuses %s', async (_what, change, errorName) => {
      const input = { repositoryName, sourceCommitSpecifier: 'conflict', destinationCommitSpecifier: 'dest', mergeOption: 'THREE_WAY_MERGE', ...change };
      expect((await errorOf(emulator.client.send(new CreateUnreferencedMergeCommitCommand(input as never)))).name).toBe(errorName);
    });

    it('refuses a target that is no branch', async () => {
      const input = { repositoryName, sourceCommitSpecifier: 'other', destinationCommitSpecifier: ids.dest };
      expect((await errorOf(emulator.client.send(new MergeBranchesByThreeWayCommand(input)))).name).toBe('InvalidTargetBranchException');
      expect((await errorOf(emulator.client.send(new MergeBranchesByThreeWayCommand({ ...input, targetBranch: 'nope' })))).name).toBe('BranchDoesNotExistException');
    });
  });

  describe('conflicts', () => {
    it('GetMergeConflicts, DescribeMergeConflicts and BatchDescribeMergeConflicts describe a line conflict', async () => {
      const input = { repositoryName, sourceCommitSpecifier: 'conflict', destinationCommitSpecifier: 'dest', mergeOption: 'THREE_WAY_MERGE' as const };
      const listed = await emulator.client.send(new GetMergeConflictsCommand(input));
      expect(listed).toMatchObject({ mergeable: false, baseCommitId: ids.base, sourceCommitId: ids.conflict, destinationCommitId: ids.dest });
      const expectedMetadata = {
        filePath: 'f.txt',
        fileSizes: { source: 10, destination: 10, base: 10 },
        fileModes: { source: 'NORMAL', destination: 'NORMAL', base: 'NORMAL' },
        objectTypes: { source: 'FILE', destination: 'FILE', base: 'FILE' },
        contentConflict: true,
        fileModeConflict: false,
        mergeOperations: { source: 'M', destination: 'M' },
      };
      expect(listed.conflictMetadataList).toEqual([expect.objectContaining(expectedMetadata)]);
      const described = await emulator.client.send(new DescribeMergeConflictsCommand({ ...input, filePath: 'f.txt' }));
      expect(described.conflictMetadata).toMatchObject(expectedMetadata);
      expect(described.mergeHunks![0]).toMatchObject({ isConflict: true, source: { hunkContent: b64(LINES.replace('2', 'B')) }, destination: { hunkContent: b64(LINES.replace('2', 'A')) }, base: { startLine: 0, endLine: 5 } });
      const batch = await emulator.client.send(new BatchDescribeMergeConflictsCommand(input));
      expect(batch.conflicts!.map((c) => c.conflictMetadata!.filePath)).toEqual(['f.txt']);
      expect((await errorOf(emulator.client.send(new DescribeMergeConflictsCommand({ ...input, filePath: 'other.txt' })))).name).toBe('FileDoesNotExistException');
      const clean = await emulator.client.send(new GetMergeConflictsCommand({ ...input, sourceCommitSpecifier: 'other' }));
      expect(clean).toMatchObject({ mergeable: true, conflictMetadataList: [] });
    });
  });

  describe('whole-file conflicts', () => {
    // From the base: `added-a` and `added-b` add one path with different content, `gone` deletes f.txt while `dest`
    // changes it, and `exec` makes f.txt executable while `link` turns it into a symbolic link.
    beforeAll(async () => {
      await branchWith('added-a', ids.base, 'both.txt', 'a\n');
      await branchWith('added-b', ids.base, 'both.txt', 'b\nb\n');
      await git(clone, 'checkout', '--quiet', '-b', 'gone', ids.base);
      await git(clone, 'rm', '--quiet', 'f.txt');
      await git(clone, 'commit', '--quiet', '-m', 'gone');
      await git(clone, 'checkout', '--quiet', '-b', 'exec', ids.base);
      chmodSync(join(clone, 'f.txt'), 0o755);
      await git(clone, 'commit', '--quiet', '-am', 'exec');
      await git(clone, 'checkout', '--quiet', '-b', 'link', ids.base);
      rmSync(join(clone, 'f.txt'));
      symlinkSync('other.txt', join(clone, 'f.txt'));
      await git(clone, 'add', 'f.txt');
      await git(clone, 'commit', '--quiet', '-m', 'link');
      await git(clone, 'push', '--quiet', 'origin', 'added-a', 'added-b', 'gone', 'exec', 'link');
    });

    const describeOne = (sourceCommitSpecifier: string, destinationCommitSpecifier: string, filePath: string) =>
      emulator.client.send(new DescribeMergeConflictsCommand({ repositoryName, sourceCommitSpecifier, destinationCommitSpecifier, mergeOption: 'THREE_WAY_MERGE', filePath }));

    it('describes a file added on both sides as a content conflict of two additions', async () => {
      const out = await describeOne('added-a', 'added-b', 'both.txt');
      expect(out.conflictMetadata).toMatchObject({ contentConflict: true, fileModeConflict: false, objectTypeConflict: false, numberOfConflicts: 1, mergeOperations: { source: 'A', destination: 'A' } });
      expect(out.conflictMetadata!.fileSizes).toEqual({ source: 2, destination: 4 });
      expect(out.mergeHunks).toEqual([{ isConflict: true, source: { startLine: 0, endLine: 1, hunkContent: b64('a\n') }, destination: { startLine: 0, endLine: 2, hunkContent: b64('b\nb\n') } }]);
    });

    it('describes a file deleted on one side and changed on the other, the deleted side without a part', async () => {
      const out = await describeOne('gone', 'dest', 'f.txt');
      expect(out.conflictMetadata).toMatchObject({ contentConflict: true, mergeOperations: { source: 'D', destination: 'M' }, objectTypes: { destination: 'FILE', base: 'FILE' } });
      expect(out.mergeHunks).toEqual([{ isConflict: true, destination: { startLine: 0, endLine: 5, hunkContent: b64(LINES.replace('2', 'A')) }, base: { startLine: 0, endLine: 5, hunkContent: b64(LINES) } }]);
      const listed = await emulator.client.send(new GetMergeConflictsCommand({ repositoryName, sourceCommitSpecifier: 'dest', destinationCommitSpecifier: 'gone', mergeOption: 'SQUASH_MERGE' }));
      expect(listed).toMatchObject({ mergeable: false, conflictMetadataList: [expect.objectContaining({ filePath: 'f.txt', mergeOperations: { source: 'M', destination: 'D' } })] });
    });

    it('tells a mode change or a type change apart from a content conflict', async () => {
      const modeOnly = await describeOne('exec', 'dest', 'f.txt');
      // One side changed the mode and the other the lines: both changed the file, but neither conflicts with the other.
      expect(modeOnly.conflictMetadata).toMatchObject({ contentConflict: false, fileModeConflict: false, objectTypeConflict: false, numberOfConflicts: 1, fileModes: { source: 'EXECUTABLE', destination: 'NORMAL', base: 'NORMAL' } });
      expect(modeOnly.mergeHunks).toEqual([expect.objectContaining({ isConflict: false })]);
      const modes = await describeOne('link', 'exec', 'f.txt');
      expect(modes.conflictMetadata).toMatchObject({ contentConflict: false, fileModeConflict: true, objectTypeConflict: false, numberOfConflicts: 1, fileModes: { source: 'SYMLINK', destination: 'EXECUTABLE' } });
      const typed = await describeOne('link', 'dest', 'f.txt');
      expect(typed.conflictMetadata).toMatchObject({ contentConflict: true, fileModeConflict: false, objectTypes: { source: 'SYMBOLIC_LINK', destination: 'FILE', base: 'FILE' } });
      expect(typed.mergeHunks![0]).toMatchObject({ isConflict: true, source: { startLine: 0, endLine: 1, hunkContent: b64('other.txt') } });
    });
  });

  describe('through the AWS CLI', () => {
    it('merge-branches-by-three-way merges as git sees it', async () => {
      const target = await branchAt(ids.dest);
      const run = await aws(emulator.env.url, ['codecommit', 'merge-branches-by-three-way', '--repository-name', repositoryName, '--source-commit-specifier', 'other', '--destination-commit-specifier', target]);
      expect(run.code, run.stderr).toBe(0);
      await fetch();
      expect((await git(clone, 'rev-parse', `origin/${target}`)).stdout.trim()).toBe(run.json.commitId);
      expect((await gitResult(clone, 'merge-base', '--is-ancestor', ids.other, `origin/${target}`)).code).toBe(0);
    });
  });
});
