import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createIam } from '../../src/iam/index.js';
import { ActionFailure, type ActionJob, type ActionProvider } from '../../src/providers/index.js';
import { IamStore, openDatabase } from '../../src/store/index.js';
import { checkingServiceRoles } from '../../src/wiring/service-role-permissions.js';

const ACCOUNT = '000000000000';
const NOW = Date.UTC(2026, 11, 6, 12);
const dir = mkdtempSync(join(tmpdir(), 'cpl-roles-'));
const db = openDatabase(dir);
const store = new IamStore(db);
const iam = createIam(store, ACCOUNT, { accessKeyId: 'AKIAROOT', secretAccessKey: 's' }, () => NOW);
const trust = (service: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });
iam.roles.create(ACCOUNT, 'deployer', { assumeRolePolicyDocument: trust('codepipeline.amazonaws.com') });
iam.roles.create(ACCOUNT, 'ec2', { assumeRolePolicyDocument: trust('ec2.amazonaws.com') });
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function provider(providerName: string, category: 'Deploy' | 'Source' | 'Build', owner: 'AWS' | 'Custom' = 'AWS'): ActionProvider {
  const id = { category, owner, provider: providerName, version: '1' };
  return { type: { id, actionConfigurationProperties: [], inputArtifactDetails: { minimumCount: 0, maximumCount: 5 }, outputArtifactDetails: { minimumCount: 0, maximumCount: 5 } }, run: async () => ({ summary: 'ran' }) };
}

function job(p: ActionProvider, configuration: Record<string, string>, roleArn = `arn:aws:iam::${ACCOUNT}:role/deployer`): ActionJob {
  return {
    account: ACCOUNT, region: 'us-east-1', pipelineName: 'p', pipelineExecutionId: 'e', stageName: 's', actionName: 'a', actionExecutionId: 'x',
    actionTypeId: p.type.id, configuration, inputArtifacts: [], outputArtifactNames: [], workDir: dir, roleArn,
  };
}

const ctx = { signal: new AbortController().signal, log: undefined as never, progress: () => {}, awaitApproval: async () => ({ status: 'Approved' as const, summary: '', approvedBy: '' }) };
const run = (p: ActionProvider, j: ActionJob) => checkingServiceRoles({ find: () => p }, iam, store, { now: () => NOW }).find(p.type.id)!.run(j, ctx).then(
  (r) => r.summary,
  (e: unknown) => (e instanceof ActionFailure ? `${e.code}: ${e.message}` : e),
);

describe('checkingServiceRoles', () => {
  it("fails a CodeDeploy action whose role may not create the deployment, and runs it once it may", async () => {
    const deploy = provider('CodeDeploy', 'Deploy');
    const j = job(deploy, { ApplicationName: 'app', DeploymentGroupName: 'prod' });
    expect(await run(deploy, j)).toBe(`JobFailed: User: arn:aws:sts::${ACCOUNT}:assumed-role/deployer/${NOW} is not authorized to perform: codedeploy:CreateDeployment on resource: arn:aws:codedeploy:us-east-1:${ACCOUNT}:deploymentgroup:app/prod because no identity-based policy allows the codedeploy:CreateDeployment action`);
    iam.policies.putInline(ACCOUNT, 'role', 'deployer', 'deploy', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'codedeploy:*', Resource: '*' }] }));
    expect(await run(deploy, j)).toBe('ran');
  });

  it('checks an S3 source against its object and leaves custom actions alone', async () => {
    const s3 = provider('S3', 'Source');
    expect(await run(s3, job(s3, { S3Bucket: 'b', S3ObjectKey: 'app.zip' }))).toMatch(/^JobFailed: .* s3:GetObject on resource: arn:aws:s3:::b\/app.zip because/);
    const custom = provider('Jenkins', 'Build', 'Custom');
    expect(await run(custom, job(custom, {}))).toBe('ran');
  });

  it("fails any AWS action when the role does not trust CodePipeline or is gone", async () => {
    const deploy = provider('CodeDeploy', 'Deploy');
    expect(await run(deploy, job(deploy, { ApplicationName: 'app', DeploymentGroupName: 'prod' }, `arn:aws:iam::${ACCOUNT}:role/ec2`))).toBe(`PermissionError: CodePipeline is not authorized to perform AssumeRole on role arn:aws:iam::${ACCOUNT}:role/ec2`);
    expect(await run(deploy, job(deploy, { ApplicationName: 'app', DeploymentGroupName: 'prod' }, `arn:aws:iam::${ACCOUNT}:role/gone`))).toMatch(/^PermissionError: CodePipeline is not authorized to perform AssumeRole on role/);
  });
});
