import { CodeBuildClient, CreateProjectCommand } from '@aws-sdk/client-codebuild';
import { CodePipelineClient, CreatePipelineCommand, GetPipelineCommand, GetPipelineStateCommand, ListActionExecutionsCommand, RetryStageExecutionCommand, UpdatePipelineCommand } from '@aws-sdk/client-codepipeline';
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineDeclaration } from '../../../src/model/index.js';
import { BUILD_IMAGE_TIMEOUT_MS, DEFAULT_IMAGE_PROJECT, ensureBuildImage } from '../../codebuild/build-image.js';
import { startTestEmulator, TEST_ACCOUNT, type TestEmulator } from '../../helpers/emulator.js';
import { errorOf } from '../../helpers/errors.js';
import { awsAction, pipelineOf, uniqueName } from '../../helpers/pipelines.js';
import { firstExecutionId, waitForExecutionEnd } from '../../helpers/wait.js';
import { folderSourceProvider } from '../../providers/build/folder-source.js';

const ROOT = { accessKeyId: 'AKIAROOTTESTKEY00002', secretAccessKey: 'root/secret/for/role/tests' };
const PIPELINE_TIMEOUT_MS = 180_000;
const trust = (service: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });

describe('service roles with --iam (real Docker build)', () => {
  let env: TestEmulator;
  let codepipeline: CodePipelineClient;
  let iam: IAMClient;
  const folder = mkdtempSync(join(tmpdir(), 'cpl-role-src-'));
  const project = uniqueName('role-build');
  const roleArn = (name: string) => `arn:aws:iam::${TEST_ACCOUNT}:role/${name}`;
  const declaration = (name: string, role: string): PipelineDeclaration => pipelineOf(name, [
    { name: 'Source', actions: [{ name: 'Source', actionTypeId: folderSourceProvider.type.id, configuration: { Folder: folder }, outputArtifacts: [{ name: 'Src' }] }] },
    { name: 'Build', actions: [awsAction('Build', 'Build', 'CodeBuild', { ProjectName: project }, { inputArtifacts: [{ name: 'Src' }] })] },
  ], { roleArn: roleArn(role) });

  beforeAll(async () => {
    await ensureBuildImage();
    writeFileSync(join(folder, 'hello.txt'), 'hello\n');
    env = await startTestEmulator({ iam: true, rootAccessKeyId: ROOT.accessKeyId, rootSecretAccessKey: ROOT.secretAccessKey }, { overrides: { providers: [folderSourceProvider] } });
    const settings = { endpoint: env.url, region: 'us-east-1', credentials: ROOT, maxAttempts: 1 };
    codepipeline = new CodePipelineClient(settings);
    iam = new IAMClient(settings);
    const codebuild = new CodeBuildClient(settings);
    await codebuild.send(new CreateProjectCommand({ name: project, source: { type: 'CODEPIPELINE', buildspec: 'version: 0.2\nphases:\n  build:\n    commands:\n      - cat hello.txt\n' }, artifacts: { type: 'CODEPIPELINE' }, ...DEFAULT_IMAGE_PROJECT }));
    codebuild.destroy();
    await iam.send(new CreateRoleCommand({ RoleName: 'ec2-role', AssumeRolePolicyDocument: trust('ec2.amazonaws.com') }));
    await iam.send(new CreateRoleCommand({ RoleName: 'pipeline-role', AssumeRolePolicyDocument: trust('codepipeline.amazonaws.com') }));
  }, BUILD_IMAGE_TIMEOUT_MS);

  afterAll(async () => {
    codepipeline?.destroy();
    iam?.destroy();
    await env?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('refuses a pipeline whose role does not exist or does not trust CodePipeline, on create and on update', async () => {
    const name = uniqueName('no-role');
    expect(await errorOf(codepipeline.send(new CreatePipelineCommand({ pipeline: declaration(name, 'missing') })))).toEqual({
      name: 'InvalidStructureException', status: 400, message: `CodePipeline is not authorized to perform AssumeRole on role ${roleArn('missing')}`,
    });
    expect(await errorOf(codepipeline.send(new CreatePipelineCommand({ pipeline: declaration(name, 'ec2-role') })))).toMatchObject({
      name: 'InvalidStructureException', message: `CodePipeline is not authorized to perform AssumeRole on role ${roleArn('ec2-role')}`,
    });
    await codepipeline.send(new CreatePipelineCommand({ pipeline: declaration(name, 'pipeline-role') }));
    const current = (await codepipeline.send(new GetPipelineCommand({ name }))).pipeline!;
    expect(await errorOf(codepipeline.send(new UpdatePipelineCommand({ pipeline: { ...current, roleArn: roleArn('ec2-role') } })))).toMatchObject({
      name: 'InvalidStructureException', message: `CodePipeline is not authorized to perform AssumeRole on role ${roleArn('ec2-role')}`,
    });
  });

  it('fails the Build action while the role lacks codebuild:StartBuild, and succeeds once it is allowed and the stage retried', async () => {
    const name = uniqueName('needs-startbuild');
    await codepipeline.send(new CreatePipelineCommand({ pipeline: declaration(name, 'pipeline-role') }));
    const id = await firstExecutionId(codepipeline, name);
    const failed = await waitForExecutionEnd(codepipeline, name, id, { timeoutMs: PIPELINE_TIMEOUT_MS, intervalMs: 250 });
    expect(failed.status).toBe('Failed');
    const state = await codepipeline.send(new GetPipelineStateCommand({ name }));
    const build = state.stageStates!.find((s) => s.stageName === 'Build')!.actionStates![0].latestExecution!;
    expect(build.status).toBe('Failed');
    expect(build.errorDetails?.code).toBe('JobFailed');
    const projectArn = `arn:aws:codebuild:us-east-1:${TEST_ACCOUNT}:project/${project}`;
    expect(build.errorDetails?.message).toMatch(new RegExp(
      `^Error calling startBuild: User: arn:aws:sts::${TEST_ACCOUNT}:assumed-role/pipeline-role/\\d+ is not authorized to perform: codebuild:StartBuild on resource: ${projectArn} ` +
        `because no identity-based policy allows the codebuild:StartBuild action \\(Service: AWSCodeBuild; Status Code: 400; Error Code: AccessDeniedException; Request ID: [0-9a-f-]{36}; Proxy: null\\)$`,
    ));

    await iam.send(new PutRolePolicyCommand({ RoleName: 'pipeline-role', PolicyName: 'builds', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['codebuild:StartBuild', 'codebuild:BatchGetBuilds'], Resource: projectArn }] }) }));
    await codepipeline.send(new RetryStageExecutionCommand({ pipelineName: name, stageName: 'Build', pipelineExecutionId: id, retryMode: 'FAILED_ACTIONS' }));
    const retried = await waitForExecutionEnd(codepipeline, name, id, { timeoutMs: PIPELINE_TIMEOUT_MS, intervalMs: 250 });
    const after = (await codepipeline.send(new ListActionExecutionsCommand({ pipelineName: name, filter: { pipelineExecutionId: id } }))).actionExecutionDetails!;
    expect(retried.status, JSON.stringify(after, null, 1)).toBe('Succeeded');
  });
});
