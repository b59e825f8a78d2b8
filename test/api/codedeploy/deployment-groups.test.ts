import {
  BatchGetDeploymentGroupsCommand,
  CodeDeployClient,
  CreateApplicationCommand,
  CreateDeploymentGroupCommand,
  DeleteDeploymentGroupCommand,
  GetDeploymentGroupCommand,
  ListDeploymentGroupsCommand,
  UpdateDeploymentGroupCommand,
  type CreateDeploymentGroupCommandInput,
} from '@aws-sdk/client-codedeploy';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestEmulator } from '../../helpers/emulator.js';
import { errorOf } from '../../helpers/errors.js';
import { SERVICE_ROLE } from './service-role.js';

describe('CodeDeploy deployment groups', () => {
  const emulator = useTestEmulator({}, { client: CodeDeployClient });
  const web = [{ Key: 'Role', Value: 'web', Type: 'KEY_AND_VALUE' as const }];
  beforeAll(async () => {
    await emulator.client.send(new CreateApplicationCommand({ applicationName: 'WebApp' }));
  });

  describe('when a group is created', () => {
    it('shows it as DeploymentGroupInfo with AWS defaults (OneAtATime, in-place)', async () => {
      const { deploymentGroupId } = await emulator.client.send(
        new CreateDeploymentGroupCommand({
          applicationName: 'WebApp',
          deploymentGroupName: 'Fleet',
          serviceRoleArn: SERVICE_ROLE,
          ec2TagFilters: web,
          autoRollbackConfiguration: { enabled: true, events: ['DEPLOYMENT_FAILURE'] },
        }),
      );
      const { deploymentGroupInfo } = await emulator.client.send(new GetDeploymentGroupCommand({ applicationName: 'WebApp', deploymentGroupName: 'Fleet' }));
      expect(deploymentGroupInfo).toMatchObject({
        applicationName: 'WebApp',
        deploymentGroupId,
        deploymentGroupName: 'Fleet',
        deploymentConfigName: 'CodeDeployDefault.OneAtATime',
        serviceRoleArn: SERVICE_ROLE,
        ec2TagFilters: web,
        onPremisesInstanceTagFilters: [],
        autoRollbackConfiguration: { enabled: true, events: ['DEPLOYMENT_FAILURE'] },
        deploymentStyle: { deploymentType: 'IN_PLACE', deploymentOption: 'WITHOUT_TRAFFIC_CONTROL' },
        computePlatform: 'Server',
      });
      expect(deploymentGroupInfo?.lastSuccessfulDeployment).toBeUndefined();
      expect((await emulator.client.send(new ListDeploymentGroupsCommand({ applicationName: 'WebApp' }))).deploymentGroups).toContain('Fleet');
      const batch = await emulator.client.send(new BatchGetDeploymentGroupsCommand({ applicationName: 'WebApp', deploymentGroupNames: ['Fleet', 'Nope'] }));
      expect(batch.deploymentGroupsInfo?.map((g) => g.deploymentGroupName)).toEqual(['Fleet']);
      expect(batch.errorMessage).toContain('Nope');
    });

    it('refuses a duplicate name, an unknown config, a missing application and both tag filters and a tag set', async () => {
      const base = { applicationName: 'WebApp', serviceRoleArn: SERVICE_ROLE, ec2TagFilters: web };
      await emulator.client.send(new CreateDeploymentGroupCommand({ ...base, deploymentGroupName: 'Dup' }));
      const cases: [CreateDeploymentGroupCommandInput, string][] = [
        [{ ...base, deploymentGroupName: 'Dup' }, 'DeploymentGroupAlreadyExistsException'],
        [{ ...base, deploymentGroupName: 'X', deploymentConfigName: 'Nope' }, 'DeploymentConfigDoesNotExistException'],
        [{ ...base, deploymentGroupName: 'X', applicationName: 'Nope' }, 'ApplicationDoesNotExistException'],
        [{ ...base, deploymentGroupName: 'X', ec2TagSet: { ec2TagSetList: [web] } }, 'InvalidEC2TagCombinationException'],
        [{ ...base, deploymentGroupName: 'X', autoRollbackConfiguration: { enabled: true, events: [] } }, 'InvalidAutoRollbackConfigException'],
        [{ ...base, deploymentGroupName: 'X', deploymentStyle: { deploymentType: 'BLUE_GREEN' } }, 'InvalidDeploymentStyleException'],
      ];
      for (const [input, name] of cases) expect((await errorOf(emulator.client.send(new CreateDeploymentGroupCommand(input)))).name).toBe(name);
    });
  });

  describe('when a group is updated', () => {
    it('replaces the members given and renames it, keeping its id', async () => {
      const { deploymentGroupId } = await emulator.client.send(new CreateDeploymentGroupCommand({ applicationName: 'WebApp', deploymentGroupName: 'Old', serviceRoleArn: SERVICE_ROLE, ec2TagFilters: web }));
      await emulator.client.send(
        new UpdateDeploymentGroupCommand({
          applicationName: 'WebApp',
          currentDeploymentGroupName: 'Old',
          newDeploymentGroupName: 'New',
          deploymentConfigName: 'CodeDeployDefault.AllAtOnce',
          onPremisesInstanceTagFilters: [{ Key: 'Env', Type: 'KEY_ONLY' }],
        }),
      );
      const { deploymentGroupInfo } = await emulator.client.send(new GetDeploymentGroupCommand({ applicationName: 'WebApp', deploymentGroupName: 'New' }));
      expect(deploymentGroupInfo).toMatchObject({ deploymentGroupId, deploymentConfigName: 'CodeDeployDefault.AllAtOnce', ec2TagFilters: web, onPremisesInstanceTagFilters: [{ Key: 'Env', Type: 'KEY_ONLY' }] });
      const gone = await errorOf(emulator.client.send(new GetDeploymentGroupCommand({ applicationName: 'WebApp', deploymentGroupName: 'Old' })));
      expect(gone).toEqual({ name: 'DeploymentGroupDoesNotExistException', message: 'No Deployment Group found for name: Old', status: 400 });
    });
  });

  describe('when a group is deleted', () => {
    it('is gone, and deleting it again is not an error', async () => {
      await emulator.client.send(new CreateDeploymentGroupCommand({ applicationName: 'WebApp', deploymentGroupName: 'Temp', serviceRoleArn: SERVICE_ROLE, ec2TagFilters: web }));
      expect(await emulator.client.send(new DeleteDeploymentGroupCommand({ applicationName: 'WebApp', deploymentGroupName: 'Temp' }))).toMatchObject({ hooksNotCleanedUp: [] });
      await emulator.client.send(new DeleteDeploymentGroupCommand({ applicationName: 'WebApp', deploymentGroupName: 'Temp' }));
      expect((await errorOf(emulator.client.send(new GetDeploymentGroupCommand({ applicationName: 'WebApp', deploymentGroupName: 'Temp' })))).name).toBe('DeploymentGroupDoesNotExistException');
    });
  });
});
