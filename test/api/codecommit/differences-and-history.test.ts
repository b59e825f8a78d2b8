import {
  BatchGetCommitsCommand,
  BatchGetRepositoriesCommand,
  CodeCommitClient,
  CreateRepositoryCommand,
  GetDifferencesCommand,
  GetRepositoryCommand,
  GetRepositoryTriggersCommand,
  PutRepositoryTriggersCommand,
  TestRepositoryTriggersCommand,
  ListTagsForResourceCommand,
  PutFileCommand,
  UpdateRepositoryEncryptionKeyCommand,
  UpdateRepositoryNameCommand,
  ListFileCommitHistoryCommand,
  UpdateDefaultBranchCommand,
  type Difference,
} from '@aws-sdk/client-codecommit';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestEmulator } from '../../helpers/emulator.js';
import { errorOf } from '../../helpers/errors.js';
import { commitFile, git, tempDir } from '../../helpers/git.js';
import { uniqueName } from '../../helpers/pipelines.js';
import { aws } from '../protocol/tiny/aws-cli.js';

/** Git's own view of a diff, in GetDifferences' terms: `<changeType> <before path> <after path>`, sorted. */
async function gitDiff(dir: string, before: string, after: string, ...paths: string[]): Promise<string[]> {
  const out = (await git(dir, 'diff', '--raw', '--no-renames', '--no-abbrev', '-z', before, after, '--', ...paths)).stdout.split('\0');
  const lines: string[] = [];
  for (let i = 0; i + 1 < out.length; i += 2) {
    const status = out[i].split(' ').pop()!;
    lines.push(`${status} ${status === 'A' ? '' : out[i + 1]} ${status === 'D' ? '' : out[i + 1]}`);
  }
  return lines.sort();
}

function described(differences: Difference[]): string[] {
  return differences.map((d) => `${d.changeType} ${d.beforeBlob?.path ?? ''} ${d.afterBlob?.path ?? ''}`).sort();
}

