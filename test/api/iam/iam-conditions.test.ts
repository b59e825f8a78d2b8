import { CodePipelineClient, CreatePipelineCommand, DisableStageTransitionCommand, GetPipelineCommand, ListPipelinesCommand, PutApprovalResultCommand, TagResourceCommand } from '@aws-sdk/client-codepipeline';
import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { TEST_ACCOUNT } from '../../helpers/emulator.js';
import { useIamWithTaggedPipelines } from './tagged-pipelines.js';
import { errorOf } from '../../helpers/errors.js';
import { pipelineOf, uniqueName } from '../../helpers/pipelines.js';

const ROOT = { accessKeyId: 'AKIAROOTTESTKEY00003', secretAccessKey: 'root/secret/for/conditions' };
const ARN = `arn:aws:codepipeline:us-east-1:${TEST_ACCOUNT}`;
const policy = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const refusal = (user: string, action: string, resource: string, explicit = false) =>
  `User: arn:aws:iam::${TEST_ACCOUNT}:user/${user} is not authorized to perform: ${action} on resource: ${resource} ${explicit ? 'with an explicit deny in an identity-based policy' : `because no identity-based policy allows the ${action} action`}`;

describe('policy conditions and resources with --iam', () => {
  const web = uniqueName('web');
  const ops = uniqueName('ops');

  async function userClient(name: string, document: string, tags: { Key: string; Value: string }[] = []): Promise<CodePipelineClient> {
    await f.iam.send(new CreateUserCommand({ UserName: name, Tags: tags }));
    await f.iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: document }));
    const key = (await f.iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
    const client = new CodePipelineClient({ endpoint: f.env.url, region: 'us-east-1', credentials: { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }, maxAttempts: 1 });
    f.made.push(client);
    return client;
  }

  const f = useIamWithTaggedPipelines(ROOT, [{ name: web, tags: [{ key: 'team', value: 'web' }] }, { name: ops, tags: [{ key: 'team', value: 'ops' }] }]);

  it('matches aws:ResourceTag against the pipeline tags and aws:PrincipalTag against the user tags', async () => {
    const client = await userClient('webdev', policy(
      { Effect: 'Allow', Action: 'codepipeline:GetPipeline', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'web' } } },
      { Effect: 'Allow', Action: 'codepipeline:ListPipelines', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'web' } } },
    ), [{ Key: 'team', Value: 'web' }]);
    expect((await client.send(new GetPipelineCommand({ name: web }))).pipeline?.name).toBe(web);
    expect(await errorOf(client.send(new GetPipelineCommand({ name: ops })))).toMatchObject({ name: 'AccessDeniedException', message: refusal('webdev', 'codepipeline:GetPipeline', `${ARN}:${ops}`) });
    expect((await client.send(new ListPipelinesCommand({}))).pipelines?.length).toBe(2);
    const untagged = await userClient('untagged', policy({ Effect: 'Allow', Action: 'codepipeline:ListPipelines', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'web' } } }));
    expect(await errorOf(untagged.send(new ListPipelinesCommand({})))).toMatchObject({ message: refusal('untagged', 'codepipeline:ListPipelines', '*') });
  });

  it('matches aws:RequestTag and aws:TagKeys against the tags a call sets', async () => {
    const client = await userClient('tagger', policy({
      Effect: 'Allow', Action: 'codepipeline:TagResource', Resource: `${ARN}:*`,
      Condition: { StringEquals: { 'aws:RequestTag/env': 'dev' }, 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env'] } },
    }));
    await client.send(new TagResourceCommand({ resourceArn: `${ARN}:${web}`, tags: [{ key: 'env', value: 'dev' }] }));
    expect(await errorOf(client.send(new TagResourceCommand({ resourceArn: `${ARN}:${web}`, tags: [{ key: 'env', value: 'prod' }] })))).toMatchObject({ name: 'AccessDeniedException' });
    expect(await errorOf(client.send(new TagResourceCommand({ resourceArn: `${ARN}:${web}`, tags: [{ key: 'env', value: 'dev' }, { key: 'owner', value: 'me' }] })))).toMatchObject({ name: 'AccessDeniedException' });
  });

  it('denies explicitly from outside an allowed source address (aws:SourceIp)', async () => {
    const client = await userClient('remote', policy(
      { Effect: 'Allow', Action: 'codepipeline:*', Resource: '*' },
      { Effect: 'Deny', Action: '*', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } },
    ));
    expect(await errorOf(client.send(new ListPipelinesCommand({})))).toEqual({ name: 'AccessDeniedException', status: 400, message: refusal('remote', 'codepipeline:ListPipelines', '*', true) });
    const local = await userClient('local', policy({ Effect: 'Allow', Action: 'codepipeline:ListPipelines', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '127.0.0.0/8' } } }));
    expect((await local.send(new ListPipelinesCommand({}))).pipelines).toHaveLength(2);
  });

  it('authorises approvals on pipeline/stage/action and transitions on pipeline/stage, as the Service Authorization Reference names them', async () => {
    const client = await userClient('approver', policy({ Effect: 'Allow', Action: ['codepipeline:PutApprovalResult', 'codepipeline:DisableStageTransition'], Resource: `${ARN}:${web}/*` }));
    const approveOps = client.send(new PutApprovalResultCommand({ pipelineName: ops, stageName: 'Approve', actionName: 'Approve', token: '00000000-0000-0000-0000-000000000000', result: { status: 'Approved', summary: 'ok' } }));
    expect(await errorOf(approveOps)).toMatchObject({ name: 'AccessDeniedException', message: refusal('approver', 'codepipeline:PutApprovalResult', `${ARN}:${ops}/Approve/Approve`) });
    const approveWeb = client.send(new PutApprovalResultCommand({ pipelineName: web, stageName: 'Approve', actionName: 'Approve', token: '00000000-0000-0000-0000-000000000000', result: { status: 'Approved', summary: 'ok' } }));
    // Allowed: what answers now is the approval itself (no such token), not IAM.
    expect((await errorOf(approveWeb)).name).not.toBe('AccessDeniedException');
    expect(await errorOf(client.send(new DisableStageTransitionCommand({ pipelineName: ops, stageName: 'Approve', transitionType: 'Inbound', reason: 'hold' })))).toMatchObject({
      message: refusal('approver', 'codepipeline:DisableStageTransition', `${ARN}:${ops}/Approve`),
    });
    await client.send(new DisableStageTransitionCommand({ pipelineName: web, stageName: 'Approve', transitionType: 'Inbound', reason: 'hold' }));
  });

  it('needs iam:PassRole on the service role to create a pipeline', async () => {
    const client = await userClient('creator', policy({ Effect: 'Allow', Action: 'codepipeline:CreatePipeline', Resource: '*' }));
    const name = uniqueName('passrole');
    expect(await errorOf(client.send(new CreatePipelineCommand({ pipeline: pipelineOf(name, [
      { name: 'Source', actions: [{ name: 'Source', actionTypeId: { category: 'Source', owner: 'AWS', provider: 'S3', version: '1' }, configuration: { S3Bucket: 'b', S3ObjectKey: 'k' }, outputArtifacts: [{ name: 'Src' }] }] },
      { name: 'Approve', actions: [{ name: 'Approve', actionTypeId: { category: 'Approval', owner: 'AWS', provider: 'Manual', version: '1' } }] },
    ]) })))).toMatchObject({ name: 'AccessDeniedException', message: refusal('creator', 'iam:PassRole', `arn:aws:iam::${TEST_ACCOUNT}:role/cp`) });
  });
});
