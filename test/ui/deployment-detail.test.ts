import { CodeDeployClient, CreateApplicationCommand, CreateDeploymentGroupCommand } from '@aws-sdk/client-codedeploy';
import { CreatePipelineCommand } from '@aws-sdk/client-codepipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deregisterInstances, instanceName, registerInstance, siteUrl } from '../api/codedeploy/local-instances.js';
import { SERVICE_ROLE } from '../api/codedeploy/service-role.js';
import { putRevision, siteFiles } from '../api/codedeploy/site-revision.js';
import { awsAction, pipelineOf, uniqueName } from '../helpers/pipelines.js';
import { useConsoleHarness } from './helpers/browser.js';

describe('the deployment of a CodeDeploy action', () => {
  const h = useConsoleHarness();
  const instance = instanceName('console');
  let codedeploy: CodeDeployClient;

  beforeAll(async () => {
    codedeploy = h.env.client(CodeDeployClient);
    // Registering starts the instance's Nginx container (and builds its image the first time).
    await registerInstance(codedeploy, instance, [{ Key: 'Role', Value: instance }]);
    await codedeploy.send(new CreateApplicationCommand({ applicationName: 'ConsoleApp' }));
    await codedeploy.send(
      new CreateDeploymentGroupCommand({
        applicationName: 'ConsoleApp',
        deploymentGroupName: 'Web',
        serviceRoleArn: SERVICE_ROLE,
        onPremisesInstanceTagFilters: [{ Key: 'Role', Value: instance, Type: 'KEY_AND_VALUE' }],
      }),
    );
  }, 300_000);
  afterAll(async () => {
    if (codedeploy) await deregisterInstances(codedeploy, [instance]);
  }, 120_000);

  describe('when its details are opened', () => {
    it('shows the instance with its URL, its lifecycle events and the tail of their scripts’ output', async () => {
      const name = uniqueName('deploy');
      putRevision(`${h.env.dataDir}/s3`, 'releases', `${name}.zip`, siteFiles({ text: 'hello from the console test' }));
      const pipeline = pipelineOf(name, [
        { name: 'Source', actions: [awsAction('Source', 'Source', 'S3', { S3Bucket: 'releases', S3ObjectKey: `${name}.zip`, PollForSourceChanges: 'false' }, { outputArtifacts: [{ name: 'SourceArtifact' }] })] },
        { name: 'Deploy', actions: [awsAction('Deploy', 'Deploy', 'CodeDeploy', { ApplicationName: 'ConsoleApp', DeploymentGroupName: 'Web' }, { inputArtifacts: [{ name: 'SourceArtifact' }] })] },
      ]);
      await h.env.codepipeline().send(new CreatePipelineCommand({ pipeline }));
      const page = await h.open(`/console/pipelines/${name}`);
      await page.locator('[data-testid="stage-Deploy"][data-status="Succeeded"]').waitFor({ timeout: 120_000 });
      await page.getByTestId('details-Deploy').click();

      const card = page.getByTestId(`instance-${instance}`);
      await card.waitFor();
      await expect(card.getByTestId('instance-url').getAttribute('href')).resolves.toBe(await siteUrl(h.env, instance));
      const text = (await card.textContent()) ?? '';
      for (const event of ['ApplicationStop', 'DownloadBundle', 'BeforeInstall', 'Install', 'AfterInstall', 'ApplicationStart', 'ValidateService']) expect(text).toContain(event);
      await expect(card.locator('.log-tail').allTextContents()).resolves.toContainEqual(expect.stringContaining('serving hello from the console test'));
      await h.screenshot(page, 'deployment-detail');
    });
  });
});
