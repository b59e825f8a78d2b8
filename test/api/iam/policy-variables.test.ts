import { CodePipelineClient, CreatePipelineCommand, GetPipelineCommand } from '@aws-sdk/client-codepipeline';
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, IAMClient, ListAccessKeysCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, TEST_ACCOUNT, type TestEmulator } from '../../helpers/emulator.js';
import { errorOf } from '../../helpers/errors.js';
import { pipelineOf, uniqueName } from '../../helpers/pipelines.js';

const ROOT = { accessKeyId: 'AKIAROOTTESTKEY00018', secretAccessKey: 'root/secret/for/variables' };
const policy = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

describe('policy variables with --iam', () => {
  let env: TestEmulator;
  const made: { destroy(): void }[] = [];
  let iam: IAMClient;
  const mine = uniqueName('mine');
  const theirs = uniqueName('theirs');

  beforeAll(async () => {
    env = await startTestEmulator({ iam: true, rootAccessKeyId: ROOT.accessKeyId, rootSecretAccessKey: ROOT.secretAccessKey });
    const settings = { endpoint: env.url, region: 'us-east-1', credentials: ROOT, maxAttempts: 1 };
    iam = new IAMClient(settings);
    const root = new CodePipelineClient(settings);
    made.push(iam, root);
    await iam.send(new CreateRoleCommand({ RoleName: 'cp', AssumeRolePolicyDocument: policy({ Effect: 'Allow', Principal: { Service: 'codepipeline.amazonaws.com' }, Action: 'sts:AssumeRole' }) }));
    const stages = [
      { name: 'Source', actions: [{ name: 'Source', actionTypeId: { category: 'Source' as const, owner: 'AWS' as const, provider: 'S3', version: '1' }, configuration: { S3Bucket: 'none', S3ObjectKey: 'a.zip', PollForSourceChanges: 'false' }, outputArtifacts: [{ name: 'Src' }] }] },
      { name: 'Approve', actions: [{ name: 'Approve', actionTypeId: { category: 'Approval' as const, owner: 'AWS' as const, provider: 'Manual', version: '1' } }] },
    ];
    await root.send(new CreatePipelineCommand({ pipeline: pipelineOf(mine, stages), tags: [{ key: 'owner', value: 'carol' }] }));
    await root.send(new CreatePipelineCommand({ pipeline: pipelineOf(theirs, stages), tags: [{ key: 'owner', value: 'dave' }] }));
  });

  afterAll(async () => {
    made.forEach((c) => c.destroy());
    await env?.close();
  });

  it('lets each user manage its own access keys and read the pipelines tagged with its name, by ${aws:username}', async () => {
    for (const name of ['carol', 'dave']) {
      await iam.send(new CreateUserCommand({ UserName: name }));
      await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'self', PolicyDocument: policy(
        { Effect: 'Allow', Action: ['iam:CreateAccessKey', 'iam:ListAccessKeys'], Resource: `arn:aws:iam::${TEST_ACCOUNT}:user/\${aws:username}` },
        { Effect: 'Allow', Action: 'codepipeline:GetPipeline', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/owner': '${aws:username}' } } },
      ) }));
    }
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'carol' }))).AccessKey!;
    const credentials = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
    const carolIam = new IAMClient({ endpoint: env.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    const carol = new CodePipelineClient({ endpoint: env.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    made.push(carolIam, carol);

    expect((await carolIam.send(new ListAccessKeysCommand({ UserName: 'carol' }))).AccessKeyMetadata?.map((k) => k.AccessKeyId)).toEqual([key.AccessKeyId]);
    expect(await errorOf(carolIam.send(new CreateAccessKeyCommand({ UserName: 'dave' })))).toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::${TEST_ACCOUNT}:user/carol is not authorized to perform: iam:CreateAccessKey on resource: arn:aws:iam::${TEST_ACCOUNT}:user/dave because no identity-based policy allows the iam:CreateAccessKey action`,
    });
    expect((await carol.send(new GetPipelineCommand({ name: mine }))).pipeline?.name).toBe(mine);
    expect(await errorOf(carol.send(new GetPipelineCommand({ name: theirs })))).toMatchObject({
      name: 'AccessDeniedException',
      message: `User: arn:aws:iam::${TEST_ACCOUNT}:user/carol is not authorized to perform: codepipeline:GetPipeline on resource: arn:aws:codepipeline:us-east-1:${TEST_ACCOUNT}:${theirs} because no identity-based policy allows the codepipeline:GetPipeline action`,
    });
  });
});
