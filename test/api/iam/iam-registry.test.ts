import {
  AddUserToGroupCommand, AttachRolePolicyCommand, AttachUserPolicyCommand, CreateAccessKeyCommand, CreateGroupCommand, CreatePolicyCommand,
  CreatePolicyVersionCommand, CreateRoleCommand, CreateUserCommand, DeleteConflictException, DeletePolicyCommand, DeleteRoleCommand, DeleteUserCommand,
  DetachUserPolicyCommand, EntityAlreadyExistsException, GetPolicyVersionCommand, GetRoleCommand, GetRolePolicyCommand, GetUserCommand, IAMClient,
  ListAccessKeysCommand, ListAttachedUserPoliciesCommand, ListPoliciesCommand, ListRolesCommand, ListUsersCommand, MalformedPolicyDocumentException,
  NoSuchEntityException, PutRolePolicyCommand, UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { errorOf } from '../../helpers/errors.js';
import { TEST_ACCOUNT, useTestEmulator } from '../../helpers/emulator.js';
import { aws } from '../protocol/tiny/aws-cli.js';

const TRUST_ACCOUNT = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${TEST_ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] });
const TRUST_PIPELINE = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'codepipeline.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const READ_PIPELINES = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'codepipeline:Get*', Resource: '*' }] });

