import {
  CodeDeployClient,
  CreateApplicationCommand,
  CreateDeploymentGroupCommand,
  GetApplicationRevisionCommand,
  ListApplicationRevisionsCommand,
} from '@aws-sdk/client-codedeploy';
import { CreateBucketCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestEmulator } from '../../helpers/emulator.js';
import { aws } from '../protocol/tiny/aws-cli.js';
import { s3ClientSettings } from '../s3/s3-emulator.js';
import { deregisterInstances, fetchSite, instanceName, registerInstance, siteUrl } from './local-instances.js';
import { SERVICE_ROLE } from './service-role.js';
import { siteFiles } from './site-revision.js';
import { waitForDeployment } from './wait-for-deployment.js';

describe('aws deploy push, then aws deploy create-deployment of the pushed revision', () => {
  const emulator = useTestEmulator({}, { client: CodeDeployClient });
  const work = mkdtempSync(join(tmpdir(), 'cpl-deploy-push-'));
  const instance = instanceName('pushed');
  let s3: S3Client;
  // `aws deploy push` makes its S3 client without --endpoint-url: AWS_ENDPOINT_URL_S3 points it at the emulator.
  const cli = (args: string[]) => aws(emulator.env.url, args, { AWS_ENDPOINT_URL_S3: emulator.env.url });

  beforeAll(async () => {
    s3 = new S3Client({ ...s3ClientSettings(emulator.env.url), forcePathStyle: true });
    await registerInstance(emulator.client, instance, [{ Key: 'Role', Value: 'pushed' }]);
    await emulator.client.send(new CreateApplicationCommand({ applicationName: 'PushedApp' }));
    await emulator.client.send(
      new CreateDeploymentGroupCommand({ applicationName: 'PushedApp', deploymentGroupName: 'Web', serviceRoleArn: SERVICE_ROLE, onPremisesInstanceTagFilters: [{ Key: 'Role', Value: 'pushed', Type: 'KEY_AND_VALUE' }] }),
    );
    await s3.send(new CreateBucketCommand({ Bucket: 'pushed-revisions' }));
    const files = { ...siteFiles({ text: 'pushed by the CLI' }) };
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(work, 'app', name)), { recursive: true });
      writeFileSync(join(work, 'app', name), text);
    }
    // Past the CLI's 6 MB multipart limit, so the bundle goes up in parts.
    writeFileSync(join(work, 'app', 'site', 'big.bin'), randomBytes(7 * 1024 * 1024));
  }, 300_000);

  afterAll(async () => {
    if (emulator.client) await deregisterInstances(emulator.client, [instance]);
    s3?.destroy();
    rmSync(work, { recursive: true, force: true });
  }, 120_000);

  it('uploads the zipped folder in parts, registers it, and deploys it to the instance', async () => {
    const push = await cli(['deploy', 'push', '--application-name', 'PushedApp', '--s3-location', 's3://pushed-revisions/app.zip', '--source', join(work, 'app')]);
    expect(push.code, push.stderr).toBe(0);
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'pushed-revisions', Key: 'app.zip' }));
    const eTag = head.ETag!.replace(/"/g, '');
    expect(eTag).toMatch(/^[0-9a-f]{32}-2$/);
    expect(push.stdout).toContain(`--s3-location bucket=pushed-revisions,key=app.zip,bundleType=zip,eTag=${eTag}`);
    const location = { revisionType: 'S3' as const, s3Location: { bucket: 'pushed-revisions', key: 'app.zip', bundleType: 'zip' as const, eTag } };
    const registered = await emulator.client.send(new GetApplicationRevisionCommand({ applicationName: 'PushedApp', revision: location }));
    expect(registered.revisionInfo?.description).toMatch(/^Uploaded by AWS CLI /);

    const created = await cli(['deploy', 'create-deployment', '--application-name', 'PushedApp', '--deployment-group-name', 'Web', '--s3-location', 'bucket=pushed-revisions,key=app.zip,bundleType=zip']);
    expect(created.code, created.stderr).toBe(0);
    const ended = await waitForDeployment(emulator.client, created.json.deploymentId as string);
    expect(ended.status, JSON.stringify(ended.errorInformation)).toBe('Succeeded');
    expect(await fetchSite(`${await siteUrl(emulator.env, instance)}index.html`)).toBe('<h1>pushed by the CLI</h1>\n');

    // The deployment used the pushed revision: one revision, now the group's target, with its first and last use.
    const { revisions } = await emulator.client.send(new ListApplicationRevisionsCommand({ applicationName: 'PushedApp', deployed: 'include' }));
    expect(revisions).toEqual([location]);
    const used = await emulator.client.send(new GetApplicationRevisionCommand({ applicationName: 'PushedApp', revision: location }));
    expect(used.revisionInfo).toMatchObject({ deploymentGroups: ['Web'], firstUsedTime: expect.any(Date), lastUsedTime: expect.any(Date) });
  }, 180_000);
});
