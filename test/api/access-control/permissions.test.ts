import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AccessGuard } from '../../../src/api/access-control/index.js';
import { createIam, rootPrincipal } from '../../../src/iam/index.js';
import { IamStore, openDatabase } from '../../../src/store/index.js';

const ACCOUNT = '000000000000';
const dir = mkdtempSync(join(tmpdir(), 'cpl-guard-'));
const db = openDatabase(dir);
const store = new IamStore(db);
const iam = createIam(store, ACCOUNT, { accessKeyId: 'AKIAROOT', secretAccessKey: 's' }, Date.now);
const guard = new AccessGuard({ iam, store, now: Date.now });
const scope = { account: ACCOUNT, region: 'eu-west-1' };
const caller = rootPrincipal(ACCOUNT, 'AKIAROOT');
const needs = (prefix: string, operation: string, input: Record<string, unknown>) => guard.permissions(prefix, operation, input, scope, caller);

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('AccessGuard.permissions', () => {
  it("names S3's own actions on bucket and object ARNs", () => {
    expect(needs('s3', 'ListObjectsV2', { Bucket: 'b' })).toEqual([{ action: 's3:ListBucket', resources: ['arn:aws:s3:::b'] }]);
    expect(needs('s3', 'HeadObject', { Bucket: 'b', Key: 'a/b.txt' })).toEqual([{ action: 's3:GetObject', resources: ['arn:aws:s3:::b/a/b.txt'] }]);
    expect(needs('s3', 'GetObject', { Bucket: 'b', Key: 'k', VersionId: 'v1' })).toEqual([{ action: 's3:GetObjectVersion', resources: ['arn:aws:s3:::b/k'] }]);
    expect(needs('s3', 'UploadPart', { Bucket: 'b', Key: 'k' })).toEqual([{ action: 's3:PutObject', resources: ['arn:aws:s3:::b/k'] }]);
    expect(needs('s3', 'DeleteObjects', { Bucket: 'b', Delete: { Objects: [{ Key: 'x' }, { Key: 'y' }] } })).toEqual([{ action: 's3:DeleteObject', resources: ['arn:aws:s3:::b/x', 'arn:aws:s3:::b/y'] }]);
    expect(needs('s3', 'CopyObject', { Bucket: 'b', Key: 'to', CopySource: '/src/from%20here' })).toEqual([
      { action: 's3:PutObject', resources: ['arn:aws:s3:::b/to'] },
      { action: 's3:GetObject', resources: ['arn:aws:s3:::src/from here'] },
    ]);
    expect(needs('s3', 'ListBuckets', {})).toEqual([{ action: 's3:ListAllMyBuckets', resources: ['*'] }]);
    expect(needs('s3', 'PutBucketVersioning', { Bucket: 'b' })).toEqual([{ action: 's3:PutBucketVersioning', resources: ['arn:aws:s3:::b'] }]);
  });

  it("names CloudWatch's actions with its IAM prefix, not its signing name (monitoring)", () => {
    expect(needs('monitoring', 'SetAlarmState', { AlarmName: 'a' })).toEqual([{ action: 'cloudwatch:SetAlarmState', resources: ['arn:aws:cloudwatch:eu-west-1:000000000000:alarm:a'] }]);
    expect(needs('sns', 'Publish', { TopicArn: 'arn:aws:sns:eu-west-1:000000000000:t' })[0].action).toBe('sns:Publish');
  });

  it('names CodeBuild projects (from builds too), CodeDeploy groups and CodeCommit repositories', () => {
    expect(needs('codebuild', 'BatchGetBuilds', { ids: ['web:1234', 'arn:aws:codebuild:eu-west-1:000000000000:build/api:5678'] })).toEqual([
      { action: 'codebuild:BatchGetBuilds', resources: ['arn:aws:codebuild:eu-west-1:000000000000:project/web', 'arn:aws:codebuild:eu-west-1:000000000000:project/api'] },
    ]);
    expect(needs('codebuild', 'StartBuild', { projectName: 'web' })[0].resources).toEqual(['arn:aws:codebuild:eu-west-1:000000000000:project/web']);
    expect(needs('codebuild', 'ListProjects', {})[0].resources).toEqual(['*']);
    const E = 'arn:aws:codebuild:eu-west-1:000000000000';
    expect(needs('codebuild', 'StartCommandExecution', { sandboxId: 'web:1234', command: 'ls' })[0].resources).toEqual([`${E}:project/web`]);
    expect(needs('codebuild', 'BatchGetSandboxes', { ids: [`${E}:sandbox/api:5678`] })[0].resources).toEqual([`${E}:project/api`]);
    expect(needs('codebuild', 'PutResourcePolicy', { resourceArn: `${E}:report-group/rg`, policy: '{}' })[0].resources).toEqual([`${E}:report-group/rg`]);
    expect(needs('codebuild', 'UpdateProjectVisibility', { projectArn: `${E}:project/web`, projectVisibility: 'PRIVATE' })[0].resources).toEqual([`${E}:project/web`]);
    expect(needs('codebuild', 'CreateFleet', { name: 'f' })[0].resources).toEqual([`${E}:fleet/f`]);
    expect(needs('codebuild', 'UpdateFleet', { arn: `${E}:fleet/f:1234` })[0].resources).toEqual([`${E}:fleet/f:1234`]);
    expect(needs('codebuild', 'ListFleets', {})[0].resources).toEqual(['*']);
    expect(needs('codedeploy', 'CreateDeployment', { applicationName: 'app', deploymentGroupName: 'prod' })[0].resources).toEqual(['arn:aws:codedeploy:eu-west-1:000000000000:deploymentgroup:app/prod']);
    expect(needs('codedeploy', 'GetApplication', { applicationName: 'app' })[0].resources).toEqual(['arn:aws:codedeploy:eu-west-1:000000000000:application:app']);
    expect(needs('codedeploy', 'GetDeploymentConfig', { deploymentConfigName: 'CodeDeployDefault.OneAtATime' })[0].resources).toEqual(['arn:aws:codedeploy:eu-west-1:000000000000:deploymentconfig:CodeDeployDefault.OneAtATime']);
    expect(needs('codecommit', 'GetBranch', { repositoryName: 'web', branchName: 'main' })[0].resources).toEqual(['arn:aws:codecommit:eu-west-1:000000000000:web']);
  });

  it('names CodePipeline pipelines, webhooks and action types, and PassRole for the service role', () => {
    expect(needs('codepipeline', 'StartPipelineExecution', { name: 'p' })).toEqual([{ action: 'codepipeline:StartPipelineExecution', resources: ['arn:aws:codepipeline:eu-west-1:000000000000:p'] }]);
    expect(needs('codepipeline', 'DeleteWebhook', { name: 'hook' })[0].resources).toEqual(['arn:aws:codepipeline:eu-west-1:000000000000:webhook:hook']);
    expect(needs('codepipeline', 'PollForJobs', { actionTypeId: { category: 'Build', owner: 'Custom', provider: 'Jenkins', version: '1' } })[0].resources).toEqual(['arn:aws:codepipeline:eu-west-1:000000000000:actiontype:Custom/Build/Jenkins/1']);
    expect(needs('codepipeline', 'UpdatePipeline', { pipeline: { name: 'p', roleArn: 'arn:aws:iam::000000000000:role/cp' } })).toEqual([
      { action: 'codepipeline:UpdatePipeline', resources: ['arn:aws:codepipeline:eu-west-1:000000000000:p'] },
      { action: 'iam:PassRole', resources: ['arn:aws:iam::000000000000:role/cp'] },
    ]);
  });

  it('names IAM entities by their ARN, with their path when they exist', () => {
    iam.users.create(ACCOUNT, 'ann', '/team/');
    expect(needs('iam', 'AttachUserPolicy', { UserName: 'ann', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' })[0].resources).toEqual(['arn:aws:iam::000000000000:user/team/ann']);
    expect(needs('iam', 'AddUserToGroup', { UserName: 'ann', GroupName: 'devs' })[0].resources).toEqual(['arn:aws:iam::000000000000:group/devs']);
    expect(needs('iam', 'CreatePolicy', { PolicyName: 'p', Path: '/x/' })[0].resources).toEqual(['arn:aws:iam::000000000000:policy/x/p']);
    expect(needs('iam', 'ListRoles', {})[0].resources).toEqual(['*']);
  });

  it('names the function, topic, alarm and notification rule a call is about, and Invoke as lambda:InvokeFunction', () => {
    const fn = 'arn:aws:lambda:eu-west-1:000000000000:function:f';
    expect(needs('lambda', 'Invoke', { FunctionName: 'f' })).toEqual([{ action: 'lambda:InvokeFunction', resources: [fn] }]);
    expect(needs('lambda', 'Invoke', { FunctionName: 'f', Qualifier: 'live' })).toEqual([{ action: 'lambda:InvokeFunction', resources: [`${fn}:live`] }]);
    expect(needs('lambda', 'GetFunction', { FunctionName: `${fn}:3` })).toEqual([{ action: 'lambda:GetFunction', resources: [`${fn}:3`] }]);
    expect(needs('lambda', 'ListFunctions', {})).toEqual([{ action: 'lambda:ListFunctions', resources: ['*'] }]);
    const topic = 'arn:aws:sns:eu-west-1:000000000000:t';
    expect(needs('sns', 'CreateTopic', { Name: 't' })).toEqual([{ action: 'sns:CreateTopic', resources: [topic] }]);
    expect(needs('sns', 'Unsubscribe', { SubscriptionArn: `${topic}:0b8e7c52-5d2e-4b4a-9d0e-3c1f0e9a1b2c` })).toEqual([{ action: 'sns:Unsubscribe', resources: [topic] }]);
    expect(needs('sns', 'ListTopics', {})).toEqual([{ action: 'sns:ListTopics', resources: ['*'] }]);
    expect(needs('monitoring', 'DeleteAlarms', { AlarmNames: ['a', 'b'] })[0].resources).toEqual(['arn:aws:cloudwatch:eu-west-1:000000000000:alarm:a', 'arn:aws:cloudwatch:eu-west-1:000000000000:alarm:b']);
    const rule = 'arn:aws:codestar-notifications:eu-west-1:000000000000:notificationrule/abc';
    expect(needs('codestar-notifications', 'DescribeNotificationRule', { Arn: rule })).toEqual([{ action: 'codestar-notifications:DescribeNotificationRule', resources: [rule] }]);
  });
});
