import {
  CodeBuildClient,
  CreateProjectCommand,
  CreateReportGroupCommand,
  DeleteProjectCommand,
  DeleteResourcePolicyCommand,
  GetResourcePolicyCommand,
  ListSharedProjectsCommand,
  ListSharedReportGroupsCommand,
  PutResourcePolicyCommand,
} from '@aws-sdk/client-codebuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, TEST_ACCOUNT, type TestEmulator } from '../../helpers/emulator.js';
import { errorOf } from '../../helpers/errors.js';
import { uniqueName } from '../../helpers/pipelines.js';

const OTHER_ACCOUNT = '111122223333';

function sharingPolicy(resourceArn: string, principal: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: ['codebuild:BatchGetProjects', 'codebuild:BatchGetBuilds', 'codebuild:ListBuildsForProject'], Resource: resourceArn }],
  });
}

describe('CodeBuild resource policies', () => {
  let env: TestEmulator;
  let owner: CodeBuildClient;
  let other: CodeBuildClient;
  beforeAll(async () => {
    env = await startTestEmulator();
    owner = env.client(CodeBuildClient);
    other = env.client(CodeBuildClient, 'us-east-1', OTHER_ACCOUNT);
  });
  afterAll(async () => env?.close());

  async function newProject(name = uniqueName('shared')): Promise<string> {
    const { project } = await owner.send(
      new CreateProjectCommand({
        name,
        source: { type: 'NO_SOURCE', buildspec: 'version: 0.2\nphases:\n  build:\n    commands:\n      - echo hi\n' },
        artifacts: { type: 'NO_ARTIFACTS' },
        environment: { type: 'LINUX_CONTAINER', image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_SMALL' },
        serviceRole: `arn:aws:iam::${TEST_ACCOUNT}:role/codebuild`,
      }),
    );
    return project!.arn!;
  }

  it('puts, gets and deletes a project policy', async () => {
    const arn = await newProject();
    const policy = sharingPolicy(arn, `arn:aws:iam::${OTHER_ACCOUNT}:root`);
    expect(await owner.send(new PutResourcePolicyCommand({ resourceArn: arn, policy }))).toMatchObject({ resourceArn: arn });
    expect((await owner.send(new GetResourcePolicyCommand({ resourceArn: arn }))).policy).toBe(policy);
    await owner.send(new DeleteResourcePolicyCommand({ resourceArn: arn }));
    expect(await errorOf(owner.send(new GetResourcePolicyCommand({ resourceArn: arn })))).toMatchObject({ name: 'ResourceNotFoundException', status: 400 });
    // Deleting a policy that is not there is no error.
    await owner.send(new DeleteResourcePolicyCommand({ resourceArn: arn }));
  });

  it('puts a policy on a report group', async () => {
    const { reportGroup } = await owner.send(new CreateReportGroupCommand({ name: uniqueName('rg'), type: 'TEST', exportConfig: { exportConfigType: 'NO_EXPORT' } }));
    const policy = sharingPolicy(reportGroup!.arn!, OTHER_ACCOUNT);
    await owner.send(new PutResourcePolicyCommand({ resourceArn: reportGroup!.arn!, policy }));
    expect((await owner.send(new GetResourcePolicyCommand({ resourceArn: reportGroup!.arn! }))).policy).toBe(policy);
    expect((await other.send(new ListSharedReportGroupsCommand({}))).reportGroups).toContain(reportGroup!.arn);
  });

  it('answers ResourceNotFoundException for an unknown resource and InvalidInputException for a policy that is not JSON', async () => {
    const unknown = `arn:aws:codebuild:us-east-1:${TEST_ACCOUNT}:project/${uniqueName('none')}`;
    expect(await errorOf(owner.send(new PutResourcePolicyCommand({ resourceArn: unknown, policy: sharingPolicy(unknown, OTHER_ACCOUNT) })))).toMatchObject({ name: 'ResourceNotFoundException', status: 400 });
    expect(await errorOf(owner.send(new GetResourcePolicyCommand({ resourceArn: unknown })))).toMatchObject({ name: 'ResourceNotFoundException' });
    const arn = await newProject();
    expect(await errorOf(owner.send(new PutResourcePolicyCommand({ resourceArn: arn, policy: '{not json' })))).toMatchObject({ name: 'InvalidInputException', status: 400 });
    expect(await errorOf(owner.send(new PutResourcePolicyCommand({ resourceArn: 'project-name', policy: '{}' })))).toMatchObject({ name: 'InvalidInputException' });
  });

  it("lists a project shared with another account in that account's ListSharedProjects, until the policy or the project goes", async () => {
    const arn = await newProject();
    expect((await other.send(new ListSharedProjectsCommand({}))).projects).not.toContain(arn);
    await owner.send(new PutResourcePolicyCommand({ resourceArn: arn, policy: sharingPolicy(arn, `arn:aws:iam::${OTHER_ACCOUNT}:root`) }));
    expect((await other.send(new ListSharedProjectsCommand({}))).projects).toContain(arn);
    // The owner's own projects are not shared with it, and another region does not see them.
    expect((await owner.send(new ListSharedProjectsCommand({}))).projects).not.toContain(arn);
    expect((await env.client(CodeBuildClient, 'eu-west-1', OTHER_ACCOUNT).send(new ListSharedProjectsCommand({}))).projects).not.toContain(arn);
    await owner.send(new DeleteProjectCommand({ name: arn }));
    expect((await other.send(new ListSharedProjectsCommand({}))).projects).not.toContain(arn);
  });

  it('drops the policy of a deleted project: one made again under its name is not shared', async () => {
    const arn = await newProject();
    const name = arn.slice(arn.indexOf(':project/') + 9);
    await owner.send(new PutResourcePolicyCommand({ resourceArn: arn, policy: sharingPolicy(arn, OTHER_ACCOUNT) }));
    await owner.send(new DeleteProjectCommand({ name }));
    expect(await newProject(name)).toBe(arn);
    expect(await errorOf(owner.send(new GetResourcePolicyCommand({ resourceArn: arn })))).toMatchObject({ name: 'ResourceNotFoundException' });
    expect((await other.send(new ListSharedProjectsCommand({}))).projects).not.toContain(arn);
  });
});
