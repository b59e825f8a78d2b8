import { beforeAll, describe, expect, it } from 'vitest';
import { executionProbes } from '../helpers/execution-probes.js';
import { localPipeline } from '../helpers/local-pipelines.js';
import { uniqueName } from '../helpers/pipelines.js';
import { useConsoleHarness } from './helpers/browser.js';
import { allStagesShown, tenStages } from './helpers/ten-stage-pipeline.js';

// A size, not a time: it does not depend on how busy the machine is. Render and load times are `npm run bench:console`'s.
const MAX_FIRST_LOAD_JS_BYTES = 300 * 1024; // gzipped, as the browser receives it

describe('the console performance', () => {
  const h = useConsoleHarness();
  const probe = executionProbes(() => h.client);
  const name = uniqueName('ten');
  beforeAll(async () => {
    const id = await probe.create(localPipeline(name, tenStages()));
    await probe.untilStatus(name, id, 'Succeeded', 30_000);
  });

  describe('when the console is first loaded', () => {
    it('receives under 300 KB of JavaScript, gzipped', async () => {
      const context = await h.browser.newContext();
      const page = await context.newPage();
      const scripts: { url: string; encoded: number; encoding?: string }[] = [];
      page.on('requestfinished', async (request) => {
        if (request.resourceType() !== 'script') return;
        const response = await request.response();
        scripts.push({ url: request.url(), encoded: (await request.sizes()).responseBodySize, encoding: response?.headers()['content-encoding'] });
      });
      await page.goto(`${h.env.url}/console/`);
      await page.getByTestId('live-status').locator('xpath=.').waitFor();
      await page.waitForLoadState('networkidle');
      await context.close();
      const total = scripts.reduce((sum, s) => sum + s.encoded, 0);
      console.log(`console first-load JavaScript: ${(total / 1024).toFixed(1)} KB gzipped in ${scripts.length} file(s) (limit ${MAX_FIRST_LOAD_JS_BYTES / 1024} KB)`);
      expect(scripts.length).toBeGreaterThan(0);
      expect(scripts.every((s) => s.encoding === 'gzip')).toBe(true);
      expect(total).toBeLessThan(MAX_FIRST_LOAD_JS_BYTES);
    });
  });

  describe('when a 10-stage pipeline is opened', () => {
    it('draws every stage with its state on a full page load, nothing cached', async () => {
      const context = await h.browser.newContext();
      const page = await context.newPage();
      await page.goto(`${h.env.url}/console/pipelines/${name}`, { waitUntil: 'commit' });
      await allStagesShown(page);
      await h.screenshot(page, 'ten-stage-pipeline');
      await context.close();
    });

    it('draws every stage with its state when opened from the pipelines list, and again after going back', async () => {
      const page = await h.open('/console/');
      for (let visit = 0; visit < 2; visit++) {
        await page.getByTestId(`pipeline-row-${name}`).locator('a').first().click();
        await allStagesShown(page);
        await page.goBack();
      }
    });
  });
});
