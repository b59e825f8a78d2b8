import { BatchGetProjectsCommand, CodeBuildClient, CreateProjectCommand, CreateWebhookCommand, DeleteWebhookCommand, UpdateWebhookCommand } from '@aws-sdk/client-codebuild';
import { CodeCommitClient, CreateRepositoryCommand } from '@aws-sdk/client-codecommit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator.js';
import { uniqueName } from '../../helpers/pipelines.js';
import { aws } from '../protocol/tiny/aws-cli.js';

const ROLE = 'arn:aws:iam::000000000000:role/service-role/codebuild';
const ENVIRONMENT = { type: 'LINUX_CONTAINER', image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_SMALL' } as const;
const PUSH_TO_MAIN = [[{ type: 'EVENT', pattern: 'PUSH' }, { type: 'HEAD_REF', pattern: '^refs/heads/main$' }]];

describe('CodeBuild webhooks (API)', () => {
  let env: TestEmulator;
  let client: CodeBuildClient;
  beforeAll(async () => {
    env = await startTestEmulator();
    client = env.client(CodeBuildClient);
    await env.client(CodeCommitClient).send(new CreateRepositoryCommand({ repositoryName: 'web-app' }));
  });
  afterAll(async () => env?.close());

  async function project(source: { type: string; location?: string; buildspec?: string }): Promise<string> {
    const name = uniqueName('hooked');
    await client.send(new CreateProjectCommand({ name, source: { buildspec: 'version: 0.2\n', ...source } as never, artifacts: { type: 'NO_ARTIFACTS' }, environment: ENVIRONMENT, serviceRole: ROLE }));
    return name;
  }
  const codeCommit = () => project({ type: 'CODECOMMIT', location: 'https://git-codecommit.us-east-1.amazonaws.com/v1/repos/web-app' });
  const errorOf = (p: Promise<unknown>) => p.then(() => undefined, (e: { name: string; message: string; $metadata: { httpStatusCode?: number } }) => ({ name: e.name, message: e.message, status: e.$metadata.httpStatusCode }));

  it('creates one webhook per project, shows it in BatchGetProjects without its secret, updates, rotates and deletes it', async () => {
    const name = await codeCommit();
    const { webhook } = await client.send(new CreateWebhookCommand({ projectName: name, filterGroups: PUSH_TO_MAIN as never }));
    expect(webhook).toMatchObject({
      url: 'https://git-codecommit.us-east-1.amazonaws.com/v1/repos/web-app',
      payloadUrl: expect.stringMatching(/^https:\/\/codebuild\.us-east-1\.amazonaws\.com\/webhooks\?t=[\w-]+&v=1$/),
      secret: expect.stringMatching(/^[0-9a-f]{40}$/),
      filterGroups: PUSH_TO_MAIN,
      buildType: 'BUILD',
    });
    expect(webhook!.lastModifiedSecret).toBeInstanceOf(Date);

    const shown = (await client.send(new BatchGetProjectsCommand({ names: [name] }))).projects![0].webhook!;
    expect(shown).toEqual({ url: webhook!.url, payloadUrl: webhook!.payloadUrl, filterGroups: PUSH_TO_MAIN, buildType: 'BUILD', lastModifiedSecret: webhook!.lastModifiedSecret });

    expect(await errorOf(client.send(new CreateWebhookCommand({ projectName: name })))).toMatchObject({ name: 'ResourceAlreadyExistsException', status: 400 });

    const tags = [[{ type: 'EVENT', pattern: 'PUSH' }, { type: 'HEAD_REF', pattern: '^refs/tags/v.*', excludeMatchedPattern: false }]];
    const updated = (await client.send(new UpdateWebhookCommand({ projectName: name, filterGroups: tags as never, buildType: 'BUILD_BATCH' }))).webhook!;
    expect(updated).toMatchObject({ filterGroups: tags, buildType: 'BUILD_BATCH' });
    expect(updated.secret).toBeUndefined();
    const rotated = (await client.send(new UpdateWebhookCommand({ projectName: name, rotateSecret: true }))).webhook!;
    expect(rotated.secret).toMatch(/^[0-9a-f]{40}$/);
    expect(rotated.secret).not.toBe(webhook!.secret);

    await client.send(new DeleteWebhookCommand({ projectName: name }));
    expect((await client.send(new BatchGetProjectsCommand({ names: [name] }))).projects![0].webhook).toBeUndefined();
    expect(await errorOf(client.send(new DeleteWebhookCommand({ projectName: name })))).toMatchObject({ name: 'ResourceNotFoundException', status: 400 });
    expect(await errorOf(client.send(new UpdateWebhookCommand({ projectName: name, rotateSecret: true })))).toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('gives GitHub projects a hook URL of the repository (API only: nothing delivers)', async () => {
    const name = await project({ type: 'GITHUB', location: 'https://github.com/octo/app.git' });
    const { webhook } = await client.send(new CreateWebhookCommand({ projectName: name }));
    expect(webhook!.url).toMatch(/^https:\/\/api\.github\.com\/repos\/octo\/app\/hooks\/\d+$/);
  });

  it('refuses a missing project, sources without webhooks and invalid filter groups', async () => {
    const missing = uniqueName('absent');
    expect(await errorOf(client.send(new CreateWebhookCommand({ projectName: missing })))).toEqual({
      name: 'ResourceNotFoundException',
      message: `Project cannot be found: arn:aws:codebuild:us-east-1:000000000000:project/${missing}`,
      status: 400,
    });
    const noSource = await project({ type: 'NO_SOURCE' });
    expect(await errorOf(client.send(new CreateWebhookCommand({ projectName: noSource })))).toMatchObject({ name: 'InvalidInputException', message: 'Project source type NO_SOURCE does not support webhooks' });
    const s3 = await project({ type: 'S3', location: 'bucket/app.zip' });
    expect(await errorOf(client.send(new CreateWebhookCommand({ projectName: s3 })))).toMatchObject({ name: 'InvalidInputException' });

    const elsewhere = await project({ type: 'CODECOMMIT', location: 'https://git-codecommit.us-east-1.amazonaws.com/v1/repos/not-here' });
    expect(await errorOf(client.send(new CreateWebhookCommand({ projectName: elsewhere })))).toMatchObject({ name: 'InvalidInputException', message: 'Invalid source location: repository not-here does not exist in us-east-1' });

    const name = await codeCommit();
    const invalid: [unknown, RegExp][] = [
      [[[{ type: 'HEAD_REF', pattern: 'main' }]], /exactly one EVENT filter/],
      [[[{ type: 'EVENT', pattern: 'PUSH' }, { type: 'EVENT', pattern: 'PUSH' }]], /exactly one EVENT filter/],
      [[[{ type: 'EVENT', pattern: 'PUSHED' }]], /Invalid EVENT filter pattern: PUSHED/],
      [[[{ type: 'EVENT', pattern: 'PUSH' }, { type: 'FILE_PATH', pattern: '(' }]], /not a valid regular expression/],
      [[[]], /at least one filter/],
    ];
    for (const [filterGroups, message] of invalid) {
      const error = await errorOf(client.send(new CreateWebhookCommand({ projectName: name, filterGroups: filterGroups as never })));
      expect(error, JSON.stringify(filterGroups)).toMatchObject({ name: 'InvalidInputException', status: 400, message: expect.stringMatching(message) });
    }
    expect((await client.send(new BatchGetProjectsCommand({ names: [name] }))).projects![0].webhook).toBeUndefined();
  });

  it('answers the real aws CLI: create-webhook, update-webhook, delete-webhook and their errors', async () => {
    const name = await codeCommit();
    const created = await aws(env.url, ['codebuild', 'create-webhook', '--project-name', name, '--filter-groups', JSON.stringify(PUSH_TO_MAIN)]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.json.webhook).toMatchObject({ filterGroups: PUSH_TO_MAIN, buildType: 'BUILD', secret: expect.any(String) });
    const again = await aws(env.url, ['codebuild', 'create-webhook', '--project-name', name]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('(ResourceAlreadyExistsException)');
    const updated = await aws(env.url, ['codebuild', 'update-webhook', '--project-name', name, '--rotate-secret']);
    expect(updated.code, updated.stderr).toBe(0);
    expect(updated.json.webhook.secret).not.toBe(created.json.webhook.secret);
    const bad = await aws(env.url, ['codebuild', 'update-webhook', '--project-name', name, '--filter-groups', '[[{"type":"FILE_PATH","pattern":"src/"}]]']);
    expect(bad.stderr).toContain('(InvalidInputException)');
    expect((await aws(env.url, ['codebuild', 'delete-webhook', '--project-name', name])).code).toBe(0);
    const gone = await aws(env.url, ['codebuild', 'delete-webhook', '--project-name', name]);
    expect(gone.stderr).toContain('(ResourceNotFoundException)');
  });
});
