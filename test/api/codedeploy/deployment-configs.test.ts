import {
  CodeDeployClient,
  CreateApplicationCommand,
  CreateDeploymentConfigCommand,
  CreateDeploymentGroupCommand,
  DeleteDeploymentConfigCommand,
  GetDeploymentConfigCommand,
  ListDeploymentConfigsCommand,
} from '@aws-sdk/client-codedeploy';
import { describe, expect, it } from 'vitest';
import { useTestEmulator } from '../../helpers/emulator.js';
import { errorOf } from '../../helpers/errors.js';
import { SERVICE_ROLE } from './service-role.js';

describe('CodeDeploy deployment configs', () => {
  const emulator = useTestEmulator({}, { client: CodeDeployClient });

  describe('when reading the predefined configs', () => {
    it('answers OneAtATime as the API reference example shows it (MOST_CONCURRENCY 1)', async () => {
      const { deploymentConfigInfo } = await emulator.client.send(new GetDeploymentConfigCommand({ deploymentConfigName: 'CodeDeployDefault.OneAtATime' }));
      expect(deploymentConfigInfo).toEqual({
        deploymentConfigId: '00000000-0000-0000-0000-000000000001',
        deploymentConfigName: 'CodeDeployDefault.OneAtATime',
        minimumHealthyHosts: { type: 'MOST_CONCURRENCY', value: 1 },
        createTime: new Date(1446744188711),
        computePlatform: 'Server',
      });
      const half = await emulator.client.send(new GetDeploymentConfigCommand({ deploymentConfigName: 'CodeDeployDefault.HalfAtATime' }));
      expect(half.deploymentConfigInfo?.minimumHealthyHosts).toEqual({ type: 'FLEET_PERCENT', value: 50 });
      const all = await emulator.client.send(new GetDeploymentConfigCommand({ deploymentConfigName: 'CodeDeployDefault.AllAtOnce' }));
      expect(all.deploymentConfigInfo?.minimumHealthyHosts).toEqual({ type: 'HOST_COUNT', value: 0 });
    });
  });

  describe('when a custom config is created', () => {
    it('lists and reads it, refuses invalid minimums, and deletes it unless a group uses it', async () => {
      const { deploymentConfigId } = await emulator.client.send(new CreateDeploymentConfigCommand({ deploymentConfigName: 'TwoHealthy', minimumHealthyHosts: { type: 'HOST_COUNT', value: 2 } }));
      expect((await emulator.client.send(new GetDeploymentConfigCommand({ deploymentConfigName: 'TwoHealthy' }))).deploymentConfigInfo).toMatchObject({
        deploymentConfigId,
        minimumHealthyHosts: { type: 'HOST_COUNT', value: 2 },
      });
      const listed = (await emulator.client.send(new ListDeploymentConfigsCommand({}))).deploymentConfigsList!;
      // The predefined Server configs, the predefined Lambda ones, then the custom ones.
      expect(listed.slice(0, 3)).toEqual(['CodeDeployDefault.OneAtATime', 'CodeDeployDefault.HalfAtATime', 'CodeDeployDefault.AllAtOnce']);
      expect(listed).toEqual(expect.arrayContaining(['CodeDeployDefault.LambdaAllAtOnce', 'CodeDeployDefault.LambdaCanary10Percent5Minutes', 'CodeDeployDefault.LambdaLinear10PercentEvery1Minute']));
      expect(listed.at(-1)).toBe('TwoHealthy');
      expect(listed).toHaveLength(13);
      const invalid = await errorOf(emulator.client.send(new CreateDeploymentConfigCommand({ deploymentConfigName: 'Bad', minimumHealthyHosts: { type: 'FLEET_PERCENT', value: 100 } })));
      expect(invalid.name).toBe('InvalidMinimumHealthyHostValueException');
      expect((await errorOf(emulator.client.send(new CreateDeploymentConfigCommand({ deploymentConfigName: 'TwoHealthy', minimumHealthyHosts: { type: 'HOST_COUNT', value: 1 } })))).name).toBe(
        'DeploymentConfigAlreadyExistsException',
      );
      await emulator.client.send(new CreateApplicationCommand({ applicationName: 'App' }));
      await emulator.client.send(new CreateDeploymentGroupCommand({ applicationName: 'App', deploymentGroupName: 'G', serviceRoleArn: SERVICE_ROLE, deploymentConfigName: 'TwoHealthy' }));
      expect((await errorOf(emulator.client.send(new DeleteDeploymentConfigCommand({ deploymentConfigName: 'TwoHealthy' })))).name).toBe('DeploymentConfigInUseException');
      expect((await errorOf(emulator.client.send(new DeleteDeploymentConfigCommand({ deploymentConfigName: 'CodeDeployDefault.AllAtOnce' })))).name).toBe('InvalidOperationException');
      await emulator.client.send(new CreateDeploymentConfigCommand({ deploymentConfigName: 'Unused', minimumHealthyHosts: { type: 'FLEET_PERCENT', value: 25 } }));
      await emulator.client.send(new DeleteDeploymentConfigCommand({ deploymentConfigName: 'Unused' }));
      expect((await errorOf(emulator.client.send(new GetDeploymentConfigCommand({ deploymentConfigName: 'Unused' })))).name).toBe('DeploymentConfigDoesNotExistException');
    });
  });

  describe('when a Lambda config is created', () => {
    it('keeps its trafficRoutingConfig, refuses a bad one, and refuses ECS', async () => {
      await emulator.client.send(
        new CreateDeploymentConfigCommand({
          deploymentConfigName: 'Linear25Every2',
          computePlatform: 'Lambda',
          trafficRoutingConfig: { type: 'TimeBasedLinear', timeBasedLinear: { linearPercentage: 25, linearInterval: 2 } },
        }),
      );
      const { deploymentConfigInfo } = await emulator.client.send(new GetDeploymentConfigCommand({ deploymentConfigName: 'Linear25Every2' }));
      expect(deploymentConfigInfo).toMatchObject({ computePlatform: 'Lambda', trafficRoutingConfig: { type: 'TimeBasedLinear', timeBasedLinear: { linearPercentage: 25, linearInterval: 2 } } });
      expect(deploymentConfigInfo?.minimumHealthyHosts).toBeUndefined();
      const bad = await errorOf(
        emulator.client.send(new CreateDeploymentConfigCommand({ deploymentConfigName: 'Bad', computePlatform: 'Lambda', trafficRoutingConfig: { type: 'TimeBasedCanary', timeBasedCanary: { canaryPercentage: 0, canaryInterval: 5 } } })),
      );
      expect(bad.name).toBe('InvalidTrafficRoutingConfigurationException');
      const ecs = await errorOf(emulator.client.send(new CreateDeploymentConfigCommand({ deploymentConfigName: 'Ecs', computePlatform: 'ECS', trafficRoutingConfig: { type: 'AllAtOnce' } })));
      expect(ecs.name).toBe('InvalidComputePlatformException');
    });
  });
});
