import { CodeDeployClient, CreateApplicationCommand, CreateDeploymentGroupCommand, GetDeploymentCommand } from '@aws-sdk/client-codedeploy';
import { StopPipelineExecutionCommand, type CodePipelineClient } from '@aws-sdk/client-codepipeline';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineDeclaration } from '../../../src/model/index.js';
import { deregisterInstances, fetchSite, instanceName, registerInstance, siteUrl } from '../../api/codedeploy/local-instances.js';
import { SERVICE_ROLE } from '../../api/codedeploy/service-role.js';
import { putRevision, siteFiles } from '../../api/codedeploy/site-revision.js';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator.js';
import { executionProbes } from '../../helpers/execution-probes.js';
import { awsAction, pipelineOf, uniqueName } from '../../helpers/pipelines.js';
import { waitFor } from '../../helpers/wait.js';

/** S3 source (the revision zip in a local bucket) -> CodeDeploy to the group and, beside it, S3 deploy of the same artifact. */
function deployPipeline(name: string, objectKey: string): PipelineDeclaration {
  const bundle = [{ name: 'SiteBundle' }];
  return pipelineOf(
    name,
    [
      { name: 'Source', actions: [awsAction('Source', 'Source', 'S3', { S3Bucket: 'releases', S3ObjectKey: objectKey, PollForSourceChanges: 'false' }, { outputArtifacts: bundle })] },
      {
        name: 'Deploy',
        actions: [
          awsAction('Instances', 'Deploy', 'CodeDeploy', { ApplicationName: 'PipelineApp', DeploymentGroupName: 'Web' }, { inputArtifacts: bundle }),
          awsAction('Bucket', 'Deploy', 'S3', { BucketName: 'website', Extract: 'true', ObjectKey: 'live' }, { inputArtifacts: bundle }),
        ],
      },
    ],
    { artifactStore: { type: 'S3', location: 'codepipeline-us-east-1-000000000000' } },
  );
}

describe('CodeDeploy and S3 deploy actions in a pipeline', () => {
  let env: TestEmulator;
  let pipelines: CodePipelineClient;
  let deploy: CodeDeployClient;
  const probes = executionProbes(() => pipelines);
  const instance = instanceName('pipe');
  const s3 = () => join(env.dataDir, 's3');

  beforeAll(async () => {
    env = await startTestEmulator();
    pipelines = env.codepipeline();
    deploy = env.client(CodeDeployClient);
    // The S3 deploy action's bucket must exist, as in S3 (a folder of the S3 folder is a bucket).
    mkdirSync(join(s3(), 'website'), { recursive: true });
    await registerInstance(deploy, instance, [{ Key: 'Pipeline', Value: 'yes' }]);
    await deploy.send(new CreateApplicationCommand({ applicationName: 'PipelineApp' }));
    await deploy.send(
      new CreateDeploymentGroupCommand({ applicationName: 'PipelineApp', deploymentGroupName: 'Web', serviceRoleArn: SERVICE_ROLE, ec2TagFilters: [{ Key: 'Pipeline', Type: 'KEY_ONLY' }] }),
    );
  }, 300_000);

  afterAll(async () => {
    if (deploy) await deregisterInstances(deploy, [instance]);
    await env?.close();
  }, 120_000);

  describe('when the revision is good', () => {
    it('deploys it to the instance and the bucket, reporting the deployment as the action execution', async () => {
      putRevision(s3(), 'releases', 'good.zip', siteFiles({ text: 'from the pipeline' }));
      const name = uniqueName('deploy');
      const id = await probes.create(deployPipeline(name, 'good.zip'));
      await probes.untilStatus(name, id, 'Succeeded', 90_000);
      const actions = await probes.actionsByName(name, id);
      const result = actions.Instances.output!.executionResult!;
      expect(result.externalExecutionId).toMatch(/^d-[A-Z0-9]{9}$/);
      expect(result.externalExecutionSummary).toBe('Deployment Succeeded');
      expect(result.externalExecutionUrl).toBe(`${env.url}/codedeploy/deployments/${result.externalExecutionId}`);
      const page = (await (await fetch(result.externalExecutionUrl!)).json()) as { deploymentInfo: { status: string } };
      expect(page.deploymentInfo.status).toBe('Succeeded');
      // GetPipelineState links the deployment group; the current revision (the bundle's S3 location) has no link.
      const state = await probes.action(name, 'Deploy', 'Instances');
      expect(state.entityUrl).toBe(`${env.url}/codedeploy/applications/PipelineApp/deployment-groups/Web?account=000000000000&region=us-east-1`);
      expect(state.currentRevision).toBeDefined();
      expect(state.revisionUrl).toBeUndefined();
      const { deploymentInfo } = await deploy.send(new GetDeploymentCommand({ deploymentId: result.externalExecutionId }));
      const artifact = actions.Instances.input!.inputArtifacts![0].s3location!;
      expect(deploymentInfo?.revision?.s3Location).toMatchObject({ bucket: artifact.bucket, key: artifact.key, bundleType: 'zip' });
      expect(await fetchSite(`${await siteUrl(env, instance)}index.html`)).toBe('<h1>from the pipeline</h1>\n');
      expect(readFileSync(join(s3(), 'website', 'live', 'site', 'index.html'), 'utf8')).toBe('<h1>from the pipeline</h1>\n');
      expect(readFileSync(join(s3(), 'website', 'live', 'appspec.yml'), 'utf8')).toContain('version: 0.0');
    });
  });

  describe('when an instance fails the revision', () => {
    it('fails the action with JobFailed and a summary naming the instance, the event and the script', async () => {
      putRevision(s3(), 'releases', 'bad.zip', siteFiles({ text: 'broken', failValidate: true }));
      const name = uniqueName('deploy-bad');
      const id = await probes.create(deployPipeline(name, 'bad.zip'));
      await probes.untilStatus(name, id, 'Failed', 90_000);
      const action = (await probes.actionsByName(name, id)).Instances;
      expect(action.status).toBe('Failed');
      expect(action.output?.executionResult?.externalExecutionSummary).toMatch(
        new RegExp(`^Deployment d-[A-Z0-9]{9} failed: instance ${instance} failed in ValidateService, script scripts/validate.sh \\(ScriptFailed\\)$`),
      );
      const state = await probes.action(name, 'Deploy', 'Instances');
      expect(state.latestExecution?.errorDetails?.code).toBe('JobFailed');
      expect(state.latestExecution?.errorDetails?.message).toContain('[stderr]the site is broken on purpose');
    });
  });

  describe('when the pipeline execution is stopped and its actions abandoned', () => {
    it('stops the deployment', async () => {
      putRevision(s3(), 'releases', 'slow.zip', siteFiles({ text: 'slow', validateSleep: 3 }));
      const name = uniqueName('deploy-stop');
      const id = await probes.create(deployPipeline(name, 'slow.zip'));
      const running = await probes.untilAction(name, 'Deploy', 'Instances', (a) => /^d-/.test(a.latestExecution?.externalExecutionId ?? ''), 60_000);
      const deploymentId = running.latestExecution!.externalExecutionId!;
      await pipelines.send(new StopPipelineExecutionCommand({ pipelineName: name, pipelineExecutionId: id, abandon: true, reason: 'test' }));
      const stopped = await waitFor(() => deploy.send(new GetDeploymentCommand({ deploymentId })), { timeoutMs: 60_000, intervalMs: 100 }, (o) => o.deploymentInfo?.status === 'Stopped');
      expect(stopped.deploymentInfo?.errorInformation?.code).toBe('MANUAL_STOP');
    });
  });
});
