import { CodeBuildClient, CreateProjectCommand } from '@aws-sdk/client-codebuild';
import { CreatePipelineCommand } from '@aws-sdk/client-codepipeline';
import { beforeAll, describe, expect, it } from 'vitest';
import { localPipeline } from '../helpers/local-pipelines.js';
import { awsAction, uniqueName } from '../helpers/pipelines.js';
import { useConsoleHarness } from './helpers/browser.js';
import { countLoads } from './helpers/page-probes.js';

// The build prints one line, waits, then prints another: the page must show the first before the second exists.
const BUILDSPEC = `version: 0.2
phases:
  build:
    commands:
      - echo "first line of the build"
      - sleep 4
      - echo "second line of the build"
`;

describe('the build of a CodeBuild action', () => {
  const h = useConsoleHarness();
  let codebuild: CodeBuildClient;
  beforeAll(() => {
    codebuild = h.env.client(CodeBuildClient);
  });

  describe('when its details are opened while it runs', () => {
    it('streams the log live, then shows the phases with their durations', async () => {
      const name = uniqueName('buildlog');
      await codebuild.send(
        new CreateProjectCommand({
          name,
          source: { type: 'CODEPIPELINE', buildspec: BUILDSPEC },
          artifacts: { type: 'CODEPIPELINE' },
          environment: { type: 'LINUX_CONTAINER', image: 'debian:bookworm-slim', computeType: 'BUILD_GENERAL1_SMALL' },
          serviceRole: 'arn:aws:iam::000000000000:role/codebuild',
        }),
      );
      const build = awsAction('Build', 'Build', 'CodeBuild', { ProjectName: name }, { inputArtifacts: [{ name: 'SourceArtifact' }] });
      await h.client.send(new CreatePipelineCommand({ pipeline: localPipeline(name, [{ name: 'Build', actions: [build] }]) }));
      const page = await h.open(`/console/pipelines/${name}`);
      const reloads = countLoads(page);
      await page.locator('[data-testid="action-Build"][data-status="InProgress"]').waitFor({ timeout: 60_000 });
      await page.getByTestId('details-Build').click();

      const log = page.getByTestId('build-log');
      await log.getByText('first line of the build', { exact: false }).first().waitFor({ timeout: 60_000 });
      await expect(page.getByTestId('log-status').getAttribute('data-state')).resolves.toBe('streaming');
      await expect(log.textContent()).resolves.not.toContain('second line of the build');
      await page.locator('[data-testid="phase-BUILD"]').waitFor();
      await h.screenshot(page, 'build-log-streaming');

      await page.locator('[data-testid="log-status"][data-state="ended"]').waitFor({ timeout: 60_000 });
      await expect(log.textContent()).resolves.toContain('second line of the build');
      const phase = page.getByTestId('phase-BUILD');
      await phase.locator('[data-status="Succeeded"]').waitFor();
      const seconds = Number(/(\d+) sec/.exec((await phase.textContent()) ?? '')?.[1]);
      expect(seconds).toBeGreaterThanOrEqual(4);
      await h.screenshot(page, 'build-log-ended');
      expect(reloads()).toBe(0);
    });
  });
});
