import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { DeploymentRefusal } from '../../src/codedeploy/deployment-refusal.js';
import { RESTART_EVENT_MESSAGE } from '../../src/codedeploy/deployment-recovery.js';
import type { DeploymentRecord } from '../../src/store/index.js';
import { waitFor } from '../helpers/wait.js';
import { fakeAgent } from './fake-agent.js';
import { SCOPE, serviceFixture, webInstances, type ServiceFixture } from './service-fixture.js';

let fixture: ServiceFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

async function refusal(work: () => unknown): Promise<DeploymentRefusal> {
  try {
    await work();
  } catch (error) {
    if (error instanceof DeploymentRefusal) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

async function ended(f: ServiceFixture, d: DeploymentRecord): Promise<DeploymentRecord> {
  return f.service.waitForEnd(d.deploymentId, AbortSignal.timeout(10_000));
}

describe('DeploymentService', () => {
  describe('when a deployment succeeds', () => {
    it('gives it a d- id, copies its bundle, runs every instance and ends Succeeded', async () => {
      const agent = fakeAgent();
      const f = (fixture = serviceFixture(agent.deploy));
      f.group();
      const d = await f.service.create(SCOPE, { applicationName: 'app', deploymentGroupName: 'group', revision: f.putRevision('bucket', 'site.zip') });
      expect(d.deploymentId).toMatch(/^d-[A-Z0-9]{9}$/);
      expect(existsSync(d.bundlePath)).toBe(true);
      const end = await ended(f, d);
      expect(end).toMatchObject({ status: 'Succeeded', creator: 'user', fileExistsBehavior: 'DISALLOW', deploymentConfigName: 'CodeDeployDefault.OneAtATime' });
      expect(end.startMs).toBeGreaterThanOrEqual(end.createMs);
      expect(end.completeMs).toBeGreaterThanOrEqual(end.startMs!);
      const targets = f.deploymentStore.targets(d.deploymentId);
      expect(targets.map((t) => t.status)).toEqual(['Succeeded', 'Succeeded', 'Succeeded']);
      expect(targets[0].lifecycleEvents.map((e) => e.status)).toEqual(Array(7).fill('Succeeded'));
      expect(agent.calls[0].request).toMatchObject({ deploymentGroupId: 'group-id', bundleZip: d.bundlePath, target: { container: 'container-web-1' } });
    });

    it('goes one instance at a time with OneAtATime and all at once with AllAtOnce', async () => {
      const agent = fakeAgent(() => ({ delayMs: 5 }));
      const f = (fixture = serviceFixture(agent.deploy));
      f.group();
      const revision = f.putRevision('bucket', 'site.zip');
      await ended(f, await f.service.create(SCOPE, { applicationName: 'app', deploymentGroupName: 'group', revision }));
      const sequential = agent.calls.splice(0);
      for (let i = 1; i < sequential.length; i++) expect(sequential[i].startMs).toBeGreaterThanOrEqual(sequential[i - 1].endMs!);
      await ended(f, await f.service.create(SCOPE, { applicationName: 'app', deploymentGroupName: 'group', revision, deploymentConfigName: 'CodeDeployDefault.AllAtOnce' }));
      const parallel = agent.calls;
      expect(Math.max(...parallel.map((c) => c.startMs))).toBeLessThan(Math.min(...parallel.map((c) => c.endMs!)));
    });

    it('bundles an AppSpecContent revision as a zip holding appspec.yml', async () => {
      const f = (fixture = serviceFixture(fakeAgent().deploy));
      f.group();
      const content = 'version: 0.0\nos: linux\n';
      const d = await f.service.create(SCOPE, { applicationName: 'app', deploymentGroupName: 'group', revision: { revisionType: 'AppSpecContent', appSpecContent: { content } } });
      expect(strFromU8(unzipSync(readFileSync(d.bundlePath))['appspec.yml'])).toBe(content);
      expect(d.revision.appSpecContent?.sha256).toMatch(/^[0-9a-f]{64}$/);
      await ended(f, d);
    });
  });

  describe('when the revision is an object of a versioned bucket', () => {
    it('deploys the version its version id or ETag names, a tgz bundle as well, and registers what it fetched', async () => {
      const f = (fixture = serviceFixture(fakeAgent().deploy, webInstances(1)));
      f.group();
      await f.s3.buckets.create('versioned', undefined);
      await f.s3.buckets.update('versioned', (c) => ({ ...c, versioning: 'Enabled' }));
      const attributes = { headers: {}, metadata: {} };
      const one = zipSync({ 'appspec.yml': strToU8('version: 0.0\nos: linux\n# one\n') });
      const first = await f.s3.objects.put('versioned', 'app.zip', one, attributes);
      await f.s3.objects.put('versioned', 'app.zip', zipSync({ 'appspec.yml': strToU8('version: 0.0\nos: linux\n# two\n') }), attributes);
      const deploy = async (s3Location: object) => ended(f, await f.service.create(SCOPE, { applicationName: 'app', deploymentGroupName: 'group', revision: { revisionType: 'S3', s3Location } }));
      const byVersion = await deploy({ bucket: 'versioned', key: 'app.zip', bundleType: 'zip', version: first.versionId });
      expect(readFileSync(byVersion.bundlePath)).toEqual(Buffer.from(one));
      const byETag = await deploy({ bucket: 'versioned', key: 'app.zip', bundleType: 'zip', eTag: `"${first.etag}"` });
      expect(readFileSync(byETag.bundlePath)).toEqual(Buffer.from(one));
      const tgz = gzipSync(Buffer.from('not checked before the agent unpacks it'));
      await f.s3.objects.put('versioned', 'app.tgz', tgz, attributes);
      const tarball = await deploy({ bucket: 'versioned', key: 'app.tgz', bundleType: 'tgz' });
      expect(readFileSync(tarball.bundlePath)).toEqual(tgz);
      const registered = f.revisions.list(SCOPE, 'app').map((r) => [r.revision.s3Location, r.deploymentGroups]);
      expect(registered).toEqual([
        [{ bucket: 'versioned', key: 'app.zip', bundleType: 'zip', version: first.versionId, eTag: first.etag }, []],
        [{ bucket: 'versioned', key: 'app.tgz', bundleType: 'tgz', version: expect.any(String), eTag: expect.stringMatching(/^[0-9a-f]{32}$/) }, ['group']],
      ]);
    });
  });

  describe('when a request is refused', () => {
    it('answers with the refusal CreateDeployment gives for each missing or invalid part', async () => {
      const f = (fixture = serviceFixture(fakeAgent().deploy));
      f.group();
      const revision = f.putRevision('bucket', 'site.zip');
      const create = (r: object) => () => f.service.create(SCOPE, { applicationName: 'app', deploymentGroupName: 'group', revision, ...r });
      expect(await refusal(create({ applicationName: 'nope' }))).toMatchObject({ code: 'ApplicationDoesNotExist', message: 'No application found for name: nope' });
      expect(await refusal(create({ deploymentGroupName: 'nope' }))).toMatchObject({ code: 'DeploymentGroupDoesNotExist', message: 'No Deployment Group found for name: nope' });
      expect((await refusal(create({ deploymentGroupName: undefined }))).code).toBe('DeploymentGroupNameRequired');
      expect((await refusal(create({ deploymentConfigName: 'Custom' }))).code).toBe('DeploymentConfigDoesNotExist');
      expect((await refusal(create({ revision: undefined }))).code).toBe('RevisionRequired');
      expect((await refusal(create({ revision: { revisionType: 'S3', s3Location: { bucket: 'bucket', key: 'missing.zip', bundleType: 'zip' } } }))).code).toBe('RevisionDoesNotExist');
      expect((await refusal(create({ revision: { revisionType: 'S3', s3Location: { bucket: 'bucket', key: 'site.zip', bundleType: 'YAML' } } }))).code).toBe('InvalidRevision');
      expect((await refusal(create({ revision: { revisionType: 'S3', s3Location: { bucket: '..', key: 'x.zip', bundleType: 'zip' } } }))).code).toBe('InvalidRevision');
      expect((await refusal(create({ revision: { revisionType: 'GitHub', gitHubLocation: { repository: 'a/b', commitId: 'c' } } }))).code).toBe('InvalidRevision');
      expect((await refusal(create({ autoRollbackConfiguration: { enabled: true, events: [] } }))).code).toBe('InvalidAutoRollbackConfig');
    });

    it('refuses a second deployment while one is active in the group (DeploymentLimitExceeded)', async () => {
      const f = (fixture = serviceFixture(fakeAgent(() => ({ delayMs: 20 })).deploy));
      f.group();
      const revision = f.putRevision('bucket', 'site.zip');
      const first = await f.service.create(SCOPE, { applicationName: 'app', deploymentGroupName: 'group', revision });
      const second = await refusal(() => f.service.create(SCOPE, { applicationName: 'app', deploymentGroupName: 'group', revision }));
      expect(second).toMatchObject({ code: 'DeploymentLimitExceeded', message: `The Deployment Group 'group' already has an active Deployment '${first.deploymentId}'` });
      await ended(f, first);
      await ended(f, await f.service.create(SCOPE, { applicationName: 'app', deploymentGroupName: 'group', revision }));
    });
  });

  describe('when a deployment fails', () => {
    it('fails with NO_INSTANCES when the group selects no instance', async () => {
      const f = (fixture = serviceFixture(fakeAgent().deploy, []));
      f.group();
      const end = await ended(f, await f.service.create(SCOPE, { applicationName: 'app', deploymentGroupName: 'group', revision: f.putRevision('bucket', 'k.zip') }));
      expect(end.errorInformation?.code).toBe('NO_INSTANCES');
    });

    it('fails with HEALTH_CONSTRAINTS, skips the instances not attempted, and rolls back to the last good revision', async () => {
      const agent = fakeAgent((r) => ({ failAt: bad !== '' && r.deploymentId === bad && r.target.instanceName === 'web-1' ? 'ValidateService' : undefined }));
      let bad = '';
      const f = (fixture = serviceFixture(agent.deploy));
      f.group({ autoRollbackConfiguration: { enabled: true, events: ['DEPLOYMENT_FAILURE'] } });
      const good = await ended(f, await f.service.create(SCOPE, { applicationName: 'app', deploymentGroupName: 'group', revision: f.putRevision('bucket', 'v1.zip') }));
      f.service.events.on('deployment:created', (d) => void (bad ||= d.deploymentId));
      const failed = await ended(f, await f.service.create(SCOPE, { applicationName: 'app', deploymentGroupName: 'group', revision: f.putRevision('bucket', 'v2.zip') }));
      expect(failed.status).toBe('Failed');
      expect(failed.errorInformation?.code).toBe('HEALTH_CONSTRAINTS');
      expect(failed.previousRevision).toEqual(good.revision);
      expect(f.deploymentStore.targets(failed.deploymentId).map((t) => t.status)).toEqual(['Failed', 'Skipped', 'Skipped']);
      const rollbackId = failed.rollbackInfo?.rollbackDeploymentId;
      expect(rollbackId).toMatch(/^d-/);
      const rollback = await f.service.waitForEnd(rollbackId!, AbortSignal.timeout(10_000));
      expect(rollback).toMatchObject({ status: 'Succeeded', creator: 'codeDeployRollback', revision: good.revision, rollbackInfo: { rollbackTriggeringDeploymentId: failed.deploymentId } });
      expect(readFileSync(rollback.bundlePath)).toEqual(readFileSync(`${f.s3Dir}/bucket/v1.zip`));
    });

    it('explains in rollbackMessage why there was nothing to roll back to', async () => {
      const f = (fixture = serviceFixture(fakeAgent(() => ({ failAt: 'BeforeInstall' })).deploy, webInstances(1)));
      f.group({ autoRollbackConfiguration: { enabled: true, events: ['DEPLOYMENT_FAILURE'] } });
      const failed = await ended(f, await f.service.create(SCOPE, { applicationName: 'app', deploymentGroupName: 'group', revision: f.putRevision('bucket', 'v1.zip') }));
      expect(failed.rollbackInfo?.rollbackDeploymentId).toBeUndefined();
      expect(failed.rollbackInfo?.rollbackMessage).toContain('no previous successful deployment');
      expect(f.deploymentStore.list(SCOPE)).toHaveLength(1);
    });
  });

  describe('when a deployment is stopped', () => {
    it('ends Stopped with MANUAL_STOP, skips the rest, and refuses to stop it again', async () => {
      const f = (fixture = serviceFixture(fakeAgent(() => ({ hang: true })).deploy));
      f.group();
      const d = await f.service.create(SCOPE, { applicationName: 'app', deploymentGroupName: 'group', revision: f.putRevision('bucket', 'v1.zip') });
      await waitFor(() => f.deploymentStore.targets(d.deploymentId)[0].status === 'InProgress');
      expect(f.service.stop(SCOPE, d.deploymentId)).toEqual({ status: 'Pending', statusMessage: 'Stopping Pending. Stopping to schedule commands in the deployment instances' });
      const end = await ended(f, d);
      expect(end.status).toBe('Stopped');
      expect(end.errorInformation?.code).toBe('MANUAL_STOP');
      expect(f.deploymentStore.targets(d.deploymentId).slice(1).map((t) => t.status)).toEqual(['Skipped', 'Skipped']);
      expect((await refusal(() => f.service.stop(SCOPE, d.deploymentId))).code).toBe('DeploymentAlreadyCompleted');
    });

    it('rolls back when StopDeployment asks for it', async () => {
      let hang = false;
      const f = (fixture = serviceFixture(fakeAgent(() => ({ hang })).deploy, webInstances(1)));
      f.group();
      await ended(f, await f.service.create(SCOPE, { applicationName: 'app', deploymentGroupName: 'group', revision: f.putRevision('bucket', 'v1.zip') }));
      hang = true;
      const d = await f.service.create(SCOPE, { applicationName: 'app', deploymentGroupName: 'group', revision: f.putRevision('bucket', 'v2.zip') });
      await waitFor(() => f.deploymentStore.targets(d.deploymentId)[0].status === 'InProgress');
      hang = false;
      f.service.stop(SCOPE, d.deploymentId, true);
      const end = await ended(f, d);
      const rollback = await f.service.waitForEnd(end.rollbackInfo!.rollbackDeploymentId!, AbortSignal.timeout(10_000));
      expect(rollback).toMatchObject({ status: 'Succeeded', creator: 'codeDeployRollback' });
    });
  });

  describe('when the emulator restarts during a deployment', () => {
    it('fails the interrupted deployment, its instance in flight with the agent-restart message, and frees the group', async () => {
      const f = (fixture = serviceFixture(fakeAgent(() => ({ hang: true })).deploy));
      f.group();
      const revision = f.putRevision('bucket', 'v1.zip');
      const d = await f.service.create(SCOPE, { applicationName: 'app', deploymentGroupName: 'group', revision });
      await waitFor(() => f.deploymentStore.targets(d.deploymentId)[0].lifecycleEvents[0].status === 'InProgress');
      await f.service.close();
      const after = f.restart(fakeAgent().deploy);
      expect(after.recover()).toEqual([d.deploymentId]);
      const record = f.deploymentStore.get(d.deploymentId)!;
      expect(record.status).toBe('Failed');
      expect(record.errorInformation?.code).toBe('INTERNAL_ERROR');
      const [first, ...rest] = f.deploymentStore.targets(d.deploymentId);
      expect(first.status).toBe('Failed');
      expect(first.lifecycleEvents[0]).toMatchObject({ status: 'Failed', diagnostics: { errorCode: 'UnknownError', message: RESTART_EVENT_MESSAGE } });
      expect(rest.map((t) => t.status)).toEqual(['Skipped', 'Skipped']);
      const next = await after.create(SCOPE, { applicationName: 'app', deploymentGroupName: 'group', revision });
      expect((await after.waitForEnd(next.deploymentId, AbortSignal.timeout(10_000))).status).toBe('Succeeded');
    });
  });
});
