import { strFromU8, unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { executionProbes } from '../helpers/execution-probes.js';
import { localPipeline, testAction } from '../helpers/local-pipelines.js';
import { uniqueName } from '../helpers/pipelines.js';
import { useConsoleHarness } from './helpers/browser.js';

describe('the execution views', () => {
  const h = useConsoleHarness();
  const probe = executionProbes(() => h.client);

  /** A pipeline whose source says hello and whose build emits a variable and an artifact, run twice. */
  async function ranTwice() {
    const name = uniqueName('exec');
    const build = testAction('Build', 'Build', { OutputVariables: '{"IMAGE":"web:42"}', Content: 'built' }, {
      inputArtifacts: [{ name: 'SourceArtifact' }],
      outputArtifacts: [{ name: 'BuildArtifact' }],
      namespace: 'BuildVariables',
    });
    const first = await probe.create(localPipeline(name, [{ name: 'Build', actions: [build] }], {}, { Content: 'hello', Summary: 'Say hello' }));
    await probe.untilStatus(name, first, 'Succeeded');
    const second = await probe.start(name);
    await probe.untilStatus(name, second, 'Succeeded');
    return { name, first, second };
  }

  describe('when the history of a pipeline is opened', () => {
    it('lists its executions newest first and leads to an execution', async () => {
      const { name, first, second } = await ranTwice();
      const page = await h.open(`/console/pipelines/${name}/executions`);
      const rows = page.locator('[data-testid^="execution-row-"]');
      await rows.nth(1).waitFor();
      await expect(rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).resolves.toEqual([`execution-row-${second}`, `execution-row-${first}`]);
      await expect(rows.nth(1).textContent()).resolves.toContain('CreatePipeline');
      await expect(rows.nth(0).textContent()).resolves.toContain('StartPipelineExecution');
      await expect(rows.nth(0).textContent()).resolves.toContain('Say hello');
      await h.screenshot(page, 'execution-history');
      await rows.nth(1).getByRole('link').first().click();
      await page.waitForURL(`**/executions/${first}`);
      await page.getByTestId('timeline').waitFor();
    });
  });

  describe('when an execution is opened', () => {
    it('shows its timeline, variables and artifacts, and downloads an artifact zip', async () => {
      const { name, first } = await ranTwice();
      const page = await h.open(`/console/pipelines/${name}/executions/${first}`);
      const timeline = page.getByTestId('timeline');
      await timeline.waitFor();
      await expect(timeline.locator('.timeline-stage-name').allTextContents()).resolves.toEqual(['Source', 'Build']);
      await expect(timeline.locator('.timeline-bar.tone-success').count()).resolves.toBe(2);
      await expect(page.getByTestId('variables-table').textContent()).resolves.toMatch(/BuildVariables\s*IMAGE\s*web:42/);
      await h.screenshot(page, 'execution-detail');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('artifact-BuildArtifact').click()]);
      expect(download.suggestedFilename()).toBe('BuildArtifact.zip');
      const files = unzipSync(readFileSync(await download.path()));
      expect(strFromU8(files['Source-Source.txt'])).toBe('hello');
      expect(strFromU8(files['Build-Build.txt'])).toBe('built');
    });
  });

  describe('when an action of an execution is opened', () => {
    it('shows its status, configuration, artifacts and output variables', async () => {
      const { name, first } = await ranTwice();
      const page = await h.open(`/console/pipelines/${name}/executions/${first}`);
      await page.getByTestId('timeline').getByRole('link', { name: 'Build' }).click();
      await page.getByTestId('configuration-table').waitFor();
      await expect(page.locator('h1').textContent()).resolves.toBe('Build');
      await expect(page.getByTestId('configuration-table').textContent()).resolves.toContain('OutputVariables');
      await expect(page.getByTestId('action-summary').textContent()).resolves.toBe('Build done');
      await expect(page.locator('body').textContent()).resolves.toContain('#{BuildVariables.IMAGE}');
      await expect(page.getByTestId('artifact-SourceArtifact').count()).resolves.toBe(1);
      await h.screenshot(page, 'action-detail');
    });
  });

  describe('when the pipelines list is opened', () => {
    it('shows each pipeline with its latest execution and finds them by name', async () => {
      const { name } = await ranTwice();
      const other = await ranTwice();
      const page = await h.open('/console/');
      const row = page.getByTestId(`pipeline-row-${name}`);
      await row.waitFor();
      await expect(row.textContent()).resolves.toMatch(/Succeeded.*Source:.*Say hello/);
      await page.getByRole('searchbox').fill(name);
      await expect(page.getByTestId(`pipeline-row-${other.name}`).count()).resolves.toBe(0);
      await expect(row.count()).resolves.toBe(1);
      await h.screenshot(page, 'pipelines-list');
    });
  });
});
