import {
  CodeCommitClient,
  CreateRepositoryCommand,
  DeleteRepositoryCommand,
  GetRepositoryCommand,
  ListRepositoriesCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateRepositoryDescriptionCommand,
} from '@aws-sdk/client-codecommit';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/shared/index.js';
import { TEST_ACCOUNT, useTestEmulator } from '../../helpers/emulator.js';
import { errorOf } from '../../helpers/errors.js';
import { uniqueName } from '../../helpers/pipelines.js';

const INVALID_NAME_MESSAGE =
  'The repository name is not valid. Repository names can be any valid combination of letters, numbers, periods, underscores, and dashes between 1 and 100 characters in length. Names are case sensitive. For more information, see Limits in the AWS CodeCommit User Guide. ';

describe('CodeCommit repositories API', () => {
  // Timestamps come from this clock: they stand still until a test moves it.
  const clock = new ManualClock();
  const emulator = useTestEmulator({}, { client: CodeCommitClient, overrides: { clock } });
  const otherAccount = () => emulator.env.client(CodeCommitClient, 'eu-west-1', '111122223333');

  describe('CreateRepository', () => {
    it('creates an empty bare repository and answers its metadata', async () => {
      const name = uniqueName('repo');
      const out = await emulator.client.send(new CreateRepositoryCommand({ repositoryName: name, repositoryDescription: 'The web app', tags: { team: 'web' } }));
      const meta = out.repositoryMetadata!;
      expect(meta).toMatchObject({
        accountId: TEST_ACCOUNT,
        repositoryName: name,
        repositoryDescription: 'The web app',
        cloneUrlHttp: `${emulator.env.url}/v1/repos/${name}`,
        cloneUrlSsh: `ssh://git-codecommit.us-east-1.amazonaws.com/v1/repos/${name}`,
        Arn: `arn:aws:codecommit:us-east-1:${TEST_ACCOUNT}:${name}`,
      });
      expect(meta.repositoryId).toMatch(/^[0-9a-f-]{36}$/);
      expect(meta.defaultBranch).toBeUndefined();
      expect(meta.creationDate).toBeInstanceOf(Date);
      expect(meta.creationDate).toEqual(new Date(clock.now()));
      expect(meta.lastModifiedDate).toEqual(meta.creationDate);
      expect(existsSync(join(emulator.env.dataDir, 'git', TEST_ACCOUNT, 'us-east-1', `${name}.git`, 'HEAD'))).toBe(true);
    });

    it('records the KMS key it is given and answers it in the metadata', async () => {
      const repositoryName = uniqueName('repo');
      const kmsKeyId = 'arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab';
      expect((await emulator.client.send(new CreateRepositoryCommand({ repositoryName, kmsKeyId }))).repositoryMetadata!.kmsKeyId).toBe(kmsKeyId);
      expect((await emulator.client.send(new GetRepositoryCommand({ repositoryName }))).repositoryMetadata!.kmsKeyId).toBe(kmsKeyId);
      expect((await errorOf(emulator.client.send(new CreateRepositoryCommand({ repositoryName: uniqueName('repo'), kmsKeyId: 'not a key!' })))).name).toBe('EncryptionKeyInvalidIdException');
    });

    it('gives a repository of another account or region a clone URL naming both', async () => {
      const name = uniqueName('repo');
      const out = await otherAccount().send(new CreateRepositoryCommand({ repositoryName: name }));
      expect(out.repositoryMetadata).toMatchObject({
        accountId: '111122223333',
        cloneUrlHttp: `${emulator.env.url}/v1/repos/111122223333/eu-west-1/${name}`,
        Arn: `arn:aws:codecommit:eu-west-1:111122223333:${name}`,
      });
      expect((await errorOf(emulator.client.send(new GetRepositoryCommand({ repositoryName: name })))).name).toBe('RepositoryDoesNotExistException');
    });

    it('answers RepositoryNameExistsException for a name in use', async () => {
      const name = uniqueName('repo');
      await emulator.client.send(new CreateRepositoryCommand({ repositoryName: name }));
      const error = await errorOf(emulator.client.send(new CreateRepositoryCommand({ repositoryName: name })));
      expect(error).toEqual({ name: 'RepositoryNameExistsException', message: `Repository named ${name} already exists`, status: 400 });
    });

    it.each(['bad/name', 'app.git', '..', 'a'.repeat(101), 'has space', '--upload-pack=touch'])('answers InvalidRepositoryNameException for %j', async (repositoryName) => {
      const error = await errorOf(emulator.client.send(new CreateRepositoryCommand({ repositoryName })));
      expect(error).toEqual({ name: 'InvalidRepositoryNameException', message: INVALID_NAME_MESSAGE, status: 400 });
    });

    it('answers RepositoryNameRequiredException without a name', async () => {
      const error = await errorOf(emulator.client.send(new CreateRepositoryCommand({ repositoryName: '' })));
      expect(error).toMatchObject({ name: 'RepositoryNameRequiredException', message: 'A repository name is required, but was not specified.' });
    });

    it('answers InvalidRepositoryDescriptionException for a description over 1000 characters', async () => {
      const error = await errorOf(emulator.client.send(new CreateRepositoryCommand({ repositoryName: uniqueName('repo'), repositoryDescription: 'x'.repeat(1001) })));
      expect(error.name).toBe('InvalidRepositoryDescriptionException');
    });
  });

  describe('GetRepository', () => {
    it('answers RepositoryDoesNotExistException naming the repository', async () => {
      const error = await errorOf(emulator.client.send(new GetRepositoryCommand({ repositoryName: 'nowhere' })));
      expect(error).toEqual({ name: 'RepositoryDoesNotExistException', message: 'nowhere does not exist', status: 400 });
    });

    it('answers InvalidRepositoryNameException before looking a name up', async () => {
      expect((await errorOf(emulator.client.send(new GetRepositoryCommand({ repositoryName: '../x' })))).name).toBe('InvalidRepositoryNameException');
    });
  });

  describe('ListRepositories', () => {
    it('lists names and ids sorted by name, either way', async () => {
      const names = ['list-b', 'list-a', 'list-c'];
      for (const repositoryName of names) await otherAccount().send(new CreateRepositoryCommand({ repositoryName }));
      const ascending = await otherAccount().send(new ListRepositoriesCommand({}));
      const listed = ascending.repositories!.map((r) => r.repositoryName).filter((n) => n!.startsWith('list-'));
      expect(listed).toEqual(['list-a', 'list-b', 'list-c']);
      expect(ascending.repositories!.every((r) => /^[0-9a-f-]{36}$/.test(r.repositoryId!))).toBe(true);
      const descending = await otherAccount().send(new ListRepositoriesCommand({ sortBy: 'repositoryName', order: 'descending' }));
      expect(descending.repositories!.map((r) => r.repositoryName).filter((n) => n!.startsWith('list-'))).toEqual(['list-c', 'list-b', 'list-a']);
    });

    it('sorts by last modification', async () => {
      const [first, second] = [uniqueName('mod'), uniqueName('mod')];
      await emulator.client.send(new CreateRepositoryCommand({ repositoryName: first }));
      await emulator.client.send(new CreateRepositoryCommand({ repositoryName: second }));
      clock.advance(1000);
      await emulator.client.send(new UpdateRepositoryDescriptionCommand({ repositoryName: first, repositoryDescription: 'touched' }));
      const out = await emulator.client.send(new ListRepositoriesCommand({ sortBy: 'lastModifiedDate', order: 'descending' }));
      expect(out.repositories![0].repositoryName).toBe(first);
    });

    it('answers InvalidSortByException, InvalidOrderException and InvalidContinuationTokenException', async () => {
      expect((await errorOf(emulator.client.send(new ListRepositoriesCommand({ sortBy: 'size' as never })))).name).toBe('InvalidSortByException');
      expect((await errorOf(emulator.client.send(new ListRepositoriesCommand({ order: 'up' as never })))).name).toBe('InvalidOrderException');
      expect((await errorOf(emulator.client.send(new ListRepositoriesCommand({ nextToken: 'bogus' })))).name).toBe('InvalidContinuationTokenException');
    });
  });

  describe('UpdateRepositoryDescription', () => {
    it('sets and clears the description and moves lastModifiedDate', async () => {
      const name = uniqueName('repo');
      const created = (await emulator.client.send(new CreateRepositoryCommand({ repositoryName: name }))).repositoryMetadata!;
      clock.advance(1000);
      await emulator.client.send(new UpdateRepositoryDescriptionCommand({ repositoryName: name, repositoryDescription: 'New words' }));
      const updated = (await emulator.client.send(new GetRepositoryCommand({ repositoryName: name }))).repositoryMetadata!;
      expect(updated.repositoryDescription).toBe('New words');
      expect(updated.lastModifiedDate!.getTime()).toBeGreaterThan(created.lastModifiedDate!.getTime());
      await emulator.client.send(new UpdateRepositoryDescriptionCommand({ repositoryName: name }));
      expect((await emulator.client.send(new GetRepositoryCommand({ repositoryName: name }))).repositoryMetadata!.repositoryDescription).toBeUndefined();
    });

    it('answers RepositoryDoesNotExistException for a missing repository', async () => {
      const error = await errorOf(emulator.client.send(new UpdateRepositoryDescriptionCommand({ repositoryName: 'ghost', repositoryDescription: 'x' })));
      expect(error).toMatchObject({ name: 'RepositoryDoesNotExistException', message: 'ghost does not exist' });
    });
  });

  describe('DeleteRepository', () => {
    it('deletes the repository and its folder and answers its id', async () => {
      const name = uniqueName('repo');
      const created = (await emulator.client.send(new CreateRepositoryCommand({ repositoryName: name }))).repositoryMetadata!;
      const out = await emulator.client.send(new DeleteRepositoryCommand({ repositoryName: name }));
      expect(out.repositoryId).toBe(created.repositoryId);
      expect(existsSync(join(emulator.env.dataDir, 'git', TEST_ACCOUNT, 'us-east-1', `${name}.git`))).toBe(false);
      expect((await errorOf(emulator.client.send(new GetRepositoryCommand({ repositoryName: name })))).name).toBe('RepositoryDoesNotExistException');
      const again = await emulator.client.send(new CreateRepositoryCommand({ repositoryName: name }));
      expect(again.repositoryMetadata!.repositoryId).not.toBe(created.repositoryId);
    });

    it('answers an empty result for a repository that does not exist, as AWS does', async () => {
      const out = await emulator.client.send(new DeleteRepositoryCommand({ repositoryName: 'never-was' }));
      expect(out.repositoryId).toBeUndefined();
    });

    it('answers InvalidRepositoryNameException for an invalid name', async () => {
      expect((await errorOf(emulator.client.send(new DeleteRepositoryCommand({ repositoryName: 'a/../b' })))).name).toBe('InvalidRepositoryNameException');
    });
  });

  describe('tags', () => {
    it('keeps the tags given at creation, adds, overwrites and removes them, and drops them with the repository', async () => {
      const name = uniqueName('repo');
      const arn = (await emulator.client.send(new CreateRepositoryCommand({ repositoryName: name, tags: { team: 'web', env: 'dev' } }))).repositoryMetadata!.Arn!;
      expect((await emulator.client.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual({ env: 'dev', team: 'web' });
      await emulator.client.send(new TagResourceCommand({ resourceArn: arn, tags: { env: 'prod', cost: '42' } }));
      await emulator.client.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['team', 'unknown'] }));
      expect((await emulator.client.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual({ cost: '42', env: 'prod' });
      await emulator.client.send(new DeleteRepositoryCommand({ repositoryName: name }));
      await emulator.client.send(new CreateRepositoryCommand({ repositoryName: name }));
      expect((await emulator.client.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual({});
    });

    it('answers TooManyTagsException beyond 50 tags', async () => {
      const tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
      expect((await errorOf(emulator.client.send(new CreateRepositoryCommand({ repositoryName: uniqueName('repo'), tags })))).name).toBe('TooManyTagsException');
    });

    it('answers InvalidResourceArnException, and RepositoryDoesNotExistException for an ARN of another account', async () => {
      expect((await errorOf(emulator.client.send(new ListTagsForResourceCommand({ resourceArn: 'arn:aws:s3:::bucket' })))).name).toBe('InvalidResourceArnException');
      const elsewhere = `arn:aws:codecommit:us-east-1:111122223333:${uniqueName('repo')}`;
      expect((await errorOf(emulator.client.send(new ListTagsForResourceCommand({ resourceArn: elsewhere })))).name).toBe('RepositoryDoesNotExistException');
    });
  });
});
