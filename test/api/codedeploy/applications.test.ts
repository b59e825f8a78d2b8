import {
  BatchGetApplicationsCommand,
  CodeDeployClient,
  CreateApplicationCommand,
  DeleteApplicationCommand,
  GetApplicationCommand,
  ListApplicationsCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
} from '@aws-sdk/client-codedeploy';
import { describe, expect, it } from 'vitest';
import { useTestEmulator } from '../../helpers/emulator.js';
import { errorOf } from '../../helpers/errors.js';

describe('CodeDeploy applications', () => {
  const emulator = useTestEmulator({}, { client: CodeDeployClient });

  describe('when an application is created', () => {
    it('returns its id and shows it in Get, List and BatchGet as ApplicationInfo', async () => {
      const { applicationId } = await emulator.client.send(new CreateApplicationCommand({ applicationName: 'WebApp', tags: [{ Key: 'team', Value: 'web' }] }));
      expect(applicationId).toMatch(/^[0-9a-f-]{36}$/);
      const { application } = await emulator.client.send(new GetApplicationCommand({ applicationName: 'WebApp' }));
      expect(application).toEqual({ applicationId, applicationName: 'WebApp', createTime: expect.any(Date), linkedToGitHub: false, computePlatform: 'Server' });
      expect((await emulator.client.send(new ListApplicationsCommand({}))).applications).toContain('WebApp');
      const batch = await emulator.client.send(new BatchGetApplicationsCommand({ applicationNames: ['WebApp'] }));
      expect(batch.applicationsInfo?.map((a) => a.applicationName)).toEqual(['WebApp']);
      const tags = await emulator.client.send(new ListTagsForResourceCommand({ ResourceArn: 'arn:aws:codedeploy:us-east-1:000000000000:application:WebApp' }));
      expect(tags.Tags).toEqual([{ Key: 'team', Value: 'web' }]);
    });

    it('refuses a second application of the same name with ApplicationAlreadyExistsException', async () => {
      await emulator.client.send(new CreateApplicationCommand({ applicationName: 'Twice' }));
      expect((await errorOf(emulator.client.send(new CreateApplicationCommand({ applicationName: 'Twice' })))).name).toBe('ApplicationAlreadyExistsException');
    });
  });

  describe('when an application does not exist', () => {
    it('answers ApplicationDoesNotExistException with AWS message', async () => {
      const error = await errorOf(emulator.client.send(new GetApplicationCommand({ applicationName: 'Missing' })));
      expect(error).toEqual({ name: 'ApplicationDoesNotExistException', message: 'No application found for name: Missing', status: 400 });
      expect((await errorOf(emulator.client.send(new BatchGetApplicationsCommand({ applicationNames: ['Missing'] })))).name).toBe('ApplicationDoesNotExistException');
      expect((await errorOf(emulator.client.send(new TagResourceCommand({ ResourceArn: 'arn:aws:codedeploy:us-east-1:000000000000:application:Missing', Tags: [{ Key: 'a', Value: 'b' }] })))).name).toBe(
        'ApplicationDoesNotExistException',
      );
    });

    it('deletes silently, as AWS does', async () => {
      await emulator.client.send(new CreateApplicationCommand({ applicationName: 'Gone' }));
      await emulator.client.send(new DeleteApplicationCommand({ applicationName: 'Gone' }));
      await emulator.client.send(new DeleteApplicationCommand({ applicationName: 'Gone' }));
      expect((await errorOf(emulator.client.send(new GetApplicationCommand({ applicationName: 'Gone' })))).name).toBe('ApplicationDoesNotExistException');
    });
  });

  describe('when another region or account asks', () => {
    it('keeps applications apart per account and region', async () => {
      await emulator.client.send(new CreateApplicationCommand({ applicationName: 'Regional' }));
      const other = emulator.env.client(CodeDeployClient, 'eu-west-1');
      expect((await errorOf(other.send(new GetApplicationCommand({ applicationName: 'Regional' })))).name).toBe('ApplicationDoesNotExistException');
    });
  });
});
