import {
  BatchGetApplicationsCommand,
  CreateApplicationCommand,
  DeleteApplicationCommand,
  GetApplicationCommand,
  ListApplicationsCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  type CodeDeployClient,
} from '@aws-sdk/client-codedeploy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator.js';
import { errorOf } from '../../helpers/errors.js';
import { codeDeployClient } from './codedeploy-client.js';

describe('CodeDeploy applications', () => {
  let env: TestEmulator;
  let client: CodeDeployClient;
  beforeAll(async () => {
    env = await startTestEmulator();
    client = codeDeployClient(env);
  });
  afterAll(async () => {
    client?.destroy();
    await env?.close();
  });

  describe('when an application is created', () => {
    it('returns its id and shows it in Get, List and BatchGet as ApplicationInfo', async () => {
      const { applicationId } = await client.send(new CreateApplicationCommand({ applicationName: 'WebApp', tags: [{ Key: 'team', Value: 'web' }] }));
      expect(applicationId).toMatch(/^[0-9a-f-]{36}$/);
      const { application } = await client.send(new GetApplicationCommand({ applicationName: 'WebApp' }));
      expect(application).toEqual({ applicationId, applicationName: 'WebApp', createTime: expect.any(Date), linkedToGitHub: false, computePlatform: 'Server' });
      expect((await client.send(new ListApplicationsCommand({}))).applications).toContain('WebApp');
      const batch = await client.send(new BatchGetApplicationsCommand({ applicationNames: ['WebApp'] }));
      expect(batch.applicationsInfo?.map((a) => a.applicationName)).toEqual(['WebApp']);
      const tags = await client.send(new ListTagsForResourceCommand({ ResourceArn: 'arn:aws:codedeploy:us-east-1:000000000000:application:WebApp' }));
      expect(tags.Tags).toEqual([{ Key: 'team', Value: 'web' }]);
    });

    it('refuses a second application of the same name with ApplicationAlreadyExistsException', async () => {
      await client.send(new CreateApplicationCommand({ applicationName: 'Twice' }));
      expect((await errorOf(client.send(new CreateApplicationCommand({ applicationName: 'Twice' })))).name).toBe('ApplicationAlreadyExistsException');
    });
  });

  describe('when an application does not exist', () => {
    it('answers ApplicationDoesNotExistException with AWS message', async () => {
      const error = await errorOf(client.send(new GetApplicationCommand({ applicationName: 'Missing' })));
      expect(error).toEqual({ name: 'ApplicationDoesNotExistException', message: 'No application found for name: Missing', status: 400 });
      expect((await errorOf(client.send(new BatchGetApplicationsCommand({ applicationNames: ['Missing'] })))).name).toBe('ApplicationDoesNotExistException');
      expect((await errorOf(client.send(new TagResourceCommand({ ResourceArn: 'arn:aws:codedeploy:us-east-1:000000000000:application:Missing', Tags: [{ Key: 'a', Value: 'b' }] })))).name).toBe(
        'ApplicationDoesNotExistException',
      );
    });

    it('deletes silently, as AWS does', async () => {
      await client.send(new CreateApplicationCommand({ applicationName: 'Gone' }));
      await client.send(new DeleteApplicationCommand({ applicationName: 'Gone' }));
      await client.send(new DeleteApplicationCommand({ applicationName: 'Gone' }));
      expect((await errorOf(client.send(new GetApplicationCommand({ applicationName: 'Gone' })))).name).toBe('ApplicationDoesNotExistException');
    });
  });

  describe('when another region or account asks', () => {
    it('keeps applications apart per account and region', async () => {
      await client.send(new CreateApplicationCommand({ applicationName: 'Regional' }));
      const other = codeDeployClient(env, 'eu-west-1');
      try {
        expect((await errorOf(other.send(new GetApplicationCommand({ applicationName: 'Regional' })))).name).toBe('ApplicationDoesNotExistException');
      } finally {
        other.destroy();
      }
    });
  });
});
