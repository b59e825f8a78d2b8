import { CodeDeployClient, CreateApplicationCommand, CreateDeploymentGroupCommand } from '@aws-sdk/client-codedeploy';
import { ListDeployActionExecutionTargetsCommand, ListPipelineExecutionsCommand, type CodePipelineClient, type PipelineExecutionSummary } from '@aws-sdk/client-codepipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineDeclaration } from '../../../src/model/index.js';
import { deregisterInstances, fetchSite, instanceName, registerInstance, siteUrl } from '../../api/codedeploy/local-instances.js';
import { SERVICE_ROLE } from '../../api/codedeploy/service-role.js';
import { putRevision, siteFiles } from '../../api/codedeploy/site-revision.js';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator.js';
import { executionProbes } from '../../helpers/execution-probes.js';
import { awsAction, pipelineOf, uniqueName } from '../../helpers/pipelines.js';
import { waitFor } from '../../helpers/wait.js';

/** S3 source -> CodeDeploy to one Nginx instance, the Deploy stage rolling back by itself when it fails. */
function rollbackPipeline(name: string): PipelineDeclaration {
  const bundle = [{ name: 'SiteBundle' }];
  return pipelineOf(
    name,
    [
      { name: 'Source', actions: [awsAction('Source', 'Source', 'S3', { S3Bucket: 'releases', S3ObjectKey: 'site.zip', PollForSourceChanges: 'false' }, { outputArtifacts: bundle })] },
      {
        name: 'Deploy',
        actions: [awsAction('Web', 'Deploy', 'CodeDeploy', { ApplicationName: 'RollbackApp', DeploymentGroupName: 'Web' }, { inputArtifacts: bundle })],
        onFailure: { result: 'ROLLBACK' },
      },
    ],
    { pipelineType: 'V2', artifactStore: { type: 'S3', location: 'codepipeline-us-east-1-000000000000' } },
  );
}

describe('a CodeDeploy stage with onFailure ROLLBACK, on a real instance', () => {
  let env: TestEmulator;
  let pipelines: CodePipelineClient;
  let deploy: CodeDeployClient;
  const probes = executionProbes(() => pipelines);
  const instance = instanceName('rollback');

  beforeAll(async () => {
    env = await startTestEmulator();
    pipelines = env.codepipeline();
    deploy = env.client(CodeDeployClient);
    await registerInstance(deploy, instance, [{ Key: 'Rollback', Value: 'yes' }]);
    await deploy.send(new CreateApplicationCommand({ applicationName: 'RollbackApp' }));
    await deploy.send(
      new CreateDeploymentGroupCommand({ applicationName: 'RollbackApp', deploymentGroupName: 'Web', serviceRoleArn: SERVICE_ROLE, ec2TagFilters: [{ Key: 'Rollback', Type: 'KEY_ONLY' }] }),
    );
  }, 300_000);

  afterAll(async () => {
    if (deploy) await deregisterInstances(deploy, [instance]);
    await env?.close();
  }, 120_000);

  it('serves the previous page again after a release whose ValidateService fails, and lists the deploy targets', async () => {
    const s3 = `${env.dataDir}/s3`;
    putRevision(s3, 'releases', 'site.zip', siteFiles({ text: 'release one' }));
    const name = uniqueName('rollback');
    const first = await probes.create(rollbackPipeline(name));
    await probes.untilStatus(name, first, 'Succeeded', 120_000);
    expect(await fetchSite(`${await siteUrl(env, instance)}index.html`)).toBe('<h1>release one</h1>\n');

    const web = (await probes.actionsByName(name, first)).Web;
    const { targets } = await pipelines.send(new ListDeployActionExecutionTargetsCommand({ pipelineName: name, actionExecutionId: web.actionExecutionId }));
    expect(targets).toHaveLength(1);
    expect(targets![0]).toMatchObject({ targetId: instance, targetType: 'InstanceTarget', status: 'Succeeded', startTime: expect.any(Date), endTime: expect.any(Date) });
    expect(targets![0].events!.map((e) => e.name)).toContain('ValidateService');
    expect(targets![0].events!.find((e) => e.name === 'ValidateService')?.status).toBe('Succeeded');
    const failedOnly = await pipelines.send(new ListDeployActionExecutionTargetsCommand({ actionExecutionId: web.actionExecutionId, filters: [{ name: 'TARGET_STATUS', values: ['Failed'] }] }));
    expect(failedOnly.targets).toEqual([]);

    // The new object starts the pipeline by itself (PollForSourceChanges false: the S3 event rule); a manual start
    // beside it would queue a third run of release two behind the rollback.
    putRevision(s3, 'releases', 'site.zip', siteFiles({ text: 'release two', failValidate: true }));
    const isSecond = (s: PipelineExecutionSummary) => s.pipelineExecutionId !== first && s.executionType === 'STANDARD';
    const started = await waitFor(
      async () => (await pipelines.send(new ListPipelineExecutionsCommand({ pipelineName: name }))).pipelineExecutionSummaries!,
      { timeoutMs: 120_000, intervalMs: 200, description: 'the execution the new object starts' },
      (list) => list.some(isSecond),
    );
    const second = started.find(isSecond)!.pipelineExecutionId;
    expect(started.find(isSecond)!.trigger?.triggerType).toBe('CloudWatchEvent');
    await probes.untilStatus(name, second!, 'Failed', 120_000);
    const rollback = await waitFor(
      async () => (await pipelines.send(new ListPipelineExecutionsCommand({ pipelineName: name }))).pipelineExecutionSummaries![0],
      { timeoutMs: 120_000, intervalMs: 200 },
      (s) => s.executionType === 'ROLLBACK' && s.status === 'Succeeded',
    );
    expect(rollback).toMatchObject({ trigger: { triggerType: 'AutomatedRollback' }, rollbackMetadata: { rollbackTargetPipelineExecutionId: first } });
    expect(await fetchSite(`${await siteUrl(env, instance)}index.html`)).toBe('<h1>release one</h1>\n');

    const failedWeb = (await probes.actionsByName(name, second!)).Web;
    const failedTargets = await pipelines.send(new ListDeployActionExecutionTargetsCommand({ actionExecutionId: failedWeb.actionExecutionId, filters: [{ name: 'TARGET_STATUS', values: ['Failed'] }] }));
    const validate = failedTargets.targets![0].events!.find((e) => e.name === 'ValidateService');
    expect(validate).toMatchObject({ status: 'Failed', context: { message: expect.any(String) } });
  }, 400_000);
});
