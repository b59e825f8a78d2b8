import { CodePipelineClient, CreatePipelineCommand, ListPipelinesCommand, StartPipelineExecutionCommand, GetPipelineCommand } from '@aws-sdk/client-codepipeline';
import { AttachRolePolicyCommand, CreateAccessKeyCommand, CreatePolicyCommand, CreateRoleCommand, CreateUserCommand, IAMClient, ListUsersCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CloudWatchClient, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { CreateFunctionCommand, GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, TEST_ACCOUNT, type TestEmulator } from '../../helpers/emulator.js';
import { errorOf } from '../../helpers/errors.js';
import { pipelineOf, uniqueName } from '../../helpers/pipelines.js';

const ROOT = { accessKeyId: 'AKIAROOTTESTKEY00001', secretAccessKey: 'root/secret/for/tests' };
const trust = (principal: object) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }] });
const allow = (Action: string | string[], Resource: string | string[] = '*') => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action, Resource }] });
const denied = (arn: string, action: string, resource: string) => `User: ${arn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
/** The server clock runs this far ahead of the wall clock, so a test can let a session expire. */
let clockOffsetMs = 0;

describe('access control with --iam', () => {
  let env: TestEmulator;
  const clients: { destroy(): void }[] = [];
  const make = <C extends { destroy(): void }>(Client: new (c: object) => C, credentials: Credentials, extra: object = {}): C => {
    const c = new Client({ endpoint: env.url, region: 'us-east-1', credentials, maxAttempts: 1, ...extra });
    clients.push(c);
    return c;
  };
  const dir = mkdtempSync(join(tmpdir(), 'cpl-iam-cli-'));
  let dev: Credentials;
  const pipeline = uniqueName('guarded');
  const bucket = uniqueName('iam-bucket');

  beforeAll(async () => {
    env = await startTestEmulator({ iam: true, rootAccessKeyId: ROOT.accessKeyId, rootSecretAccessKey: ROOT.secretAccessKey }, { overrides: { clock: { now: () => Date.now() + clockOffsetMs } } });
    const iam = make(IAMClient, ROOT);
    await iam.send(new CreateUserCommand({ UserName: 'dev' }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'dev', PolicyName: 'read', PolicyDocument: allow(['codepipeline:List*', 'codepipeline:GetPipeline', 's3:GetObject']) }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'dev' }))).AccessKey!;
    dev = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
    await iam.send(new CreateRoleCommand({ RoleName: 'releaser', AssumeRolePolicyDocument: trust({ AWS: `arn:aws:iam::${TEST_ACCOUNT}:user/dev` }) }));
    const policy = await iam.send(new CreatePolicyCommand({ PolicyName: 'release', PolicyDocument: allow('codepipeline:StartPipelineExecution', `arn:aws:codepipeline:us-east-1:${TEST_ACCOUNT}:${pipeline}`) }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'releaser', PolicyArn: policy.Policy!.Arn }));
    // The pipeline's own role, trusted by CodePipeline; it has no Build action, so it needs no permissions.
    await iam.send(new CreateRoleCommand({ RoleName: 'cp', AssumeRolePolicyDocument: trust({ Service: 'codepipeline.amazonaws.com' }) }));
    const root = make(CodePipelineClient, ROOT);
    await root.send(new CreatePipelineCommand({ pipeline: pipelineOf(pipeline, [
      { name: 'Source', actions: [{ name: 'Source', actionTypeId: { category: 'Source', owner: 'AWS', provider: 'S3', version: '1' }, configuration: { S3Bucket: bucket, S3ObjectKey: 'app.zip', PollForSourceChanges: 'false' }, outputArtifacts: [{ name: 'Src' }] }] },
      { name: 'Approve', actions: [{ name: 'Approve', actionTypeId: { category: 'Approval', owner: 'AWS', provider: 'Manual', version: '1' } }] },
    ]) }));
    const s3 = make(S3Client, ROOT, { forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'notes.txt', Body: 'hello' }));
  });

  afterAll(async () => {
    clients.forEach((c) => c.destroy());
    await env?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when a request is not signed with a key IAM knows', () => {
    it('answers JSON services as AWS does: missing token, wrong secret, unknown key, skewed clock', async () => {
      const unsigned = await fetch(env.url, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'CodePipeline_20150709.ListPipelines' }, body: '{}' });
      expect(unsigned.status).toBe(400);
      expect(await unsigned.json()).toEqual({ __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
      expect(await errorOf(make(CodePipelineClient, { ...dev, secretAccessKey: 'wrong' }).send(new ListPipelinesCommand({})))).toEqual({
        name: 'InvalidSignatureException', status: 400,
        message: 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      });
      expect(await errorOf(make(CodePipelineClient, { accessKeyId: 'AKIANOBODYNOBODY0000', secretAccessKey: 'x' }).send(new ListPipelinesCommand({})))).toEqual({
        name: 'UnrecognizedClientException', status: 400, message: 'The security token included in the request is invalid.',
      });
      const skewed = await errorOf(make(CodePipelineClient, dev, { systemClockOffset: -20 * 60_000 }).send(new ListPipelinesCommand({})));
      expect(skewed).toMatchObject({ name: 'InvalidSignatureException', status: 400, message: expect.stringMatching(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/) });
    });

    it("answers IAM and S3 in their own words", async () => {
      expect(await errorOf(make(IAMClient, { ...ROOT, secretAccessKey: 'wrong' }).send(new ListUsersCommand({})))).toMatchObject({ name: 'SignatureDoesNotMatch', status: 403 });
      expect(await errorOf(make(IAMClient, { accessKeyId: 'AKIANOBODYNOBODY0000', secretAccessKey: 'x' }).send(new ListUsersCommand({})))).toEqual({
        name: 'InvalidClientTokenId', status: 403, message: 'The security token included in the request is invalid.',
      });
      const s3 = make(S3Client, { ...dev, secretAccessKey: 'wrong' }, { forcePathStyle: true });
      expect(await errorOf(s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'notes.txt' })))).toEqual({
        name: 'SignatureDoesNotMatch', status: 403, message: 'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      });
      const anonymous = await fetch(`${env.url}/${bucket}/notes.txt`);
      expect(anonymous.status).toBe(403);
      expect(await anonymous.text()).toContain('<Code>AccessDenied</Code><Message>Access Denied</Message>');
    });
  });

  describe('when a user calls with its own key', () => {
    it('allows what its policies allow and denies the rest with the identity-based refusal message', async () => {
      const cp = make(CodePipelineClient, dev);
      expect((await cp.send(new ListPipelinesCommand({}))).pipelines?.map((p) => p.name)).toContain(pipeline);
      expect((await cp.send(new GetPipelineCommand({ name: pipeline }))).pipeline?.name).toBe(pipeline);
      const arn = `arn:aws:codepipeline:us-east-1:${TEST_ACCOUNT}:${pipeline}`;
      expect(await errorOf(cp.send(new StartPipelineExecutionCommand({ name: pipeline })))).toEqual({
        name: 'AccessDeniedException', status: 400, message: denied(`arn:aws:iam::${TEST_ACCOUNT}:user/dev`, 'codepipeline:StartPipelineExecution', arn),
      });
      const iam = make(IAMClient, dev);
      expect(await errorOf(iam.send(new CreateUserCommand({ UserName: 'mallory' })))).toEqual({
        name: 'AccessDenied', status: 403, message: denied(`arn:aws:iam::${TEST_ACCOUNT}:user/dev`, 'iam:CreateUser', `arn:aws:iam::${TEST_ACCOUNT}:user/mallory`),
      });
      const s3 = make(S3Client, dev, { forcePathStyle: true });
      expect(await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'notes.txt' }))).Body?.transformToString()).toBe('hello');
      expect(await errorOf(s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'x.txt', Body: 'no' })))).toEqual({
        name: 'AccessDenied', status: 403, message: `User: arn:aws:iam::${TEST_ACCOUNT}:user/dev is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::${bucket}/x.txt" because no identity-based policy allows the s3:PutObject action`,
      });
      expect((await make(STSClient, dev).send(new GetCallerIdentityCommand({})))).toMatchObject({ Arn: `arn:aws:iam::${TEST_ACCOUNT}:user/dev`, Account: TEST_ACCOUNT });
    });

    it('authorizes Lambda, SNS and CloudWatch calls on the function, topic and alarm they name', async () => {
      const root = make(IAMClient, ROOT);
      const fn = (name: string) => `arn:aws:lambda:us-east-1:${TEST_ACCOUNT}:function:${name}`;
      await root.send(new PutUserPolicyCommand({ UserName: 'dev', PolicyName: 'open', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [
        { Effect: 'Allow', Action: 'lambda:GetFunction', Resource: fn('open-*') },
        { Effect: 'Allow', Action: 'cloudwatch:DescribeAlarms', Resource: '*' },
        { Effect: 'Allow', Action: 'cloudwatch:PutMetricAlarm', Resource: `arn:aws:cloudwatch:us-east-1:${TEST_ACCOUNT}:alarm:open-*` },
      ] }) }));
      const zip = Buffer.from('UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==', 'base64');
      for (const name of ['open-fn', 'closed-fn']) {
        await make(LambdaClient, ROOT).send(new CreateFunctionCommand({ FunctionName: name, Runtime: 'nodejs20.x', Role: `arn:aws:iam::${TEST_ACCOUNT}:role/cp`, Handler: 'index.handler', Code: { ZipFile: zip } }));
      }
      const lambda = make(LambdaClient, dev);
      expect((await lambda.send(new GetFunctionCommand({ FunctionName: 'open-fn' }))).Configuration?.FunctionArn).toBe(fn('open-fn'));
      expect(await errorOf(lambda.send(new GetFunctionCommand({ FunctionName: 'closed-fn' })))).toMatchObject({
        name: 'AccessDeniedException', message: denied(`arn:aws:iam::${TEST_ACCOUNT}:user/dev`, 'lambda:GetFunction', fn('closed-fn')),
      });
      const cw = make(CloudWatchClient, dev);
      const alarm = { ComparisonOperator: 'GreaterThanThreshold' as const, EvaluationPeriods: 1, Threshold: 1, MetricName: 'Errors', Namespace: 'App', Period: 60, Statistic: 'Sum' as const };
      await cw.send(new PutMetricAlarmCommand({ AlarmName: 'open-errors', ...alarm }));
      expect(await errorOf(cw.send(new PutMetricAlarmCommand({ AlarmName: 'prod-errors', ...alarm })))).toMatchObject({
        message: denied(`arn:aws:iam::${TEST_ACCOUNT}:user/dev`, 'cloudwatch:PutMetricAlarm', `arn:aws:cloudwatch:us-east-1:${TEST_ACCOUNT}:alarm:prod-errors`),
      });
    });

    it('refuses AssumeRole to the root and to a user the role does not trust', async () => {
      const arn = `arn:aws:iam::${TEST_ACCOUNT}:role/releaser`;
      expect(await errorOf(make(STSClient, ROOT).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'root' })))).toEqual({ name: 'AccessDenied', status: 403, message: 'Roles may not be assumed by root accounts.' });
      await make(IAMClient, ROOT).send(new CreateUserCommand({ UserName: 'outsider' }));
      const key = (await make(IAMClient, ROOT).send(new CreateAccessKeyCommand({ UserName: 'outsider' }))).AccessKey!;
      const outsider = make(STSClient, { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! });
      expect(await errorOf(outsider.send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'sneak' })))).toEqual({
        name: 'AccessDenied', status: 403, message: `User: arn:aws:iam::${TEST_ACCOUNT}:user/outsider is not authorized to perform: sts:AssumeRole on resource: ${arn}`,
      });
    });
  });

  describe('when an SDK uses AssumeRole temporary credentials', () => {
    it('acts as the role session until the credentials expire', async () => {
      const assumed = await make(STSClient, dev).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${TEST_ACCOUNT}:role/releaser`, RoleSessionName: 'release-1', DurationSeconds: 900 }));
      const session = { accessKeyId: assumed.Credentials!.AccessKeyId!, secretAccessKey: assumed.Credentials!.SecretAccessKey!, sessionToken: assumed.Credentials!.SessionToken! };
      const sessionArn = `arn:aws:sts::${TEST_ACCOUNT}:assumed-role/releaser/release-1`;
      expect((await make(STSClient, session).send(new GetCallerIdentityCommand({}))).Arn).toBe(sessionArn);
      const cp = make(CodePipelineClient, session);
      expect((await cp.send(new StartPipelineExecutionCommand({ name: pipeline }))).pipelineExecutionId).toMatch(/^[0-9a-f-]{36}$/);
      expect(await errorOf(cp.send(new ListPipelinesCommand({})))).toEqual({ name: 'AccessDeniedException', status: 400, message: denied(sessionArn, 'codepipeline:ListPipelines', '*') });
      expect(await errorOf(make(CodePipelineClient, { ...session, sessionToken: 'forged' }).send(new ListPipelinesCommand({})))).toMatchObject({ name: 'UnrecognizedClientException' });
      // Past the session's 15 minutes (the client signs at the server's time, so only the token has expired).
      clockOffsetMs = 901_000;
      try {
        const late = make(CodePipelineClient, session, { systemClockOffset: clockOffsetMs });
        expect(await errorOf(late.send(new StartPipelineExecutionCommand({ name: pipeline })))).toEqual({ name: 'ExpiredTokenException', status: 400, message: 'The security token included in the request is expired' });
        expect(await errorOf(make(STSClient, session, { systemClockOffset: clockOffsetMs }).send(new GetCallerIdentityCommand({})))).toMatchObject({ name: 'ExpiredToken', status: 400 });
      } finally {
        clockOffsetMs = 0;
      }
    });
  });

  describe('when the AWS CLI uses a profile per user', () => {
    const cli = (args: string[]) => new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const { AWS_ACCESS_KEY_ID: _k, AWS_SECRET_ACCESS_KEY: _s, AWS_SESSION_TOKEN: _t, AWS_PROFILE: _p, ...rest } = process.env;
      // The CLI assumes the release profile's role itself, through STS: AWS_ENDPOINT_URL_STS sends that call here too,
      // and HOME keeps the credentials it caches (~/.aws/cli/cache) inside this test's folder.
      const cliEnv = { ...rest, HOME: dir, AWS_ENDPOINT_URL_STS: env.url, AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), AWS_PAGER: '', AWS_MAX_ATTEMPTS: '1' };
      execFile('aws', ['--endpoint-url', env.url, '--output', 'json', ...args], { env: cliEnv }, (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }));
    });

    beforeAll(() => {
      writeFileSync(join(dir, 'credentials'), `[admin]\naws_access_key_id = ${ROOT.accessKeyId}\naws_secret_access_key = ${ROOT.secretAccessKey}\n\n[dev]\naws_access_key_id = ${dev.accessKeyId}\naws_secret_access_key = ${dev.secretAccessKey}\n`);
      // The release profile is the releaser role, which the CLI assumes itself with the dev user's key.
      writeFileSync(join(dir, 'config'), `[profile admin]\nregion = us-east-1\n\n[profile dev]\nregion = us-east-1\n\n[profile release]\nregion = us-east-1\nrole_arn = arn:aws:iam::${TEST_ACCOUNT}:role/releaser\nsource_profile = dev\nrole_session_name = cli-release\n`);
    });

    it('answers each profile as its user or role', async () => {
      const who = await cli(['--profile', 'dev', 'sts', 'get-caller-identity']);
      expect(JSON.parse(who.stdout)).toMatchObject({ Arn: `arn:aws:iam::${TEST_ACCOUNT}:user/dev` });
      expect(JSON.parse((await cli(['--profile', 'admin', 'sts', 'get-caller-identity'])).stdout)).toMatchObject({ Arn: `arn:aws:iam::${TEST_ACCOUNT}:root` });
      const listed = await cli(['--profile', 'dev', 'codepipeline', 'list-pipelines']);
      expect(listed.code).toBe(0);
      const start = await cli(['--profile', 'dev', 'codepipeline', 'start-pipeline-execution', '--name', pipeline]);
      expect(start.code).not.toBe(0);
      expect(start.stderr.trim()).toBe(`An error occurred (AccessDeniedException) when calling the StartPipelineExecution operation: ${denied(`arn:aws:iam::${TEST_ACCOUNT}:user/dev`, 'codepipeline:StartPipelineExecution', `arn:aws:codepipeline:us-east-1:${TEST_ACCOUNT}:${pipeline}`)}`);
      const released = await cli(['--profile', 'release', 'codepipeline', 'start-pipeline-execution', '--name', pipeline]);
      expect(released.stderr).toBe('');
      expect(JSON.parse(released.stdout).pipelineExecutionId).toMatch(/^[0-9a-f-]{36}$/);
      const created = await cli(['--profile', 'admin', 'iam', 'create-user', '--user-name', 'from-cli']);
      expect(JSON.parse(created.stdout).User.Arn).toBe(`arn:aws:iam::${TEST_ACCOUNT}:user/from-cli`);
      const refused = await cli(['--profile', 'dev', 'iam', 'list-users']);
      expect(refused.stderr.trim()).toBe(`An error occurred (AccessDenied) when calling the ListUsers operation: ${denied(`arn:aws:iam::${TEST_ACCOUNT}:user/dev`, 'iam:ListUsers', '*')}`);
    });
  });
});
