import {
  BatchGetApplicationRevisionsCommand,
  CodeDeployClient,
  CreateApplicationCommand,
  CreateDeploymentCommand,
  CreateDeploymentGroupCommand,
  DeleteApplicationCommand,
  GetApplicationRevisionCommand,
  ListApplicationRevisionsCommand,
  RegisterApplicationRevisionCommand,
  type RevisionLocation,
} from '@aws-sdk/client-codedeploy';
import { CreateBucketCommand, PutBucketVersioningCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestEmulator } from '../../helpers/emulator.js';
import { errorOf } from '../../helpers/errors.js';
import { waitForDeployment } from './wait-for-deployment.js';
import { s3ClientSettings } from '../s3/s3-emulator.js';
import { SERVICE_ROLE } from './service-role.js';

const s3Revision = (key: string, extra: object = {}): RevisionLocation => ({ revisionType: 'S3', s3Location: { bucket: 'releases', key, bundleType: 'zip', ...extra } });

describe('CodeDeploy application revisions', () => {
  const emulator = useTestEmulator({}, { client: CodeDeployClient });
  const app = 'RevisionsApp';
  let s3: S3Client;

  beforeAll(async () => {
    s3 = new S3Client({ ...s3ClientSettings(emulator.env.url), forcePathStyle: true });
    await emulator.client.send(new CreateApplicationCommand({ applicationName: app }));
  });
  afterAll(() => s3?.destroy());

  describe('when a revision is registered', () => {
    it('is returned by GetApplicationRevision with its description and register time, and registered again in place', async () => {
      const before = Math.floor(Date.now() / 1000);
      await emulator.client.send(new RegisterApplicationRevisionCommand({ applicationName: app, revision: s3Revision('one.zip', { eTag: '"abc"' }), description: 'first' }));
      const got = await emulator.client.send(new GetApplicationRevisionCommand({ applicationName: app, revision: s3Revision('one.zip') }));
      expect(got.applicationName).toBe(app);
      expect(got.revision).toEqual(s3Revision('one.zip', { eTag: 'abc' }));
      expect(got.revisionInfo).toMatchObject({ description: 'first', deploymentGroups: [] });
      expect(Math.floor(got.revisionInfo!.registerTime!.getTime() / 1000)).toBeGreaterThanOrEqual(before);
      expect(got.revisionInfo!.firstUsedTime).toBeUndefined();
      await emulator.client.send(new RegisterApplicationRevisionCommand({ applicationName: app, revision: s3Revision('one.zip', { eTag: 'abc' }), description: 'again' }));
      const { revisions } = await emulator.client.send(new ListApplicationRevisionsCommand({ applicationName: app, s3Bucket: 'releases', s3KeyPrefix: 'one' }));
      expect(revisions).toEqual([s3Revision('one.zip', { eTag: 'abc' })]);
      const again = await emulator.client.send(new GetApplicationRevisionCommand({ applicationName: app, revision: s3Revision('one.zip', { eTag: 'abc' }) }));
      expect(again.revisionInfo?.description).toBe('again');
    });

    it('refuses what AWS refuses', async () => {
      const register = (input: object) => errorOf(emulator.client.send(new RegisterApplicationRevisionCommand({ applicationName: app, revision: s3Revision('x.zip'), ...input })));
      expect(await register({ applicationName: 'NoSuchApp' })).toMatchObject({ name: 'ApplicationDoesNotExistException', message: 'No application found for name: NoSuchApp' });
      expect(await register({ revision: { revisionType: 'S3', s3Location: { key: 'x.zip' } } })).toMatchObject({ name: 'InvalidRevisionException' });
      expect(await register({ revision: {} })).toMatchObject({ name: 'RevisionRequiredException' });
      expect(await register({ description: 'd'.repeat(257) })).toMatchObject({ name: 'DescriptionTooLongException' });
      const get = await errorOf(emulator.client.send(new GetApplicationRevisionCommand({ applicationName: app, revision: s3Revision('never.zip') })));
      expect(get).toMatchObject({ name: 'RevisionDoesNotExistException', message: 'The named revision does not exist with the user or Amazon Web Services account.' });
    });
  });

  describe('when revisions are listed', () => {
    beforeAll(async () => {
      for (let i = 0; i < 101; i++) await emulator.client.send(new RegisterApplicationRevisionCommand({ applicationName: app, revision: s3Revision(`many/${String(i).padStart(3, '0')}.zip`) }));
    });

    it('pages 100 at a time and sorts by register time both ways', async () => {
      const first = await emulator.client.send(new ListApplicationRevisionsCommand({ applicationName: app, s3Bucket: 'releases', s3KeyPrefix: 'many/', sortBy: 'registerTime', sortOrder: 'ascending' }));
      expect(first.revisions).toHaveLength(100);
      const second = await emulator.client.send(
        new ListApplicationRevisionsCommand({ applicationName: app, s3Bucket: 'releases', s3KeyPrefix: 'many/', sortBy: 'registerTime', sortOrder: 'ascending', nextToken: first.nextToken }),
      );
      expect(second).toMatchObject({ revisions: [s3Revision('many/100.zip')] });
      expect(second.nextToken).toBeUndefined();
      const descending = await emulator.client.send(new ListApplicationRevisionsCommand({ applicationName: app, s3Bucket: 'releases', s3KeyPrefix: 'many/', sortBy: 'registerTime', sortOrder: 'descending' }));
      expect(descending.revisions?.[0]).toEqual(s3Revision('many/100.zip'));
    });

    it('returns up to 25 revisions by BatchGetApplicationRevisions, naming those not registered', async () => {
      const out = await emulator.client.send(new BatchGetApplicationRevisionsCommand({ applicationName: app, revisions: [s3Revision('many/000.zip'), s3Revision('never.zip')] }));
      expect(out.revisions?.map((r) => r.revisionLocation)).toEqual([s3Revision('many/000.zip')]);
      expect(out.revisions?.[0].genericRevisionInfo?.registerTime).toBeInstanceOf(Date);
      expect(out.errorMessage).toContain('never.zip');
      const tooMany = Array.from({ length: 26 }, (_, i) => s3Revision(`many/${String(i).padStart(3, '0')}.zip`));
      expect(await errorOf(emulator.client.send(new BatchGetApplicationRevisionsCommand({ applicationName: app, revisions: tooMany })))).toMatchObject({ name: 'BatchLimitExceededException' });
    });

    it('refuses bad filters with their own exceptions', async () => {
      const list = (input: object) => errorOf(emulator.client.send(new ListApplicationRevisionsCommand({ applicationName: app, ...input })));
      expect(await list({ s3KeyPrefix: 'many/' })).toMatchObject({ name: 'BucketNameFilterRequiredException' });
      expect(await list({ s3Bucket: 'Not_A_Bucket' })).toMatchObject({ name: 'InvalidBucketNameFilterException' });
      // Values outside the model's enums are refused by the protocol layer, as AWS's model validation does.
      expect(await list({ sortBy: 'size' })).toMatchObject({ name: 'ValidationException' });
      expect(await list({ nextToken: 'garbage' })).toMatchObject({ name: 'InvalidNextTokenException' });
    });
  });

  describe('when a deployment uses an S3 revision', () => {
    it('registers it with the ETag and version of the object it fetched, and makes it the group target', async () => {
      await s3.send(new CreateBucketCommand({ Bucket: 'deployed-revisions' }));
      await s3.send(new PutBucketVersioningCommand({ Bucket: 'deployed-revisions', VersioningConfiguration: { Status: 'Enabled' } }));
      const put = await s3.send(new PutObjectCommand({ Bucket: 'deployed-revisions', Key: 'app.zip', Body: zipSync({ 'appspec.yml': strToU8('version: 0.0\nos: linux\n') }) }));
      // A group selecting no instance: the deployment fails with NO_INSTANCES, without Docker, and still uses the revision.
      await emulator.client.send(new CreateDeploymentGroupCommand({ applicationName: app, deploymentGroupName: 'Nobody', serviceRoleArn: SERVICE_ROLE, ec2TagFilters: [{ Key: 'Role', Value: 'nobody', Type: 'KEY_AND_VALUE' }] }));
      const revision: RevisionLocation = { revisionType: 'S3', s3Location: { bucket: 'deployed-revisions', key: 'app.zip', bundleType: 'zip' } };
      const { deploymentId } = await emulator.client.send(new CreateDeploymentCommand({ applicationName: app, deploymentGroupName: 'Nobody', revision }));
      expect((await waitForDeployment(emulator.client, deploymentId!)).errorInformation?.code).toBe('NO_INSTANCES');
      const expected = { revisionType: 'S3', s3Location: { bucket: 'deployed-revisions', key: 'app.zip', bundleType: 'zip', version: put.VersionId, eTag: put.ETag!.replace(/"/g, '') } };
      const got = await emulator.client.send(new GetApplicationRevisionCommand({ applicationName: app, revision }));
      expect(got.revision).toEqual(expected);
      expect(got.revisionInfo).toMatchObject({ deploymentGroups: ['Nobody'] });
      expect(got.revisionInfo?.firstUsedTime).toEqual(got.revisionInfo?.lastUsedTime);
      const deployed = await emulator.client.send(new ListApplicationRevisionsCommand({ applicationName: app, deployed: 'include' }));
      expect(deployed.revisions).toEqual([expected]);
      const notDeployed = await emulator.client.send(new ListApplicationRevisionsCommand({ applicationName: app, deployed: 'exclude', sortBy: 'lastUsedTime', sortOrder: 'descending' }));
      expect(notDeployed.revisions).not.toContainEqual(expected);
      expect(notDeployed.revisions).toHaveLength(100);
      expect(notDeployed.nextToken).toBeDefined();
    });
  });

  describe('when the application is deleted', () => {
    it('forgets its revisions', async () => {
      await emulator.client.send(new CreateApplicationCommand({ applicationName: 'Doomed' }));
      await emulator.client.send(new RegisterApplicationRevisionCommand({ applicationName: 'Doomed', revision: s3Revision('doomed.zip') }));
      await emulator.client.send(new DeleteApplicationCommand({ applicationName: 'Doomed' }));
      await emulator.client.send(new CreateApplicationCommand({ applicationName: 'Doomed' }));
      expect((await emulator.client.send(new ListApplicationRevisionsCommand({ applicationName: 'Doomed' }))).revisions).toEqual([]);
    });
  });
});
