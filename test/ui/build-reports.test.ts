import { CodeBuildClient, CreateProjectCommand } from '@aws-sdk/client-codebuild';
import { CreatePipelineCommand } from '@aws-sdk/client-codepipeline';
import { beforeAll, describe, expect, it } from 'vitest';
import { localPipeline } from '../helpers/local-pipelines.js';
import { awsAction, uniqueName } from '../helpers/pipelines.js';
import { useConsoleHarness } from './helpers/browser.js';

// The build writes a JUnit file with one failure and a Cobertura file, and passes: the reports tell the story.
const BUILDSPEC = `version: 0.2
phases:
  build:
    commands:
      - mkdir -p out
      - |
        cat > out/junit.xml <<'XML'
        <testsuite name="cart">
          <testcase classname="cart.total" name="sums prices" time="0.01"/>
          <testcase classname="cart.total" name="applies the discount" time="0.02"><failure message="expected 90 but was 100">at cart.test.js:12</failure></testcase>
          <testcase classname="cart.checkout" name="pays later"><skipped/></testcase>
        </testsuite>
        XML
      - |
        cat > out/cobertura.xml <<'XML'
        <coverage><packages><package name="src"><classes>
          <class name="cart" filename="src/cart.js"><lines><line number="1" hits="1"/><line number="2" hits="0"/></lines></class>
          <class name="util" filename="src/util.js"><lines><line number="1" hits="4"/></lines></class>
        </classes></package></packages></coverage>
        XML
reports:
  unit:
    files: [out/junit.xml]
  coverage:
    files: [out/cobertura.xml]
    file-format: COBERTURAXML
`;

describe('the reports of a CodeBuild action\'s build', () => {
  const h = useConsoleHarness();
  let codebuild: CodeBuildClient;
  beforeAll(() => {
    codebuild = h.env.client(CodeBuildClient);
  });

  it('shows the test counts, the failed test with its message, and coverage per file', async () => {
    const name = uniqueName('buildreports');
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
    await page.locator('[data-testid="action-Build"][data-status="Succeeded"]').waitFor({ timeout: 120_000 });
    await page.getByTestId('details-Build').click();

    const unit = page.getByTestId(`report-${name}-unit`);
    await unit.waitFor({ timeout: 30_000 });
    await expect(unit.getByTestId('test-counts').textContent()).resolves.toContain('1 passed, 1 failed, 0 errors, 1 skipped of 3');
    const failures = unit.getByTestId('test-failures');
    await expect(failures.textContent()).resolves.toContain('applies the discount');
    await expect(failures.textContent()).resolves.toContain('expected 90 but was 100');
    const coverage = page.getByTestId(`report-${name}-coverage`);
    await expect(coverage.getByTestId('coverage-summary').textContent()).resolves.toContain('Lines 66.67% (2 covered, 1 missed)');
    const rows = await coverage.getByTestId('coverage-files').locator('tbody tr').allTextContents();
    expect(rows.map((r) => r.split('%')[0])).toEqual(['src/cart.js50', 'src/util.js100']);
    await h.screenshot(page, 'build-reports');
  });
});
