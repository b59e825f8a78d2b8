import { CreatePipelineCommand, GetPipelineStateCommand } from '@aws-sdk/client-codepipeline';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDataDir } from '../helpers/emulator.js';
import { executionProbes } from '../helpers/execution-probes.js';
import { approvalAction, localPipeline, testAction } from '../helpers/local-pipelines.js';
import { uniqueName } from '../helpers/pipelines.js';
import { useConsoleHarness } from './helpers/browser.js';
import { countLoads, recordStageStatuses, stageStatuses, untilStage } from './helpers/page-probes.js';

describe('the pipeline view', () => {
  const h = useConsoleHarness();
  const probe = executionProbes(() => h.client);

  describe('when an execution runs', () => {
    it('turns each stage blue then green, one after the other, without reloading the page', async () => {
      // Each action runs until the test, having seen its stage drawn InProgress, makes its file.
      const dir = freshDataDir();
      const hold = (stage: string) => join(dir, stage);
      const release = (stage: string) => writeFileSync(hold(stage), '');
      const name = uniqueName('live');
      const stages = [
        { name: 'Build', actions: [testAction('Build', 'Build', { WaitForFile: hold('Build') }, { inputArtifacts: [{ name: 'SourceArtifact' }], outputArtifacts: [{ name: 'BuildArtifact' }] })] },
        { name: 'Deploy', actions: [testAction('Deploy', 'Deploy', { WaitForFile: hold('Deploy') }, { inputArtifacts: [{ name: 'BuildArtifact' }] })] },
      ];
      await h.client.send(new CreatePipelineCommand({ pipeline: localPipeline(name, stages, {}, { WaitForFile: hold('Source'), Summary: 'Add the checkout page' }) }));
      const page = await h.open(`/console/pipelines/${name}`, async (p) => {
        await recordStageStatuses(p);
      });
      const reloads = countLoads(page);
      await untilStage(page, 'Source', 'InProgress');
      release('Source');
      await untilStage(page, 'Build', 'InProgress');
      await h.screenshot(page, 'pipeline-running');
      release('Build');
      await untilStage(page, 'Deploy', 'InProgress');
      release('Deploy');
      await untilStage(page, 'Deploy', 'Succeeded');
      await h.screenshot(page, 'pipeline-succeeded');
      const seen = await stageStatuses(page);
      const order = ['Source:Succeeded', 'Build:InProgress', 'Build:Succeeded', 'Deploy:InProgress', 'Deploy:Succeeded'].map((s) => seen.indexOf(s));
      expect(order, `statuses shown: ${seen.join(', ')}`).not.toContain(-1);
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(reloads()).toBe(0);
      await expect(page.getByTestId('action-Source').textContent()).resolves.toContain('Add the checkout page');
      await page.getByTestId('latest-execution').locator('[data-status="Succeeded"]').waitFor();
    });
  });

  describe('when an approval waits for a review', () => {
    it('approves it with a comment from the Review dialog, and the next stage runs', async () => {
      const name = uniqueName('approve');
      const stages = [
        { name: 'Approve', actions: [approvalAction('Approval', { configuration: { CustomData: 'Check the staging site before release' } })] },
        { name: 'Deploy', actions: [testAction('Deploy', 'Deploy', {})] },
      ];
      const id = await probe.create(localPipeline(name, stages));
      const page = await h.open(`/console/pipelines/${name}`);
      await page.getByTestId('review-Approval').click();
      const dialog = page.getByTestId('review-dialog');
      await expect(dialog.textContent()).resolves.toContain('Check the staging site before release');
      await dialog.getByTestId('review-comment').fill('Looks good on staging');
      await h.screenshot(page, 'approval-review');
      await dialog.getByTestId('dialog-submit').click();
      await untilStage(page, 'Approve', 'Succeeded');
      await untilStage(page, 'Deploy', 'Succeeded');
      await expect(page.getByTestId('flash').textContent()).resolves.toContain('Approval approved');
      const approval = await probe.action(name, 'Approve', 'Approval');
      expect(approval.latestExecution).toMatchObject({ status: 'Succeeded', summary: 'Looks good on staging' });
      await probe.untilStatus(name, id, 'Succeeded');
    });

    it('rejects it, and the stage and execution fail', async () => {
      const name = uniqueName('reject');
      const id = await probe.create(localPipeline(name, [{ name: 'Approve', actions: [approvalAction('Approval')] }]));
      const page = await h.open(`/console/pipelines/${name}`);
      await page.getByTestId('review-Approval').click();
      await page.getByTestId('reject').check();
      await page.getByTestId('review-comment').fill('Not this week');
      await page.getByTestId('dialog-submit').click();
      await untilStage(page, 'Approve', 'Failed');
      await probe.untilStatus(name, id, 'Failed');
    });
  });

  describe('when an execution is stopped from the console', () => {
    it('abandons the running action and shows the execution stopped', async () => {
      const name = uniqueName('stop');
      const id = await probe.create(localPipeline(name, [{ name: 'Build', actions: [testAction('Build', 'Build', { Sleep: '60000' })] }]));
      const page = await h.open(`/console/pipelines/${name}`);
      await untilStage(page, 'Build', 'InProgress');
      await page.getByTestId('stop-execution').click();
      await page.getByTestId('stop-abandon').check();
      await page.getByTestId('stop-dialog').locator('textarea').fill('Wrong branch');
      await h.screenshot(page, 'stop-dialog');
      await page.getByTestId('dialog-submit').click();
      await untilStage(page, 'Build', 'Stopped');
      await page.locator('[data-testid="action-Build"][data-status="Abandoned"]').waitFor();
      await probe.untilStatus(name, id, 'Stopped');
      const state = await h.client.send(new GetPipelineStateCommand({ name }));
      expect(state.stageStates?.find((s) => s.stageName === 'Build')?.latestExecution?.status).toBe('Stopped');
    });
  });

  describe('when nothing happens', () => {
    it('asks the server nothing until an event says something changed', async () => {
      const name = uniqueName('idle');
      const id = await probe.create(localPipeline(name, [{ name: 'Build', actions: [testAction('Build', 'Build')] }]));
      await probe.untilStatus(name, id, 'Succeeded');
      const page = await h.open(`/console/pipelines/${name}`);
      await untilStage(page, 'Build', 'Succeeded');
      // Once the stream is up, the page may load once more (for events it could have missed while connecting).
      await page.locator('[data-testid="live-status"][data-live="live"]').waitFor();
      await page.waitForTimeout(500);
      const calls: string[] = [];
      page.on('request', (r) => r.method() === 'POST' && calls.push(r.headers()['x-amz-target'] ?? r.url()));
      await page.waitForTimeout(3000);
      expect(calls).toEqual([]);
      const second = await probe.start(name);
      await page.locator(`[data-testid="stage-Build"] a[title="${second}"]`).waitFor();
      expect(calls).toContain('CodePipeline_20150709.GetPipelineState');
    });
  });

  describe('when the page names something that does not exist', () => {
    it('shows the API error for an unknown pipeline instead of a blank page', async () => {
      const page = await h.open('/console/pipelines/no-such-pipeline');
      const alert = page.getByRole('alert');
      await expect(alert.textContent()).resolves.toMatch(/Pipeline no-such-pipeline could not be loaded.*PipelineNotFoundException/);
      await h.screenshot(page, 'pipeline-not-found');
    });

    it('shows a page-not-found page for an unknown console path', async () => {
      const page = await h.open('/console/pipelines/web/nowhere');
      await expect(page.locator('h1').textContent()).resolves.toBe('Page not found');
    });
  });
});