describe('IAM and STS without --iam (a registry)', () => {
  const h = useTestEmulator({}, { client: IAMClient });

  it('creates users, keys, groups and lists them as IAM does', async () => {
    const created = await h.client.send(new CreateUserCommand({ UserName: 'alice', Tags: [{ Key: 'team', Value: 'web' }] }));
    expect(created.User).toMatchObject({ UserName: 'alice', Path: '/', Arn: `arn:aws:iam::${TEST_ACCOUNT}:user/alice`, UserId: expect.stringMatching(/^AIDA[A-Z2-7]{17}$/), Tags: [{ Key: 'team', Value: 'web' }] });
    expect(created.User?.CreateDate).toBeInstanceOf(Date);
    const key = await h.client.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
    expect(key.AccessKey).toMatchObject({ UserName: 'alice', Status: 'Active', AccessKeyId: expect.stringMatching(/^AKIA[A-Z2-7]{16}$/), SecretAccessKey: expect.any(String) });
    const keys = await h.client.send(new ListAccessKeysCommand({ UserName: 'alice' }));
    expect(keys.AccessKeyMetadata?.map((k) => k.AccessKeyId)).toEqual([key.AccessKey?.AccessKeyId]);
    expect(keys.AccessKeyMetadata?.[0]).not.toHaveProperty('SecretAccessKey');
    await h.client.send(new CreateGroupCommand({ GroupName: 'devs' }));
    await h.client.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'alice' }));
    expect((await h.client.send(new ListUsersCommand({}))).Users?.map((u) => u.UserName)).toContain('alice');
    expect((await h.client.send(new GetUserCommand({ UserName: 'alice' }))).User?.UserName).toBe('alice');

    expect(await errorOf(h.client.send(new CreateUserCommand({ UserName: 'alice' })))).toEqual({ name: 'EntityAlreadyExistsException', message: 'User with name alice already exists.', status: 409 });
    expect(await errorOf(h.client.send(new GetUserCommand({ UserName: 'nobody' })))).toEqual({ name: 'NoSuchEntityException', message: 'The user with name nobody cannot be found.', status: 404 });
    const conflict = await h.client.send(new DeleteUserCommand({ UserName: 'alice' })).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(DeleteConflictException);
    expect(conflict).toMatchObject({ message: 'Cannot delete entity, must delete access keys first.' });
  });

  it('answers a name that breaks the model with ValidationError in query XML', async () => {
    const res = await fetch(h.env.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=CreateUser&Version=2010-05-08&UserName=bad%20name' });
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).toContain('<Code>ValidationError</Code>');
    expect(body).toMatch(/<ErrorResponse xmlns="https:\/\/iam.amazonaws.com\/doc\/2010-05-08\/">/);
  });

  it('keeps roles with their trust policy (URL-encoded on the wire), inline and managed policies and versions', async () => {
    const role = await h.client.send(new CreateRoleCommand({ RoleName: 'pipeline-role', AssumeRolePolicyDocument: TRUST_PIPELINE, Description: 'for pipelines' }));
    expect(role.Role).toMatchObject({ RoleName: 'pipeline-role', Arn: `arn:aws:iam::${TEST_ACCOUNT}:role/pipeline-role`, RoleId: expect.stringMatching(/^AROA/), MaxSessionDuration: 3600 });
    expect(decodeURIComponent(role.Role!.AssumeRolePolicyDocument!)).toBe(TRUST_PIPELINE);
    await h.client.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'pipeline-role', PolicyDocument: TRUST_ACCOUNT }));
    expect(decodeURIComponent((await h.client.send(new GetRoleCommand({ RoleName: 'pipeline-role' }))).Role!.AssumeRolePolicyDocument!)).toBe(TRUST_ACCOUNT);
    expect((await h.client.send(new ListRolesCommand({}))).Roles?.map((r) => r.RoleName)).toContain('pipeline-role');
    await h.client.send(new PutRolePolicyCommand({ RoleName: 'pipeline-role', PolicyName: 'inline', PolicyDocument: READ_PIPELINES }));
    expect(decodeURIComponent((await h.client.send(new GetRolePolicyCommand({ RoleName: 'pipeline-role', PolicyName: 'inline' }))).PolicyDocument!)).toBe(READ_PIPELINES);

    const policy = await h.client.send(new CreatePolicyCommand({ PolicyName: 'readers', PolicyDocument: READ_PIPELINES }));
    expect(policy.Policy).toMatchObject({ Arn: `arn:aws:iam::${TEST_ACCOUNT}:policy/readers`, DefaultVersionId: 'v1', AttachmentCount: 0, IsAttachable: true });
    const v2 = await h.client.send(new CreatePolicyVersionCommand({ PolicyArn: policy.Policy!.Arn, PolicyDocument: TRUST_ACCOUNT.replace(/"Principal":\{[^}]*\},/, '').replace('"Action"', '"Resource":"*","Action"'), SetAsDefault: true }));
    expect(v2.PolicyVersion).toMatchObject({ VersionId: 'v2', IsDefaultVersion: true });
    const v1 = await h.client.send(new GetPolicyVersionCommand({ PolicyArn: policy.Policy!.Arn, VersionId: 'v1' }));
    expect(decodeURIComponent(v1.PolicyVersion!.Document!)).toBe(READ_PIPELINES);
    await h.client.send(new AttachRolePolicyCommand({ RoleName: 'pipeline-role', PolicyArn: policy.Policy!.Arn }));
    await h.client.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: 'arn:aws:iam::aws:policy/AWSCodePipeline_ReadOnlyAccess' }));
    expect((await h.client.send(new ListAttachedUserPoliciesCommand({ UserName: 'alice' }))).AttachedPolicies).toEqual([{ PolicyName: 'AWSCodePipeline_ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/AWSCodePipeline_ReadOnlyAccess' }]);
    const local = await h.client.send(new ListPoliciesCommand({ Scope: 'Local' }));
    expect(local.Policies?.map((p) => [p.PolicyName, p.AttachmentCount])).toEqual([['readers', 1]]);
    expect(await errorOf(h.client.send(new DeletePolicyCommand({ PolicyArn: policy.Policy!.Arn })))).toEqual({ name: 'DeleteConflictException', message: 'Cannot delete a policy attached to entities.', status: 409 });
    expect(await errorOf(h.client.send(new DeleteRoleCommand({ RoleName: 'pipeline-role' })))).toMatchObject({ name: 'DeleteConflictException' });
    await h.client.send(new DetachUserPolicyCommand({ UserName: 'alice', PolicyArn: 'arn:aws:iam::aws:policy/AWSCodePipeline_ReadOnlyAccess' }));
    expect((await h.client.send(new ListAttachedUserPoliciesCommand({ UserName: 'alice' }))).AttachedPolicies).toEqual([]);
  });

  it('refuses malformed documents and unknown entities with IAM errors', async () => {
    const malformed = await h.client.send(new CreatePolicyCommand({ PolicyName: 'bad', PolicyDocument: '{"Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}' })).catch((e: unknown) => e);
    expect(malformed).toBeInstanceOf(MalformedPolicyDocumentException);
    expect(malformed).toMatchObject({ message: 'Policy statement must contain resources.' });
    const trustWithResource = await errorOf(h.client.send(new CreateRoleCommand({ RoleName: 'r2', AssumeRolePolicyDocument: READ_PIPELINES })));
    expect(trustWithResource).toMatchObject({ name: 'MalformedPolicyDocumentException', status: 400 });
    expect(await h.client.send(new AttachRolePolicyCommand({ RoleName: 'pipeline-role', PolicyArn: `arn:aws:iam::${TEST_ACCOUNT}:policy/none` })).catch((e: unknown) => e)).toBeInstanceOf(NoSuchEntityException);
    expect(await h.client.send(new CreateRoleCommand({ RoleName: 'pipeline-role', AssumeRolePolicyDocument: TRUST_ACCOUNT })).catch((e: unknown) => e)).toBeInstanceOf(EntityAlreadyExistsException);
  });

  it('answers GetCallerIdentity with the root for unsigned and unknown keys, and the user for its own key', async () => {
    const sts = h.env.client(STSClient);
    expect(await sts.send(new GetCallerIdentityCommand({}))).toMatchObject({ Account: TEST_ACCOUNT, Arn: `arn:aws:iam::${TEST_ACCOUNT}:root`, UserId: TEST_ACCOUNT });
    const unsigned = await fetch(h.env.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=GetCallerIdentity&Version=2011-06-15' });
    expect(await unsigned.text()).toContain(`<Arn>arn:aws:iam::${TEST_ACCOUNT}:root</Arn>`);
    const key = (await h.client.send(new ListAccessKeysCommand({ UserName: 'alice' }))).AccessKeyMetadata![0];
    const asAlice = h.env.client(STSClient, 'us-east-1', key.AccessKeyId);
    expect(await asAlice.send(new GetCallerIdentityCommand({}))).toMatchObject({ Arn: `arn:aws:iam::${TEST_ACCOUNT}:user/alice` });
  });

  it('issues AssumeRole credentials of a role that trusts the account, which then name the session', async () => {
    const sts = h.env.client(STSClient);
    const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${TEST_ACCOUNT}:role/pipeline-role`, RoleSessionName: 'build-1', DurationSeconds: 900 }));
    expect(assumed.Credentials).toMatchObject({ AccessKeyId: expect.stringMatching(/^ASIA/), SessionToken: expect.any(String), Expiration: expect.any(Date) });
    expect(assumed.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${TEST_ACCOUNT}:assumed-role/pipeline-role/build-1`);
    const asSession = new STSClient({ endpoint: h.env.url, region: 'us-east-1', credentials: { accessKeyId: assumed.Credentials!.AccessKeyId!, secretAccessKey: assumed.Credentials!.SecretAccessKey!, sessionToken: assumed.Credentials!.SessionToken }, maxAttempts: 1 });
    expect((await asSession.send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::${TEST_ACCOUNT}:assumed-role/pipeline-role/build-1`);
    asSession.destroy();
    expect(await errorOf(sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${TEST_ACCOUNT}:role/nope`, RoleSessionName: 'other' })))).toEqual({
      name: 'AccessDenied', status: 403, message: `User: arn:aws:iam::${TEST_ACCOUNT}:root is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${TEST_ACCOUNT}:role/nope`,
    });
  });

  it('serves the AWS CLI, which decodes the policy documents', async () => {
    const role = await aws(h.env.url, ['iam', 'get-role', '--role-name', 'pipeline-role']);
    expect(role.code).toBe(0);
    expect(role.json.Role.AssumeRolePolicyDocument).toEqual(JSON.parse(TRUST_ACCOUNT));
    const missing = await aws(h.env.url, ['iam', 'get-role', '--role-name', 'nope']);
    expect(missing.stderr).toContain('An error occurred (NoSuchEntity) when calling the GetRole operation: The role with name nope cannot be found.');
    const who = await aws(h.env.url, ['sts', 'get-caller-identity']);
    expect(who.json).toMatchObject({ Account: TEST_ACCOUNT, Arn: `arn:aws:iam::${TEST_ACCOUNT}:root` });
  });
});
