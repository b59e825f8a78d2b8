import {
  CreateProjectCommand,
  DeleteSourceCredentialsCommand,
  ImportSourceCredentialsCommand,
  InvalidateProjectCacheCommand,
  ListCuratedEnvironmentImagesCommand,
  ListSourceCredentialsCommand,
} from '@aws-sdk/client-codebuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from '../../helpers/errors.js';
import { uniqueName } from '../../helpers/pipelines.js';
import { aws } from '../protocol/tiny/aws-cli.js';
import { startCodeBuildServer, type CodeBuildTestServer } from './codebuild-server.js';

describe('CodeBuild curated images, source credentials and cache resets', () => {
  let server: CodeBuildTestServer;
  beforeAll(async () => {
    server = await startCodeBuildServer();
  });
  afterAll(async () => server?.close());

  it('lists the CodeBuild images the image map runs locally', async () => {
    const { platforms } = await server.client.send(new ListCuratedEnvironmentImagesCommand({}));
    expect(platforms!.map((p) => p.platform)).toEqual(['UBUNTU', 'AMAZON_LINUX']);
    const ubuntu = platforms![0].languages![0];
    expect(ubuntu.language).toBe('BASE');
    expect(ubuntu.images).toContainEqual({ name: 'aws/codebuild/standard:7.0', description: 'Ubuntu 22.04 standard image 7.0 (runs locally as codepipeline-local/build:1)', versions: ['aws/codebuild/standard:7.0'] });
    const cli = await aws(server.url, ['codebuild', 'list-curated-environment-images']);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.json.platforms[1].languages[0].images.map((i: { name: string }) => i.name)).toContain('aws/codebuild/amazonlinux2-x86_64-standard:5.0');
  });

  it('stores source credentials one per server type and never shows the token', async () => {
    const github = await server.client.send(new ImportSourceCredentialsCommand({ serverType: 'GITHUB', authType: 'PERSONAL_ACCESS_TOKEN', token: 'ghp_secret-token-1' }));
    expect(github.arn).toBe('arn:aws:codebuild:us-east-1:000000000000:token/github');
    const cli = await aws(server.url, ['codebuild', 'import-source-credentials', '--server-type', 'BITBUCKET', '--auth-type', 'BASIC_AUTH', '--token', 'app-password-2', '--username', 'me']);
    expect(cli.json).toEqual({ arn: 'arn:aws:codebuild:us-east-1:000000000000:token/bitbucket' });
    const listed = await aws(server.url, ['codebuild', 'list-source-credentials']);
    expect(listed.json).toEqual({
      sourceCredentialsInfos: [
        { arn: 'arn:aws:codebuild:us-east-1:000000000000:token/bitbucket', serverType: 'BITBUCKET', authType: 'BASIC_AUTH' },
        { arn: 'arn:aws:codebuild:us-east-1:000000000000:token/github', serverType: 'GITHUB', authType: 'PERSONAL_ACCESS_TOKEN' },
      ],
    });
    expect(listed.stdout).not.toContain('secret-token');
    expect(listed.stdout).not.toContain('app-password');

    // Overwritten by default; refused when shouldOverwrite is false.
    await server.client.send(new ImportSourceCredentialsCommand({ serverType: 'GITHUB', authType: 'PERSONAL_ACCESS_TOKEN', token: 'ghp_other' }));
    expect((await errorOf(server.client.send(new ImportSourceCredentialsCommand({ serverType: 'GITHUB', authType: 'PERSONAL_ACCESS_TOKEN', token: 'x', shouldOverwrite: false })))).name).toBe('ResourceAlreadyExistsException');
    expect((await errorOf(server.client.send(new ImportSourceCredentialsCommand({ serverType: 'GITLAB', authType: 'BASIC_AUTH', token: 'x', username: 'u' })))).name).toBe('InvalidInputException');

    const deleted = await server.client.send(new DeleteSourceCredentialsCommand({ arn: github.arn }));
    expect(deleted.arn).toBe(github.arn);
    expect((await server.client.send(new ListSourceCredentialsCommand({}))).sourceCredentialsInfos!.map((c) => c.serverType)).toEqual(['BITBUCKET']);
    expect((await errorOf(server.client.send(new DeleteSourceCredentialsCommand({ arn: github.arn })))).name).toBe('ResourceNotFoundException');
  });

  it('resets a project\'s cache, and refuses an unknown project', async () => {
    const name = uniqueName('cache');
    await server.client.send(
      new CreateProjectCommand({
        name,
        source: { type: 'NO_SOURCE', buildspec: 'version: 0.2\nphases: {build: {commands: [echo]}}\n' },
        artifacts: { type: 'NO_ARTIFACTS' },
        cache: { type: 'LOCAL', modes: ['LOCAL_CUSTOM_CACHE'] },
        environment: { type: 'LINUX_CONTAINER', image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_SMALL' },
        serviceRole: 'arn:aws:iam::000000000000:role/cb',
      }),
    );
    // No build has filled the cache yet: there is nothing to remove, which is not an error.
    expect(await server.client.send(new InvalidateProjectCacheCommand({ projectName: name }))).toMatchObject({ $metadata: { httpStatusCode: 200 } });
    const cli = await aws(server.url, ['codebuild', 'invalidate-project-cache', '--project-name', `${name}-nope`]);
    expect(cli.code).not.toBe(0);
    expect(cli.stderr).toContain('ResourceNotFoundException');
  });
});
