import {
  BatchGetDeploymentsCommand,
  CodeDeployClient,
  CreateApplicationCommand,
  CreateDeploymentCommand,
  CreateDeploymentGroupCommand,
  GetApplicationCommand,
  GetApplicationRevisionCommand,
  GetDeploymentGroupCommand,
  ListDeploymentsCommand,
  ListTagsForResourceCommand,
  UpdateApplicationCommand,
} from '@aws-sdk/client-codedeploy';
import { describe, expect, it } from 'vitest';
import { useTestEmulator } from '../../helpers/emulator.js';
import { errorOf } from '../../helpers/errors.js';
import { aws } from '../protocol/tiny/aws-cli.js';
import { SERVICE_ROLE } from './service-role.js';
import { putRevision } from './site-revision.js';
import { waitForDeployment } from './wait-for-deployment.js';

const ARN = 'arn:aws:codedeploy:us-east-1:000000000000';

describe('CodeDeploy UpdateApplication', () => {
  const emulator = useTestEmulator({}, { client: CodeDeployClient });

  describe('when an application with a group, a revision and a deployment is renamed', () => {
    it('moves all of them, and the tags, to the new name', async () => {
      const { client } = emulator;
      const { applicationId } = await client.send(new CreateApplicationCommand({ applicationName: 'OldName', tags: [{ Key: 'team', Value: 'web' }] }));
      // A group selecting no instance: the deployment fails with NO_INSTANCES, without Docker, and still records the revision.
      const group = { applicationName: 'OldName', deploymentGroupName: 'Nobody', serviceRoleArn: SERVICE_ROLE, tags: [{ Key: 'tier', Value: 'blue' }] };
      const { deploymentGroupId } = await client.send(new CreateDeploymentGroupCommand({ ...group, ec2TagFilters: [{ Key: 'Role', Value: 'nobody', Type: 'KEY_AND_VALUE' }] }));
      const revision = putRevision(`${emulator.env.dataDir}/s3`, 'renames', 'app.zip', { 'appspec.yml': 'version: 0.0\nos: linux\n' });
      const { deploymentId } = await client.send(new CreateDeploymentCommand({ applicationName: 'OldName', deploymentGroupName: 'Nobody', revision }));
      await waitForDeployment(client, deploymentId!);

      await client.send(new UpdateApplicationCommand({ applicationName: 'OldName', newApplicationName: 'NewName' }));

      const { application } = await client.send(new GetApplicationCommand({ applicationName: 'NewName' }));
      expect(application).toMatchObject({ applicationId, applicationName: 'NewName' });
      expect(await errorOf(client.send(new GetApplicationCommand({ applicationName: 'OldName' })))).toMatchObject({ name: 'ApplicationDoesNotExistException' });
      const { deploymentGroupInfo } = await client.send(new GetDeploymentGroupCommand({ applicationName: 'NewName', deploymentGroupName: 'Nobody' }));
      expect(deploymentGroupInfo).toMatchObject({ applicationName: 'NewName', deploymentGroupId });
      const { revisionInfo } = await client.send(new GetApplicationRevisionCommand({ applicationName: 'NewName', revision }));
      expect(revisionInfo?.deploymentGroups).toEqual(['Nobody']);
      const { deployments } = await client.send(new ListDeploymentsCommand({ applicationName: 'NewName', deploymentGroupName: 'Nobody' }));
      expect(deployments).toEqual([deploymentId]);
      const { deploymentsInfo } = await client.send(new BatchGetDeploymentsCommand({ deploymentIds: [deploymentId!] }));
      expect(deploymentsInfo?.[0]).toMatchObject({ applicationName: 'NewName', deploymentGroupName: 'Nobody' });
      expect((await client.send(new ListTagsForResourceCommand({ ResourceArn: `${ARN}:application:NewName` }))).Tags).toEqual([{ Key: 'team', Value: 'web' }]);
      expect((await client.send(new ListTagsForResourceCommand({ ResourceArn: `${ARN}:deploymentgroup:NewName/Nobody` }))).Tags).toEqual([{ Key: 'tier', Value: 'blue' }]);
      // The old name is free again.
      await client.send(new CreateApplicationCommand({ applicationName: 'OldName' }));
    });
  });

  describe('when the names do not fit', () => {
    it('answers ApplicationDoesNotExistException, ApplicationAlreadyExistsException and ApplicationNameRequiredException', async () => {
      const { client } = emulator;
      await client.send(new CreateApplicationCommand({ applicationName: 'Taken' }));
      await client.send(new CreateApplicationCommand({ applicationName: 'Mine' }));
      expect(await errorOf(client.send(new UpdateApplicationCommand({ applicationName: 'Nowhere', newApplicationName: 'Else' })))).toEqual({
        name: 'ApplicationDoesNotExistException',
        message: 'No application found for name: Nowhere',
        status: 400,
      });
      expect(await errorOf(client.send(new UpdateApplicationCommand({ applicationName: 'Mine', newApplicationName: 'Taken' })))).toMatchObject({ name: 'ApplicationAlreadyExistsException', status: 400 });
      expect(await errorOf(client.send(new UpdateApplicationCommand({ applicationName: 'Mine' })))).toMatchObject({ name: 'ApplicationNameRequiredException', status: 400 });
      expect((await client.send(new GetApplicationCommand({ applicationName: 'Mine' }))).application?.applicationName).toBe('Mine');
    });
  });

  describe('through the AWS CLI', () => {
    it('renames with `aws deploy update-application` and prints nothing', async () => {
      await emulator.client.send(new CreateApplicationCommand({ applicationName: 'CliOld' }));
      const run = await aws(emulator.env.url, ['deploy', 'update-application', '--application-name', 'CliOld', '--new-application-name', 'CliNew']);
      expect(run, run.stderr).toMatchObject({ code: 0, stdout: '' });
      const got = await aws(emulator.env.url, ['deploy', 'get-application', '--application-name', 'CliNew']);
      expect(got.json.application.applicationName).toBe('CliNew');
      const missing = await aws(emulator.env.url, ['deploy', 'update-application', '--application-name', 'CliOld', '--new-application-name', 'Other']);
      expect(missing.code).not.toBe(0);
      expect(missing.stderr).toContain('ApplicationDoesNotExistException');
    });
  });
});
