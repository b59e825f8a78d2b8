import {
  BatchGetDeploymentsCommand,
  BatchGetDeploymentTargetsCommand,
  CodeDeployClient,
  ContinueDeploymentCommand,
  CreateApplicationCommand,
  CreateDeploymentCommand,
  CreateDeploymentGroupCommand,
  GetDeploymentCommand,
  GetDeploymentGroupCommand,
  GetDeploymentInstanceCommand,
  GetDeploymentTargetCommand,
  ListDeploymentInstancesCommand,
  ListDeploymentsCommand,
  ListDeploymentTargetsCommand,
  SkipWaitTimeForInstanceTerminationCommand,
  StopDeploymentCommand,
} from '@aws-sdk/client-codedeploy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestEmulator } from '../../helpers/emulator.js';
import { errorOf } from '../../helpers/errors.js';
import { SERVICE_ROLE } from './service-role.js';
import { deregisterInstances, fetchSite, instanceName, registerInstance, siteUrl } from './local-instances.js';
import { putRevision, siteFiles } from './site-revision.js';
import { waitForDeployment } from './wait-for-deployment.js';

/** What went wrong in a deployment, for assertion messages: its error and its instances' failed events. */
async function explain(client: CodeDeployClient, deploymentId: string): Promise<string> {
  const { deploymentInfo } = await client.send(new GetDeploymentCommand({ deploymentId }));
  const { targetIds = [] } = await client.send(new ListDeploymentTargetsCommand({ deploymentId }));
  const { deploymentTargets = [] } = targetIds.length ? await client.send(new BatchGetDeploymentTargetsCommand({ deploymentId, targetIds })) : {};
  const failed = deploymentTargets.flatMap((t) => (t.instanceTarget?.lifecycleEvents ?? []).filter((e) => e.status === 'Failed').map((e) => ({ target: t.instanceTarget?.targetId, ...e })));
  return JSON.stringify({ deploymentId, status: deploymentInfo?.status, error: deploymentInfo?.errorInformation, failed });
}

