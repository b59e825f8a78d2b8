import { BatchGetProjectsCommand, CodeBuildClient, CreateProjectCommand, UpdateProjectCommand, UpdateProjectVisibilityCommand } from '@aws-sdk/client-codebuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, TEST_ACCOUNT, type TestEmulator } from '../../helpers/emulator.js';
import { errorOf } from '../../helpers/errors.js';
import { uniqueName } from '../../helpers/pipelines.js';

const ACCESS_ROLE = `arn:aws:iam::${TEST_ACCOUNT}:role/public-build-access`;

describe('UpdateProjectVisibility', () => {
  let env: TestEmulator;
  let client: CodeBuildClient;
  beforeAll(async () => {
    env = await startTestEmulator();
    client = env.client(CodeBuildClient);
  });
  afterAll(async () => env?.close());

  async function newProject(): Promise<string> {
    const { project } = await client.send(
      new CreateProjectCommand({
        name: uniqueName('vis'),
        source: { type: 'NO_SOURCE', buildspec: 'version: 0.2\nphases:\n  build:\n    commands:\n      - echo hi\n' },
        artifacts: { type: 'NO_ARTIFACTS' },
        environment: { type: 'LINUX_CONTAINER', image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_SMALL' },
        serviceRole: `arn:aws:iam::${TEST_ACCOUNT}:role/codebuild`,
      }),
    );
    expect(project?.projectVisibility).toBe('PRIVATE');
    return project!.arn!;
  }

  it('makes a project public with an alias and its access role, shown by BatchGetProjects', async () => {
    const arn = await newProject();
    const answer = await client.send(new UpdateProjectVisibilityCommand({ projectArn: arn, projectVisibility: 'PUBLIC_READ', resourceAccessRole: ACCESS_ROLE }));
    expect(answer).toMatchObject({ projectArn: arn, projectVisibility: 'PUBLIC_READ' });
    expect(answer.publicProjectAlias).toMatch(/^[0-9a-f-]{36}$/);
    const { projects } = await client.send(new BatchGetProjectsCommand({ names: [arn] }));
    expect(projects?.[0]).toMatchObject({ projectVisibility: 'PUBLIC_READ', publicProjectAlias: answer.publicProjectAlias, resourceAccessRole: ACCESS_ROLE });
  });

  it('makes it private again, and a later UpdateProject keeps the visibility', async () => {
    const arn = await newProject();
    const made = await client.send(new UpdateProjectVisibilityCommand({ projectArn: arn, projectVisibility: 'PUBLIC_READ' }));
    await client.send(new UpdateProjectCommand({ name: arn, description: 'still public' }));
    expect((await client.send(new BatchGetProjectsCommand({ names: [arn] }))).projects?.[0]).toMatchObject({ projectVisibility: 'PUBLIC_READ', description: 'still public' });
    const back = await client.send(new UpdateProjectVisibilityCommand({ projectArn: arn, projectVisibility: 'PRIVATE' }));
    expect(back.projectVisibility).toBe('PRIVATE');
    expect((await client.send(new BatchGetProjectsCommand({ names: [arn] }))).projects?.[0]?.projectVisibility).toBe('PRIVATE');
    const again = await client.send(new UpdateProjectVisibilityCommand({ projectArn: arn, projectVisibility: 'PUBLIC_READ' }));
    expect(again.publicProjectAlias).toBe(made.publicProjectAlias);
  });

  it('answers ResourceNotFoundException for an unknown project and ValidationException for an unknown visibility', async () => {
    const unknown = `arn:aws:codebuild:us-east-1:${TEST_ACCOUNT}:project/${uniqueName('none')}`;
    expect(await errorOf(client.send(new UpdateProjectVisibilityCommand({ projectArn: unknown, projectVisibility: 'PRIVATE' })))).toMatchObject({ name: 'ResourceNotFoundException', status: 400 });
    const arn = await newProject();
    expect(await errorOf(client.send(new UpdateProjectVisibilityCommand({ projectArn: arn, projectVisibility: 'PUBLIC' as never })))).toMatchObject({ name: 'ValidationException', status: 400 });
  });
});