describe('CodeCommit differences, history, batches and the default branch', () => {
  const emulator = useTestEmulator({}, { client: CodeCommitClient });
  const work = tempDir();
  const repositoryName = uniqueName('diffs');
  const clone = join(work, 'clone');
  const commits: string[] = [];

  // Four commits pushed to main: files added, one changed, one deleted, a folder renamed; and a branch `dev`.
  beforeAll(async () => {
    const url = (await emulator.client.send(new CreateRepositoryCommand({ repositoryName }))).repositoryMetadata!.cloneUrlHttp!;
    await git(work, 'clone', '--quiet', url, clone);
    await git(clone, 'checkout', '--quiet', '-b', 'main');
    commits.push(await commitFile(clone, 'README.md', 'one\n', 'first'));
    await commitFile(clone, 'lib/a.js', 'a\n', 'add a');
    commits.push(await commitFile(clone, 'lib/b.js', 'b\n', 'add b'));
    await git(clone, 'rm', '--quiet', 'lib/a.js');
    commits.push(await commitFile(clone, 'README.md', 'two\n', 'change the README, drop a'));
    await git(clone, 'mv', 'lib', 'src');
    commits.push(await commitFile(clone, 'src/c.js', 'c\n', 'lib becomes src'));
    await git(clone, 'push', '--quiet', 'origin', 'main', `${commits[1]}:refs/heads/dev`);
  });

  describe('GetDifferences', () => {
    it('lists what git diff lists between two commits', async () => {
      const out = await emulator.client.send(new GetDifferencesCommand({ repositoryName, beforeCommitSpecifier: commits[1], afterCommitSpecifier: 'main' }));
      expect(described(out.differences!)).toEqual(await gitDiff(clone, commits[1], commits[3]));
      const changed = out.differences!.find((d) => d.afterBlob?.path === 'README.md')!;
      expect(changed).toMatchObject({ changeType: 'M', beforeBlob: { mode: '100644', path: 'README.md' }, afterBlob: { mode: '100644' } });
      expect(changed.afterBlob!.blobId).toBe((await git(clone, 'rev-parse', `${commits[3]}:README.md`)).stdout.trim());
    });

    it('lists every file as added without a before commit, and pages', async () => {
      const all = await emulator.client.send(new GetDifferencesCommand({ repositoryName, afterCommitSpecifier: commits[1] }));
      expect(described(all.differences!)).toEqual(['A  README.md', 'A  lib/a.js', 'A  lib/b.js']);
      const seen: Difference[] = [];
      let NextToken: string | undefined;
      do {
        const page = await emulator.client.send(new GetDifferencesCommand({ repositoryName, afterCommitSpecifier: commits[1], MaxResults: 2, NextToken }));
        expect(page.differences!.length).toBeLessThanOrEqual(2);
        seen.push(...page.differences!);
        NextToken = page.NextToken;
      } while (NextToken);
      expect(described(seen)).toEqual(described(all.differences!));
    });

    it('keeps to a path, and follows a renamed folder', async () => {
      const inLib = await emulator.client.send(new GetDifferencesCommand({ repositoryName, beforeCommitSpecifier: commits[0], afterCommitSpecifier: commits[2], afterPath: 'lib' }));
      expect(described(inLib.differences!)).toEqual(await gitDiff(clone, commits[0], commits[2], 'lib'));
      const renamed = await emulator.client.send(new GetDifferencesCommand({ repositoryName, beforeCommitSpecifier: commits[2], afterCommitSpecifier: commits[3], beforePath: 'lib', afterPath: 'src' }));
      expect(described(renamed.differences!)).toEqual(['A  src/c.js']);
    });

    it.each([
      ['no after commit', { afterCommitSpecifier: undefined }, 'CommitRequiredException'],
      ['an after commit that is no name', { afterCommitSpecifier: 'main~1' }, 'InvalidCommitException'],
      ['an unknown before commit', { beforeCommitSpecifier: 'f'.repeat(40) }, 'CommitDoesNotExistException'],
      ['a path in neither commit', { afterPath: 'nope' }, 'PathDoesNotExistException'],
      ['a page of no results', { MaxResults: 0 }, 'InvalidMaxResultsException'],
      ['a token it never gave', { NextToken: 'junk' }, 'InvalidContinuationTokenException'],
    ])('refuses %s', async (_what, change, errorName) => {
      const input = { repositoryName, afterCommitSpecifier: 'main', ...change };
      expect((await errorOf(emulator.client.send(new GetDifferencesCommand(input as never)))).name).toBe(errorName);
    });
  });

  describe('ListFileCommitHistory', () => {
    it('lists the commits that changed a file, newest first, linked as git links them', async () => {
      const out = await emulator.client.send(new ListFileCommitHistoryCommand({ repositoryName, filePath: 'README.md' }));
      const logged = (await git(clone, 'log', '--format=%H', 'main', '--', 'README.md')).stdout.trim().split('\n');
      expect(out.revisionDag!.map((v) => v.commit!.commitId)).toEqual(logged);
      expect(out.revisionDag![0]).toMatchObject({ path: 'README.md', revisionChildren: [], commit: { parents: [commits[0]], message: 'change the README, drop a\n' } });
      expect(out.revisionDag![1]).toMatchObject({ revisionChildren: [commits[2]], blobId: (await git(clone, 'rev-parse', `${commits[0]}:README.md`)).stdout.trim() });
      const paged = await emulator.client.send(new ListFileCommitHistoryCommand({ repositoryName, filePath: 'README.md', maxResults: 1 }));
      expect(paged.revisionDag).toHaveLength(1);
      const rest = await emulator.client.send(new ListFileCommitHistoryCommand({ repositoryName, filePath: 'README.md', nextToken: paged.nextToken }));
      expect(rest.revisionDag!.map((v) => v.commit!.commitId)).toEqual(logged.slice(1));
    });
  });

  describe('BatchGetCommits', () => {
    it('returns the commits it finds and an error for each id it does not', async () => {
      const missing = 'a'.repeat(40);
      const out = await emulator.client.send(new BatchGetCommitsCommand({ repositoryName, commitIds: [commits[0], missing, commits[3], 'not-an-id'] }));
      expect(out.commits!.map((c) => c.commitId)).toEqual([commits[0], commits[3]]);
      expect(out.commits![1]).toMatchObject({ parents: [(await git(clone, 'rev-parse', `${commits[3]}^`)).stdout.trim()], message: 'lib becomes src\n', author: { name: 'Ada Lovelace' } });
      expect(out.errors).toEqual([
        { commitId: missing, errorCode: 'CommitIdDoesNotExistException', errorMessage: expect.any(String) },
        { commitId: 'not-an-id', errorCode: 'InvalidCommitIdException', errorMessage: expect.any(String) },
      ]);
      expect((await errorOf(emulator.client.send(new BatchGetCommitsCommand({ repositoryName, commitIds: [] })))).name).toBe('CommitIdsListRequiredException');
      const tooMany = Array.from({ length: 101 }, () => commits[0]);
      expect((await errorOf(emulator.client.send(new BatchGetCommitsCommand({ repositoryName, commitIds: tooMany })))).name).toBe('CommitIdsLimitExceededException');
    });
  });

  describe('repositories', () => {
    it('BatchGetRepositories returns those found and names the rest', async () => {
      const out = await emulator.client.send(new BatchGetRepositoriesCommand({ repositoryNames: [repositoryName, 'no-such-repo'] }));
      expect(out.repositories!.map((r) => r.repositoryName)).toEqual([repositoryName]);
      expect(out.repositoriesNotFound).toEqual(['no-such-repo']);
      expect((await errorOf(emulator.client.send(new BatchGetRepositoriesCommand({ repositoryNames: [] })))).name).toBe('RepositoryNamesRequiredException');
      expect((await errorOf(emulator.client.send(new BatchGetRepositoriesCommand({ repositoryNames: ['../x'] })))).name).toBe('InvalidRepositoryNameException');
    });

    it('UpdateDefaultBranch makes clones check out the new default branch', async () => {
      await emulator.client.send(new UpdateDefaultBranchCommand({ repositoryName, defaultBranchName: 'dev' }));
      expect((await emulator.client.send(new GetRepositoryCommand({ repositoryName }))).repositoryMetadata!.defaultBranch).toBe('dev');
      const fresh = join(work, 'fresh');
      await git(work, 'clone', '--quiet', (await emulator.client.send(new GetRepositoryCommand({ repositoryName }))).repositoryMetadata!.cloneUrlHttp!, fresh);
      expect((await git(fresh, 'rev-parse', '--abbrev-ref', 'HEAD')).stdout.trim()).toBe('dev');
      rmSync(fresh, { recursive: true, force: true });
      expect((await errorOf(emulator.client.send(new UpdateDefaultBranchCommand({ repositoryName, defaultBranchName: 'nope' })))).name).toBe('BranchDoesNotExistException');
      await emulator.client.send(new UpdateDefaultBranchCommand({ repositoryName, defaultBranchName: 'main' }));
    });
  });

  describe('repository triggers', () => {
    const topic = 'arn:aws:sns:us-east-1:000000000000:pushes';
    it('records the triggers put, checks them, and says a test cannot reach a topic that does not exist', async () => {
      const triggers = [{ name: 'on-push', destinationArn: topic, customData: 'x', branches: ['main'], events: ['updateReference' as const] }];
      const { configurationId } = await emulator.client.send(new PutRepositoryTriggersCommand({ repositoryName, triggers }));
      expect(await emulator.client.send(new GetRepositoryTriggersCommand({ repositoryName }))).toMatchObject({ configurationId, triggers });
      const tested = await emulator.client.send(new TestRepositoryTriggersCommand({ repositoryName, triggers }));
      expect(tested).toMatchObject({ successfulExecutions: [], failedExecutions: [{ trigger: 'on-push', failureMessage: `The SNS topic ${topic} does not exist` }] });
    });

    it.each([
      ['no list', { triggers: undefined }, 'RepositoryTriggersListRequiredException'],
      ['eleven triggers', { triggers: Array.from({ length: 11 }, (_, i) => ({ name: `t${i}`, destinationArn: topic, events: ['all'] })) }, 'MaximumRepositoryTriggersExceededException'],
      ['a trigger without a name', { triggers: [{ destinationArn: topic, events: ['all'] }] }, 'RepositoryTriggerNameRequiredException'],
      ['an ARN of no SNS topic or Lambda function', { triggers: [{ name: 't', destinationArn: 'arn:aws:s3:::bucket', events: ['all'] }] }, 'InvalidRepositoryTriggerDestinationArnException'],
      ['a topic of another region', { triggers: [{ name: 't', destinationArn: topic.replace('us-east-1', 'eu-west-1'), events: ['all'] }] }, 'InvalidRepositoryTriggerRegionException'],
      ['no events', { triggers: [{ name: 't', destinationArn: topic, events: [] }] }, 'RepositoryTriggerEventsListRequiredException'],
      ['an unknown event', { triggers: [{ name: 't', destinationArn: topic, events: ['push'] }] }, 'InvalidRepositoryTriggerEventsException'],
      ['a bad branch name', { triggers: [{ name: 't', destinationArn: topic, events: ['all'], branches: ['a..b'] }] }, 'InvalidRepositoryTriggerBranchNameException'],
    ])('refuses %s', async (_what, change, errorName) => {
      expect((await errorOf(emulator.client.send(new PutRepositoryTriggersCommand({ repositoryName, ...change } as never)))).name).toBe(errorName);
    });
  });

  describe('UpdateRepositoryEncryptionKey', () => {
    it('records the key, shows it in the metadata, and answers with the key it replaces', async () => {
      const first = await emulator.client.send(new UpdateRepositoryEncryptionKeyCommand({ repositoryName, kmsKeyId: 'alias/my-key' }));
      expect(first).toMatchObject({ kmsKeyId: 'alias/my-key', originalKmsKeyId: 'alias/aws/codecommit' });
      expect(first.repositoryId).toBe((await emulator.client.send(new GetRepositoryCommand({ repositoryName }))).repositoryMetadata!.repositoryId);
      const arn = 'arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab';
      expect((await emulator.client.send(new UpdateRepositoryEncryptionKeyCommand({ repositoryName, kmsKeyId: arn }))).originalKmsKeyId).toBe('alias/my-key');
      expect((await emulator.client.send(new GetRepositoryCommand({ repositoryName }))).repositoryMetadata!.kmsKeyId).toBe(arn);
      expect((await errorOf(emulator.client.send(new UpdateRepositoryEncryptionKeyCommand({ repositoryName, kmsKeyId: '' })))).name).toBe('EncryptionKeyRequiredException');
      expect((await errorOf(emulator.client.send(new UpdateRepositoryEncryptionKeyCommand({ repositoryName, kmsKeyId: 'not a key!' })))).name).toBe('EncryptionKeyInvalidIdException');
    });
  });

  describe('UpdateRepositoryName', () => {
    it('moves the repository, its commits and its tags to the new name', async () => {
      const oldName = uniqueName('before');
      const newName = uniqueName('after');
      await emulator.client.send(new CreateRepositoryCommand({ repositoryName: oldName, tags: { team: 'a' } }));
      const put = await emulator.client.send(new PutFileCommand({ repositoryName: oldName, branchName: 'main', filePath: 'f.txt', fileContent: new TextEncoder().encode('f\n') }));
      await emulator.client.send(new UpdateRepositoryNameCommand({ oldName, newName }));
      expect((await errorOf(emulator.client.send(new GetRepositoryCommand({ repositoryName: oldName })))).name).toBe('RepositoryDoesNotExistException');
      const meta = (await emulator.client.send(new GetRepositoryCommand({ repositoryName: newName }))).repositoryMetadata!;
      expect(meta).toMatchObject({ repositoryName: newName, defaultBranch: 'main', Arn: expect.stringMatching(new RegExp(`:${newName}$`)) });
      expect((await emulator.client.send(new ListTagsForResourceCommand({ resourceArn: meta.Arn }))).tags).toEqual({ team: 'a' });
      const renamed = join(work, 'renamed');
      await git(work, 'clone', '--quiet', meta.cloneUrlHttp!, renamed);
      expect((await git(renamed, 'rev-parse', 'HEAD')).stdout.trim()).toBe(put.commitId);
      expect((await errorOf(emulator.client.send(new UpdateRepositoryNameCommand({ oldName: newName, newName: repositoryName })))).name).toBe('RepositoryNameExistsException');
      expect((await errorOf(emulator.client.send(new UpdateRepositoryNameCommand({ oldName, newName: uniqueName('x') })))).name).toBe('RepositoryDoesNotExistException');
      expect((await errorOf(emulator.client.send(new UpdateRepositoryNameCommand({ oldName: newName, newName: 'bad/name' })))).name).toBe('InvalidRepositoryNameException');
    });
  });

  describe('through the AWS CLI', () => {
    it('put-file, get-file and get-differences answer as the SDK does, and errors by their names', async () => {
      const cli = (...args: string[]) => aws(emulator.env.url, ['codecommit', ...args]);
      const put = await cli('put-file', '--repository-name', repositoryName, '--branch-name', 'main', '--file-path', 'notes.txt', '--file-content', 'from the CLI', '--parent-commit-id', commits[3], '--commit-message', 'CLI commit');
      expect(put.code, put.stderr).toBe(0);
      await git(clone, 'pull', '--quiet', '--ff-only', 'origin', 'main');
      expect((await git(clone, 'show', `${put.json.commitId}:notes.txt`)).stdout).toBe('from the CLI');
      const file = await cli('get-file', '--repository-name', repositoryName, '--file-path', 'notes.txt');
      expect(file.json).toMatchObject({ commitId: put.json.commitId, blobId: put.json.blobId, fileMode: 'NORMAL', fileSize: 12 });
      expect(Buffer.from(file.json.fileContent, 'base64').toString()).toBe('from the CLI');
      const diff = await cli('get-differences', '--repository-name', repositoryName, '--before-commit-specifier', commits[3], '--after-commit-specifier', put.json.commitId);
      expect(described(diff.json.differences)).toEqual(['A  notes.txt']);
      const refused = await cli('put-file', '--repository-name', repositoryName, '--branch-name', 'main', '--file-path', 'x', '--file-content', 'x', '--parent-commit-id', commits[3]);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain('ParentCommitIdOutdatedException');
    });
  });
});
