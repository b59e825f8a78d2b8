import { GetPipelineCommand } from '@aws-sdk/client-codepipeline';
import { describe, expect, it } from 'vitest';
import { executionProbes } from '../helpers/execution-probes.js';
import { localPipeline, testAction } from '../helpers/local-pipelines.js';
import { uniqueName } from '../helpers/pipelines.js';
import { useConsoleHarness } from './helpers/browser.js';
import { useGitCheckout } from './helpers/git-checkout.js';
import { countLoads, recordStageStatuses, stageStatuses, untilStage } from './helpers/page-probes.js';

describe('creating pipelines in the console', () => {
  const checkout = useGitCheckout({ 'index.html': '<h1>Home</h1>\n' }, 'Add the home page');
  const h = useConsoleHarness(() => ({ repositories: { 'web-app': checkout.dir } }));
  const probe = executionProbes(() => h.client);

  describe('when the wizard is followed step by step', () => {
    it('creates a CodeCommit and CodeBuild pipeline with a new project, and shows its first execution go green live', async () => {
      const name = uniqueName('wizard');
      const page = await h.open('/console/create', async (p) => {
        await recordStageStatuses(p);
      });
      const reloads = countLoads(page);
      await page.getByTestId('wizard-next').click();
      await expect(page.getByTestId('inline-error').textContent()).resolves.toContain('Name the pipeline');
      await page.getByTestId('pipeline-name').fill(name);
      await h.screenshot(page, 'wizard-1-settings');
      await page.getByTestId('wizard-next').click();

      await page.getByTestId('repository').selectOption('web-app');
      await page.waitForFunction(() => (document.querySelector('[data-testid="branch"]') as HTMLSelectElement | null)?.value === 'main');
      await h.screenshot(page, 'wizard-2-source');
      await page.getByTestId('wizard-next').click();

      await page.getByRole('checkbox', { name: 'Create a new project' }).check();
      await page.getByLabel('Project name').fill(`${name}-build`);
      await page.getByLabel('Image').fill('debian:bookworm-slim');
      await h.screenshot(page, 'wizard-3-build');
      await page.getByTestId('wizard-next').click();
      await page.getByTestId('choice-deploy-skip').click();
      await page.getByTestId('wizard-next').click();

      const review = page.getByTestId('review');
      await expect(review.textContent()).resolves.toContain('RepositoryName: web-app · BranchName: main');
      await h.screenshot(page, 'wizard-5-review');
      await page.getByTestId('wizard-create').click();

      await page.waitForURL(`**/console/pipelines/${name}`);
      await untilStage(page, 'Build', 'Succeeded', 90_000);
      await h.screenshot(page, 'wizard-created-pipeline');
      const seen = await stageStatuses(page);
      const order = ['Source:Succeeded', 'Build:InProgress', 'Build:Succeeded'].map((s) => seen.indexOf(s));
      expect(order, `statuses shown: ${seen.join(', ')}`).not.toContain(-1);
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(reloads()).toBe(0);
      await expect(page.getByTestId('action-Source').textContent()).resolves.toContain(checkout.commitId.slice(0, 8));
      await expect(page.getByTestId('latest-execution').textContent()).resolves.toContain('Add the home page');

      const stored = (await h.client.send(new GetPipelineCommand({ name }))).pipeline!;
      expect(stored.stages!.map((s) => s.name)).toEqual(['Source', 'Build']);
      expect(stored.stages![1].actions![0].configuration).toEqual({ ProjectName: `${name}-build` });
    });

    it('shows the API error on the review step when the name is taken', async () => {
      const name = uniqueName('taken');
      await probe.create(localPipeline(name, [{ name: 'Build', actions: [testAction('Build', 'Build')] }]));
      const page = await h.open('/console/create');
      await page.getByTestId('pipeline-name').fill(name);
      await page.getByTestId('wizard-next').click();
      await page.getByTestId('choice-source-custom').click();
      await page.getByTestId('custom-provider').fill('LocalTest');
      await page.getByTestId('wizard-next').click();
      await page.getByTestId('choice-build-custom').click();
      await page.getByTestId('custom-provider').fill('LocalTest');
      await page.getByTestId('wizard-next').click();
      await page.getByTestId('wizard-next').click();
      await page.getByTestId('wizard-create').click();
      await expect(page.getByTestId('inline-error').textContent()).resolves.toMatch(/^InvalidStructureException: A pipeline with the name '.+' already exists/);
    });
  });

  describe('when a declaration is edited as JSON', () => {
    it('shows a syntax error with its line, then the API validation error, then saves a valid version', async () => {
      const name = uniqueName('json');
      await probe.create(localPipeline(name, [{ name: 'Build', actions: [testAction('Build', 'Build')] }]));
      const page = await h.open(`/console/pipelines/${name}/edit`);
      const editor = page.getByTestId('json-text');
      const original = await editor.inputValue();
      const declaration = JSON.parse(original);

      const broken = original.replace('"stages": [', '"stages": [,');
      const comma = broken.indexOf('[,') + 1;
      const line = broken.slice(0, comma).split('\n').length;
      const column = comma - broken.lastIndexOf('\n', comma - 1);
      await editor.fill(broken);
      await expect(page.getByTestId('json-problem').textContent()).resolves.toBe(`The JSON is not valid at line ${line}, column ${column}: Unexpected ",": a value is expected here.`);
      await expect(page.getByTestId('save-json').isDisabled()).resolves.toBe(true);

      declaration.stages[1].actions[0].actionTypeId.provider = 'NoSuchProvider';
      await editor.fill(JSON.stringify(declaration, null, 2));
      await page.getByTestId('save-json').click();
      const error = page.getByTestId('editor-error').getByTestId('inline-error');
      await expect(error.textContent()).resolves.toMatch(/^\w+Exception: .*NoSuchProvider/);
      await h.screenshot(page, 'json-editor-validation-error');

      declaration.stages[1].actions[0].actionTypeId.provider = 'LocalTest';
      declaration.stages.push({ name: 'Deploy', actions: [testAction('Deploy', 'Deploy')] });
      await editor.fill(JSON.stringify(declaration, null, 2));
      await page.getByTestId('save-json').click();
      await expect(page.getByTestId('flash').textContent()).resolves.toContain('Saved version 2');
      const stored = (await h.client.send(new GetPipelineCommand({ name }))).pipeline!;
      expect(stored.version).toBe(2);
      expect(stored.stages!.map((s) => s.name)).toEqual(['Source', 'Build', 'Deploy']);
    });

    it('creates a pipeline from JSON and opens it', async () => {
      const name = uniqueName('fromjson');
      const page = await h.open('/console/create/json');
      await page.getByTestId('json-text').fill(JSON.stringify(localPipeline(name, [{ name: 'Build', actions: [testAction('Build', 'Build')] }]), null, 2));
      await page.getByTestId('save-json').click();
      await page.waitForURL(`**/console/pipelines/${name}`);
      await untilStage(page, 'Build', 'Succeeded');
    });
  });
});
