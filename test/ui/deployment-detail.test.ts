import { CreateApplicationCommand, CreateDeploymentGroupCommand, type CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { CreatePipelineCommand } from '@aws-sdk/client-codepipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineDeclaration } from '../../src/model/index.js';
import { codeDeployClient, SERVICE_ROLE } from '../api/codedeploy/codedeploy-client.js';
import { deregisterInstances, instanceName, registerInstance, siteUrl } from '../api/codedeploy/local-instances.js';
import { putRevision, siteFiles } from '../api/codedeploy/site-revision.js';
import { uniqueName } from '../helpers/pipelines.js';
import { useConsoleHarness } from './helpers/browser.js';

describe('the deployment of a CodeDeploy action', () => {
  const h = useConsoleHarness();
  const instance = instanceName('console');
  let codedeploy: CodeDeployClient;

  beforeAll(async () => {
    codedeploy = codeDeployClient(h.env);
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
    codedeploy?.destroy();
  }, 120_000);

  describe('when its details are opened', () => {
    it('shows the instance with its URL, its lifecycle events and the tail of their scripts’ output', async () => {
      const name = uniqueName('deploy');
      putRevision(`${h.env.dataDir}/s3`, 'releases', `${name}.zip`, siteFiles({ text: 'hello from the console test' }));
      const pipeline: PipelineDeclaration = {
        name,
        roleArn: 'arn:aws:iam::000000000000:role/cp',
        artifactStore: { type: 'S3', location: 'codepipeline-local-artifacts' },
        stages: [
          {
            name: 'Source',
            actions: [
              {
                name: 'Source',
                actionTypeId: { category: 'Source', owner: 'AWS', provider: 'S3', version: '1' },
                configuration: { S3Bucket: 'releases', S3ObjectKey: `${name}.zip`, PollForSourceChanges: 'false' },
                outputArtifacts: [{ name: 'SourceArtifact' }],
              },
            ],
          },
          {
            name: 'Deploy',
            actions: [
              {
                name: 'Deploy',
                actionTypeId: { category: 'Deploy', owner: 'AWS', provider: 'CodeDeploy', version: '1' },
                configuration: { ApplicationName: 'ConsoleApp', DeploymentGroupName: 'Web' },
                inputArtifacts: [{ name: 'SourceArtifact' }],
              },
            ],
          },
        ],
      };
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
