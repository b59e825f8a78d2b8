import { BatchGetBuildsCommand, CodeBuildClient, CreateProjectCommand, CreateWebhookCommand, ListBuildsForProjectCommand, type Build } from '@aws-sdk/client-codebuild';
import { CodeCommitClient, CreateRepositoryCommand, CreateCommitCommand } from '@aws-sdk/client-codecommit';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator.js';
import { commitFile, git, initCheckout, tempDir } from '../../helpers/git.js';
import { uniqueName } from '../../helpers/pipelines.js';
import { waitFor } from '../../helpers/wait.js';
import { BUILD_IMAGE_TIMEOUT_MS, DEFAULT_IMAGE_PROJECT, ensureBuildImage } from '../../codebuild/build-image.js';
import { finishedBuild } from './codebuild-server.js';

const BUILDSPEC = `version: 0.2
phases:
  build:
    commands:
      - echo "hook event=$CODEBUILD_WEBHOOK_EVENT trigger=$CODEBUILD_WEBHOOK_TRIGGER head=$CODEBUILD_WEBHOOK_HEAD_REF prev=$CODEBUILD_WEBHOOK_PREV_COMMIT initiator=$CODEBUILD_INITIATOR"
`;

describe('CodeBuild webhooks on emulator repositories (builds in Docker)', () => {
  let env: TestEmulator;
  let codebuild: CodeBuildClient;
  let codecommit: CodeCommitClient;
  const work = tempDir('cpl-webhooks-');
  beforeAll(async () => {
    await ensureBuildImage();
    env = await startTestEmulator();
    codebuild = env.client(CodeBuildClient);
    codecommit = env.client(CodeCommitClient);
  }, BUILD_IMAGE_TIMEOUT_MS);
  afterAll(async () => env?.close());

  async function buildsOf(projectName: string, count: number): Promise<Build[]> {
    const listed = await waitFor(
      () => codebuild.send(new ListBuildsForProjectCommand({ projectName, sortOrder: 'ASCENDING' })),
      { description: `${count} webhook build(s) of ${projectName}`, timeoutMs: 60_000, intervalMs: 100 },
      (o) => (o.ids?.length ?? 0) >= count,
    );
    return (await codebuild.send(new BatchGetBuildsCommand({ ids: listed.ids }))).builds!;
  }

  it('starts a build of the pushed commit for pushes its filter groups match, over git HTTP and CreateCommit, and none for the others', async () => {
    const repositoryName = uniqueName('hooked-repo');
    const { repositoryMetadata } = await codecommit.send(new CreateRepositoryCommand({ repositoryName }));
    const remote = repositoryMetadata!.cloneUrlHttp!;
    const clone = join(work, repositoryName);
    await initCheckout(clone, 'main');
    await git(clone, 'push', '--quiet', remote, 'main');

    const projectName = uniqueName('hooked');
    await codebuild.send(
      new CreateProjectCommand({
        name: projectName,
        source: { type: 'CODECOMMIT', location: `https://git-codecommit.us-east-1.amazonaws.com/v1/repos/${repositoryName}`, buildspec: BUILDSPEC },
        artifacts: { type: 'NO_ARTIFACTS' },
        ...DEFAULT_IMAGE_PROJECT,
      }),
    );
    await codebuild.send(
      new CreateWebhookCommand({
        projectName,
        filterGroups: [
          [
            { type: 'EVENT', pattern: 'PUSH' },
            { type: 'HEAD_REF', pattern: '^refs/heads/main$' },
            { type: 'FILE_PATH', pattern: '^src/' },
            { type: 'COMMIT_MESSAGE', pattern: '\\[skip ci\\]', excludeMatchedPattern: true },
          ],
          [
            { type: 'EVENT', pattern: 'PUSH' },
            { type: 'HEAD_REF', pattern: '^refs/tags/release-' },
          ],
        ],
      }),
    );

    // Pushes no group matches: another branch, a main commit outside src/, and one whose message skips CI.
    await git(clone, 'checkout', '--quiet', '-b', 'feature');
    const onFeature = await commitFile(clone, 'src/feature.js', 'feature\n', 'feature work');
    await git(clone, 'push', '--quiet', remote, 'feature');
    await git(clone, 'checkout', '--quiet', 'main');
    const docsOnly = await commitFile(clone, 'docs/guide.md', 'guide\n', 'docs');
    await git(clone, 'push', '--quiet', remote, 'main');
    const skipped = await commitFile(clone, 'src/skip.js', 'skip\n', 'tidy [skip ci]');
    await git(clone, 'push', '--quiet', remote, 'main');
    // Then one push matching both groups: main changing src/, and a release tag.
    const matching = await commitFile(clone, 'src/app.js', 'app\n', 'the app');
    await git(clone, 'tag', 'release-1');
    await git(clone, 'push', '--quiet', remote, 'main', 'release-1');

    // Pushes are offered to webhooks in order: once the matching push's builds exist, the earlier ones were decided.
    const pushed = await buildsOf(projectName, 2);
    expect(pushed.map((b) => b.sourceVersion)).toEqual([matching, matching]);
    for (const build of pushed) expect(build).toMatchObject({ initiator: 'codepipeline-local-webhook', projectName });
    for (const commit of [onFeature, docsOnly, skipped]) expect(pushed.some((b) => b.sourceVersion === commit)).toBe(false);
    const lines: string[] = [];
    for (const build of pushed) {
      const done = await finishedBuild(codebuild, build.id!, 180_000);
      expect(done).toMatchObject({ buildStatus: 'SUCCEEDED', resolvedSourceVersion: matching });
      lines.push(/^hook .*$/m.exec(await (await fetch(done.logs!.deepLink!)).text())?.[0] ?? '(no hook line)');
    }
    expect(lines.sort()).toEqual([
      `hook event=PUSH trigger=branch/main head=refs/heads/main prev=${skipped} initiator=codepipeline-local-webhook`,
      'hook event=PUSH trigger=tag/release-1 head=refs/tags/release-1 prev= initiator=codepipeline-local-webhook',
    ]);

    // A commit made through the API is a push too.
    const viaApi = await codecommit.send(
      new CreateCommitCommand({ repositoryName, branchName: 'main', parentCommitId: matching, putFiles: [{ filePath: 'src/api.js', fileContent: new TextEncoder().encode('api\n') }], commitMessage: 'from the API' }),
    );
    const all = await buildsOf(projectName, 3);
    expect(all).toHaveLength(3);
    expect(all[2]).toMatchObject({ sourceVersion: viaApi.commitId, initiator: 'codepipeline-local-webhook' });
    expect(await finishedBuild(codebuild, all[2].id!, 180_000)).toMatchObject({ buildStatus: 'SUCCEEDED', resolvedSourceVersion: viaApi.commitId });
  }, 600_000);
});
