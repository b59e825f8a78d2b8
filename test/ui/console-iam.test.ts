import { CodePipelineClient, CreatePipelineCommand } from '@aws-sdk/client-codepipeline';
import { AttachUserPolicyCommand, CreateAccessKeyCommand, CreatePolicyCommand, CreateRoleCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { localPipeline } from '../helpers/local-pipelines.js';
import { uniqueName } from '../helpers/pipelines.js';
import { useConsoleHarness } from './helpers/browser.js';

const ROOT = { accessKeyId: 'AKIAROOTTESTKEY00004', secretAccessKey: 'root/secret/for/the/console' };

describe('the console with serve --iam', () => {
  const h = useConsoleHarness({ iam: true, rootAccessKeyId: ROOT.accessKeyId, rootSecretAccessKey: ROOT.secretAccessKey });
  const name = uniqueName('signed');
  const keys: Record<string, { id: string; secret: string }> = {};

  beforeAll(async () => {
    const settings = { endpoint: h.env.url, region: 'us-east-1', credentials: ROOT, maxAttempts: 1 };
    const iam = new IAMClient(settings);
    const codepipeline = new CodePipelineClient(settings);
    try {
      await iam.send(new CreateRoleCommand({ RoleName: 'cp', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'codepipeline.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) }));
      for (const user of ['viewer', 'nobody']) {
        await iam.send(new CreateUserCommand({ UserName: user }));
        const key = (await iam.send(new CreateAccessKeyCommand({ UserName: user }))).AccessKey!;
        keys[user] = { id: key.AccessKeyId!, secret: key.SecretAccessKey! };
      }
      await iam.send(new AttachUserPolicyCommand({ UserName: 'viewer', PolicyArn: 'arn:aws:iam::aws:policy/AWSCodePipeline_ReadOnlyAccess' }));
      const readIam = await iam.send(new CreatePolicyCommand({ PolicyName: 'read-iam', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:List*', 'iam:GetAccountAuthorizationDetails'], Resource: '*' }] }) }));
      await iam.send(new AttachUserPolicyCommand({ UserName: 'viewer', PolicyArn: readIam.Policy!.Arn }));
      await codepipeline.send(new CreatePipelineCommand({ pipeline: localPipeline(name, [{ name: 'Approve', actions: [{ name: 'Approve', actionTypeId: { category: 'Approval', owner: 'AWS', provider: 'Manual', version: '1' } }] }]) }));
    } finally {
      iam.destroy();
      codepipeline.destroy();
    }
  });

  async function signIn(page: Page, user: string) {
    await page.locator('button.caller').click();
    await page.locator('input[name="accessKeyId"]').fill(keys[user].id);
    await page.locator('input[name="secretAccessKey"]').fill(keys[user].secret);
    await page.getByRole('button', { name: 'Switch' }).click();
  }

  it('asks for an access key, signs every call with it in the browser, and shows a refusal plainly', async () => {
    const page = await h.open('/console/');
    await page.getByText('enter an access key under the account and region at the top').waitFor();
    await signIn(page, 'viewer');
    await page.getByRole('link', { name }).first().waitFor();
    await h.screenshot(page, 'iam-signed-in');
    // The key is kept for the tab's session, not in the page's long-lived storage.
    expect(await page.evaluate(() => localStorage.getItem('codepipeline-local.console.caller'))).not.toContain(keys.viewer.id);
    expect(await page.evaluate(() => sessionStorage.getItem('codepipeline-local.console.credentials'))).toContain(keys.viewer.id);

    await signIn(page, 'nobody');
    const refusal = `AccessDeniedException: User: arn:aws:iam::000000000000:user/nobody is not authorized to perform: codepipeline:ListPipelines on resource: * because no identity-based policy allows the codepipeline:ListPipelines action`;
    await page.getByText(refusal).waitFor();
    await h.screenshot(page, 'iam-access-denied');
  });

  it('lists the users, roles and customer managed policies on the Access page, through signed IAM calls', async () => {
    const page = await h.open('/console/access');
    await signIn(page, 'viewer');
    await page.getByTestId('iam-users').getByText('arn:aws:iam::000000000000:user/nobody').waitFor();
    await page.getByTestId('iam-roles').getByText('arn:aws:iam::000000000000:role/cp').waitFor();
    await expect(page.getByTestId('iam-policies').textContent()).resolves.toContain('read-iam');
    // The first test's refusal, with who, what and why.
    const denials = page.getByTestId('iam-denials');
    await denials.getByText('arn:aws:iam::000000000000:user/nobody').first().waitFor();
    await expect(denials.textContent()).resolves.toContain('codepipeline:ListPipelines');
    await expect(denials.textContent()).resolves.toContain('No policy allows codepipeline:ListPipelines on this resource.');
    await h.screenshot(page, 'iam-access-page');
    await signIn(page, 'nobody');
    await page.getByText('AccessDenied: User: arn:aws:iam::000000000000:user/nobody is not authorized to perform: iam:ListUsers on resource: *', { exact: false }).waitFor();
  });
});
