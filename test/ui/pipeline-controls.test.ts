import { GetPipelineStateCommand, ListPipelineExecutionsCommand } from '@aws-sdk/client-codepipeline';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executionProbes } from '../helpers/execution-probes.js';
import { localPipeline, testAction } from '../helpers/local-pipelines.js';
import { uniqueName } from '../helpers/pipelines.js';
import { waitFor } from '../helpers/wait.js';
import { useConsoleHarness } from './helpers/browser.js';
import { untilStage } from './helpers/page-probes.js';

describe('the pipeline view controls', () => {
  const h = useConsoleHarness();
  let scratch: string;
  const probe = executionProbes(() => h.client);
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'cpl-ui-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  const buildAndDeploy = (name: string, build: Record<string, string> = {}) =>
    localPipeline(name, [
      { name: 'Build', actions: [testAction('Build', 'Build', build)] },
      { name: 'Deploy', actions: [testAction('Deploy', 'Deploy')] },
    ]);

  describe('when a transition is disabled and enabled again', () => {
    it('holds a released change in front of the stage until the transition is enabled', async () => {
      const name = uniqueName('transition');
      const first = await probe.create(buildAndDeploy(name));
      await probe.untilStatus(name, first, 'Succeeded');
      const page = await h.open(`/console/pipelines/${name}`);
      await page.getByTestId('disable-Deploy').click();
      await page.getByTestId('disable-reason').fill('Freeze until Monday');
      await page.getByTestId('dialog-submit').click();
      const connector = page.locator('[data-testid="transition-Deploy"][data-enabled="false"]');
      await connector.waitFor();
      await expect(connector.textContent()).resolves.toContain('Transition disabled: Freeze until Monday');
      const disabled = await h.client.send(new GetPipelineStateCommand({ name }));
      expect(disabled.stageStates?.find((s) => s.stageName === 'Deploy')?.inboundTransitionState).toMatchObject({ enabled: false, disabledReason: 'Freeze until Monday' });

      await page.getByTestId('release-change').click();
      await page.getByTestId('release-dialog').getByTestId('dialog-submit').click();
      // The flash may still show the previous message until the start answers: wait for the new one.
      await page.getByTestId('flash').getByText(/Started execution [0-9a-f]{8}/).waitFor();
      await expect(page.getByTestId('flash').textContent()).resolves.toMatch(/Started execution [0-9a-f]{8}/);
      await connector.getByText('Waiting').waitFor();
      await h.screenshot(page, 'transition-disabled');
      const listed = async () => (await h.client.send(new ListPipelineExecutionsCommand({ pipelineName: name }))).pipelineExecutionSummaries ?? [];
      const second = (await waitFor(async () => (await listed()).find((e) => e.pipelineExecutionId !== first)))!;
      expect(second.status).toBe('InProgress');

      await page.getByTestId('enable-Deploy').click();
      await page.locator('[data-testid="transition-Deploy"][data-enabled="true"]').waitFor();
      await probe.untilStatus(name, second.pipelineExecutionId!, 'Succeeded');
      await page.locator(`[data-testid="stage-Deploy"] a[title="${second.pipelineExecutionId}"]`).waitFor();
    });

    it('shows the API error in the dialog when the reason is not one AWS accepts', async () => {
      const name = uniqueName('badreason');
      await probe.create(buildAndDeploy(name));
      const page = await h.open(`/console/pipelines/${name}`);
      await page.getByTestId('disable-Deploy').click();
      await page.getByTestId('disable-reason').fill('no <html> here');
      await page.getByTestId('dialog-submit').click();
      const error = page.getByTestId('disable-dialog').getByTestId('inline-error');
      await expect(error.textContent()).resolves.toMatch(/^ValidationException: .*reason/);
    });
  });

  describe('when a stage failed', () => {
    it('retries its failed actions from the Retry dialog and the execution goes on', async () => {
      const name = uniqueName('retry');
      const flag = join(scratch, `${name}.ok`);
      const id = await probe.create(buildAndDeploy(name, { FailUnlessFile: flag }));
      await probe.untilStatus(name, id, 'Failed');
      const page = await h.open(`/console/pipelines/${name}`);
      await untilStage(page, 'Build', 'Failed');
      await expect(page.getByTestId('action-Build').textContent()).resolves.toContain('does not exist yet');
      await h.screenshot(page, 'stage-failed');
      writeFileSync(flag, 'ok');
      await page.getByTestId('retry-Build').click();
      await page.getByTestId('retry-dialog').getByTestId('dialog-submit').click();
      await untilStage(page, 'Build', 'Succeeded');
      await untilStage(page, 'Deploy', 'Succeeded');
      await expect(page.getByTestId('stage-Build').textContent()).resolves.toContain('retried 1×');
      await probe.untilStatus(name, id, 'Succeeded');
    });
  });
});