describe('CodeDeploy deployments to Nginx instances', () => {
  const emulator = useTestEmulator({}, { client: CodeDeployClient });
  const solo = instanceName('solo');
  const fleet = [instanceName('fleet-a'), instanceName('fleet-b'), instanceName('fleet-c')];
  const deploy = async (group: string, key: string, files: Record<string, string>, extra: object = {}) => {
    const revision = putRevision(`${emulator.env.dataDir}/s3`, 'releases', key, files);
    const { deploymentId } = await emulator.client.send(new CreateDeploymentCommand({ applicationName: 'WebApp', deploymentGroupName: group, revision, ...extra }));
    return deploymentId!;
  };

  beforeAll(async () => {
    await registerInstance(emulator.client, solo, [{ Key: 'Role', Value: 'solo' }]);
    for (const name of fleet) await registerInstance(emulator.client, name, [{ Key: 'Role', Value: 'web' }]);
    await emulator.client.send(new CreateApplicationCommand({ applicationName: 'WebApp' }));
    await emulator.client.send(
      new CreateDeploymentGroupCommand({
        applicationName: 'WebApp',
        deploymentGroupName: 'Solo',
        serviceRoleArn: SERVICE_ROLE,
        onPremisesInstanceTagFilters: [{ Key: 'Role', Value: 'solo', Type: 'KEY_AND_VALUE' }],
        autoRollbackConfiguration: { enabled: true, events: ['DEPLOYMENT_FAILURE'] },
      }),
    );
    await emulator.client.send(
      new CreateDeploymentGroupCommand({ applicationName: 'WebApp', deploymentGroupName: 'Fleet', serviceRoleArn: SERVICE_ROLE, ec2TagFilters: [{ Key: 'Role', Value: 'web', Type: 'KEY_AND_VALUE' }] }),
    );
  }, 300_000);

  afterAll(async () => {
    if (emulator.client) await deregisterInstances(emulator.client, [solo, ...fleet]);
  }, 120_000);

  describe('when revisions are deployed to one instance', () => {
    let v1: string;
    let v2: string;

    it('serves the first revision over HTTP from the instance port', async () => {
      v1 = await deploy('Solo', 'v1.zip', siteFiles({ text: 'release one' }));
      expect(v1).toMatch(/^d-[A-Z0-9]{9}$/);
      expect((await waitForDeployment(emulator.client, v1)).status, await explain(emulator.client, v1)).toBe('Succeeded');
      expect(await fetchSite(`${await siteUrl(emulator.env, solo)}index.html`)).toBe('<h1>release one</h1>\n');
    });

    it('replaces it with a second revision, running the first revision ApplicationStop script', async () => {
      v2 = await deploy('Solo', 'v2.zip', siteFiles({ text: 'release two' }));
      expect((await waitForDeployment(emulator.client, v2)).status, await explain(emulator.client, v2)).toBe('Succeeded');
      expect(await fetchSite(`${await siteUrl(emulator.env, solo)}index.html`)).toBe('<h1>release two</h1>\n');
      const { deploymentTarget } = await emulator.client.send(new GetDeploymentTargetCommand({ deploymentId: v2, targetId: solo }));
      const stop = deploymentTarget?.instanceTarget?.lifecycleEvents?.find((e) => e.lifecycleEventName === 'ApplicationStop');
      expect(stop?.status).toBe('Succeeded');
      expect(stop?.diagnostics?.logTail).toContain(`[stdout]stopping release one for ${v2}`);
      const info = (await emulator.client.send(new GetDeploymentCommand({ deploymentId: v2 }))).deploymentInfo!;
      expect(info.previousRevision).toEqual({ revisionType: 'S3', s3Location: { bucket: 'releases', key: 'v1.zip', bundleType: 'zip' } });
    });

    it('fails a revision whose ValidateService fails, with the codes and log tail, and rolls back to the previous site', async () => {
      const bad = await deploy('Solo', 'v3.zip', siteFiles({ text: 'release three', failValidate: true }));
      const info = await waitForDeployment(emulator.client, bad);
      expect(info).toMatchObject({ status: 'Failed', errorInformation: { code: 'HEALTH_CONSTRAINTS' }, deploymentOverview: { Failed: 1, Succeeded: 0 } });
      const { deploymentTargets } = await emulator.client.send(new BatchGetDeploymentTargetsCommand({ deploymentId: bad, targetIds: [solo] }));
      const events = deploymentTargets![0].instanceTarget!.lifecycleEvents!;
      expect(events.map((e) => [e.lifecycleEventName, e.status])).toEqual([
        ['ApplicationStop', 'Succeeded'],
        ['DownloadBundle', 'Succeeded'],
        ['BeforeInstall', 'Succeeded'],
        ['Install', 'Succeeded'],
        ['AfterInstall', 'Succeeded'],
        ['ApplicationStart', 'Succeeded'],
        ['ValidateService', 'Failed'],
      ]);
      const diagnostics = events[6].diagnostics!;
      expect(diagnostics).toMatchObject({ errorCode: 'ScriptFailed', scriptName: 'scripts/validate.sh', message: 'Script at specified location: scripts/validate.sh failed with exit code 1' });
      expect(diagnostics.logTail).toContain('[stderr]the site is broken on purpose');
      const rollbackId = info.rollbackInfo?.rollbackDeploymentId;
      expect(rollbackId).toMatch(/^d-[A-Z0-9]{9}$/);
      const rollback = await waitForDeployment(emulator.client, rollbackId!);
      expect(rollback.status, await explain(emulator.client, rollbackId!)).toBe('Succeeded');
      expect(rollback).toMatchObject({
        status: 'Succeeded',
        creator: 'codeDeployRollback',
        revision: { revisionType: 'S3', s3Location: { bucket: 'releases', key: 'v2.zip' } },
        rollbackInfo: { rollbackTriggeringDeploymentId: bad },
      });
      expect(await fetchSite(`${await siteUrl(emulator.env, solo)}index.html`)).toBe('<h1>release two</h1>\n');
      const group = (await emulator.client.send(new GetDeploymentGroupCommand({ applicationName: 'WebApp', deploymentGroupName: 'Solo' }))).deploymentGroupInfo!;
      expect(group.lastSuccessfulDeployment?.deploymentId).toBe(rollbackId);
      expect(group.targetRevision).toEqual(rollback.revision);
    });

    it('shows deployments and instance results as AWS does', async () => {
      const info = (await emulator.client.send(new GetDeploymentCommand({ deploymentId: v1 }))).deploymentInfo!;
      expect(info).toMatchObject({
        applicationName: 'WebApp',
        deploymentGroupName: 'Solo',
        deploymentConfigName: 'CodeDeployDefault.OneAtATime',
        deploymentId: v1,
        revision: { revisionType: 'S3', s3Location: { bucket: 'releases', key: 'v1.zip', bundleType: 'zip' } },
        status: 'Succeeded',
        creator: 'user',
        deploymentOverview: { Pending: 0, InProgress: 0, Succeeded: 1, Failed: 0, Skipped: 0, Ready: 0 },
        deploymentStyle: { deploymentType: 'IN_PLACE', deploymentOption: 'WITHOUT_TRAFFIC_CONTROL' },
        fileExistsBehavior: 'DISALLOW',
        ignoreApplicationStopFailures: false,
        computePlatform: 'Server',
      });
      expect(info.createTime!.getTime()).toBeLessThanOrEqual(info.startTime!.getTime());
      expect(info.startTime!.getTime()).toBeLessThanOrEqual(info.completeTime!.getTime());
      const listed = (await emulator.client.send(new ListDeploymentsCommand({ applicationName: 'WebApp', deploymentGroupName: 'Solo' }))).deployments!;
      expect(listed.at(-1)).toBe(v1);
      expect(listed).toHaveLength(4);
      expect((await emulator.client.send(new ListDeploymentsCommand({ includeOnlyStatuses: ['Failed'] }))).deployments).toHaveLength(1);
      expect((await emulator.client.send(new BatchGetDeploymentsCommand({ deploymentIds: [v1, v2] }))).deploymentsInfo?.map((d) => d.deploymentId)).toEqual([v1, v2]);
      expect((await emulator.client.send(new ListDeploymentTargetsCommand({ deploymentId: v1 }))).targetIds).toEqual([solo]);
      expect((await emulator.client.send(new ListDeploymentInstancesCommand({ deploymentId: v1 }))).instancesList).toEqual([solo]);
      const { instanceSummary } = await emulator.client.send(new GetDeploymentInstanceCommand({ deploymentId: v1, instanceId: solo }));
      expect(instanceSummary).toMatchObject({ deploymentId: v1, instanceId: expect.stringMatching(new RegExp(`^arn:aws:codedeploy:us-east-1:000000000000:instance/${solo}`)), status: 'Succeeded' });
      for (const event of instanceSummary!.lifecycleEvents!) {
        expect(event.startTime!.getTime()).toBeLessThanOrEqual(event.endTime!.getTime());
        expect(event.diagnostics?.errorCode).toBe('Success');
      }
      const missing = await errorOf(emulator.client.send(new GetDeploymentCommand({ deploymentId: 'd-AAAAAAAAA' })));
      expect(missing.name).toBe('DeploymentDoesNotExistException');
      expect((await errorOf(emulator.client.send(new GetDeploymentCommand({ deploymentId: 'not-an-id' })))).name).toBe('InvalidDeploymentIdException');
      expect((await errorOf(emulator.client.send(new StopDeploymentCommand({ deploymentId: v1 })))).name).toBe('DeploymentAlreadyCompletedException');
    });
  });

  describe('when a deployment group has three instances', () => {
    it('deploys OneAtATime one instance after the other, as the event timestamps show, and refuses a second deployment meanwhile', async () => {
      const id = await deploy('Fleet', 'fleet.zip', siteFiles({ text: 'fleet release', validateSleep: 0.3 }));
      const second = await errorOf(deploy('Fleet', 'fleet.zip', siteFiles({ text: 'fleet release' })));
      expect(second).toMatchObject({ name: 'DeploymentLimitExceededException', message: `The Deployment Group 'Fleet' already has an active Deployment '${id}'` });
      // An in-place deployment never waits for a reroute or for original instances' termination.
      const unsupported = { name: 'UnsupportedActionForDeploymentTypeException', status: 400 };
      expect(await errorOf(emulator.client.send(new ContinueDeploymentCommand({ deploymentId: id, deploymentWaitType: 'READY_WAIT' })))).toMatchObject(unsupported);
      expect(await errorOf(emulator.client.send(new SkipWaitTimeForInstanceTerminationCommand({ deploymentId: id })))).toMatchObject(unsupported);
      expect((await waitForDeployment(emulator.client, id)).status, await explain(emulator.client, id)).toBe('Succeeded');
      const { deploymentTargets } = await emulator.client.send(new BatchGetDeploymentTargetsCommand({ deploymentId: id, targetIds: fleet }));
      const spans = deploymentTargets!
        .map((t) => t.instanceTarget!.lifecycleEvents!)
        .map((events) => ({ start: Math.min(...events.map((e) => e.startTime!.getTime())), end: Math.max(...events.map((e) => e.endTime!.getTime())) }))
        .sort((a, b) => a.start - b.start);
      for (let i = 1; i < spans.length; i++) expect(spans[i].start).toBeGreaterThanOrEqual(spans[i - 1].end);
      for (const name of fleet) expect(await fetchSite(`${await siteUrl(emulator.env, name)}index.html`)).toBe('<h1>fleet release</h1>\n');
    });
  });

  describe('when the revision is an appspec given inline', () => {
    it('deploys AppSpecContent to every instance at once with AllAtOnce', async () => {
      const content = 'version: 0.0\nos: linux\n';
      const { deploymentId } = await emulator.client.send(
        new CreateDeploymentCommand({
          applicationName: 'WebApp',
          deploymentGroupName: 'Fleet',
          deploymentConfigName: 'CodeDeployDefault.AllAtOnce',
          revision: { revisionType: 'AppSpecContent', appSpecContent: { content } },
        }),
      );
      const info = await waitForDeployment(emulator.client, deploymentId!);
      expect(info.status, await explain(emulator.client, deploymentId!)).toBe('Succeeded');
      expect(info).toMatchObject({ deploymentConfigName: 'CodeDeployDefault.AllAtOnce', deploymentOverview: { Succeeded: 3 }, revision: { revisionType: 'AppSpecContent', appSpecContent: { content } } });
    });
  });
});
