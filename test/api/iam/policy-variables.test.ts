import { CodePipelineClient, GetPipelineCommand } from '@aws-sdk/client-codepipeline';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, ListAccessKeysCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { TEST_ACCOUNT } from '../../helpers/emulator.js';
import { useIamWithTaggedPipelines } from './tagged-pipelines.js';
import { errorOf } from '../../helpers/errors.js';
import { uniqueName } from '../../helpers/pipelines.js';

const ROOT = { accessKeyId: 'AKIAROOTTESTKEY00018', secretAccessKey: 'root/secret/for/variables' };
const policy = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

describe('policy variables with --iam', () => {
  const mine = uniqueName('mine');
  const theirs = uniqueName('theirs');

  const f = useIamWithTaggedPipelines(ROOT, [{ name: mine, tags: [{ key: 'owner', value: 'carol' }] }, { name: theirs, tags: [{ key: 'owner', value: 'dave' }] }]);

  it('lets each user manage its own access keys and read the pipelines tagged with its name, by ${aws:username}', async () => {
    for (const name of ['carol', 'dave']) {
      await f.iam.send(new CreateUserCommand({ UserName: name }));
      await f.iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'self', PolicyDocument: policy(
        { Effect: 'Allow', Action: ['iam:CreateAccessKey', 'iam:ListAccessKeys'], Resource: `arn:aws:iam::${TEST_ACCOUNT}:user/\${aws:username}` },
        { Effect: 'Allow', Action: 'codepipeline:GetPipeline', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/owner': '${aws:username}' } } },
      ) }));
    }
    const key = (await f.iam.send(new CreateAccessKeyCommand({ UserName: 'carol' }))).AccessKey!;
    const credentials = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
    const carolIam = new IAMClient({ endpoint: f.env.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    const carol = new CodePipelineClient({ endpoint: f.env.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    f.made.push(carolIam, carol);

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
