import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StageDeclaration } from '../../src/model/index.js';
import { executionProbes } from '../helpers/execution-probes.js';
import { localPipeline, testAction } from '../helpers/local-pipelines.js';
import { uniqueName } from '../helpers/pipelines.js';
import { useConsoleHarness } from './helpers/browser.js';

const MAX_FIRST_LOAD_JS_BYTES = 300 * 1024; // gzipped, as the browser receives it
const MAX_RENDER_MS = 200;
// A full page load also pays for the HTML, the JavaScript and a fresh renderer, on a machine whose two cores other
// test files share: a looser guard that still catches a heavier bundle or serial API calls.
const MAX_COLD_LOAD_MS = 500;
const RUNS = 7;

/** Nine stages after the source, each with two parallel actions and a third after them: 10 stages, 28 actions. */
function tenStages(): StageDeclaration[] {
  return Array.from({ length: 9 }, (_, i) => ({
    name: `Stage${i + 2}`,
    actions: [testAction('Compile', 'Build'), testAction('Check', 'Test'), testAction('Publish', 'Deploy', {}, { runOrder: 2 })],
  }));
}

/** In the page: the time (performance.now) at the first frame where all ten stages show their status. */
function allStagesShown(page: Page): Promise<number> {
  return page
    .waitForFunction(
      () => {
        const stages = document.querySelectorAll('[data-testid^="stage-"]');
        return stages.length === 10 && document.querySelectorAll('[data-testid="stage-Stage10"][data-status="Succeeded"]').length === 1 ? performance.now() : false;
      },
      undefined,
      { polling: 'raf', timeout: 10_000 },
    )
    .then((handle) => handle.jsonValue() as Promise<number>);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

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
    // The machine's other work (Docker builds, other test files) adds noise to a cold load: the fastest of several
    // runs says what the console itself costs, the median how it felt here; both are printed.
    it('draws it with its state in under 500 ms on a full page load (fastest of 7, nothing cached)', async () => {
      const times: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        // A new context each time: nothing cached, the JavaScript and every API call fetched again.
        const context = await h.browser.newContext();
        const page = await context.newPage();
        await page.goto(`${h.env.url}/console/pipelines/${name}`, { waitUntil: 'commit' });
        times.push(await allStagesShown(page));
        if (run === 0) await h.screenshot(page, 'ten-stage-pipeline');
        await context.close();
      }
      const fastest = Math.min(...times);
      console.log(`10-stage pipeline view, full page load (nothing cached) to all stages drawn: fastest ${fastest.toFixed(0)} ms, median ${median(times).toFixed(0)} ms (runs: ${times.map((t) => t.toFixed(0)).join(', ')} ms; limit ${MAX_COLD_LOAD_MS} ms)`);
      expect(fastest).toBeLessThan(MAX_COLD_LOAD_MS);
    });

    it('draws it with its state in under 200 ms (median of 7) when opened from the pipelines list', async () => {
      const times: number[] = [];
      const rendering: number[] = [];
      const page = await h.open('/console/');
      for (let run = 0; run < RUNS; run++) {
        await page.getByTestId(`pipeline-row-${name}`).waitFor();
        const start = await page.evaluate((pipeline) => {
          performance.clearResourceTimings();
          const t0 = performance.now();
          document.querySelector<HTMLAnchorElement>(`[data-testid="pipeline-row-${pipeline}"] a`)!.click();
          return t0;
        }, name);
        const shown = await allStagesShown(page);
        // The part after the last API answer arrived: rendering alone.
        const answered = await page.evaluate(() => Math.max(...(performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) => r.initiatorType === 'fetch').map((r) => r.responseEnd)));
        times.push(shown - start);
        rendering.push(shown - answered);
        await page.goBack();
      }
      console.log(
        `10-stage pipeline view, from a click in the pipelines list to all stages drawn with their state: median ${median(times).toFixed(0)} ms, ` +
          `of which rendering after the last API answer ${median(rendering).toFixed(0)} ms (runs: ${times.map((t) => t.toFixed(0)).join(', ')} ms; limit ${MAX_RENDER_MS} ms)`,
      );
      expect(median(times)).toBeLessThan(MAX_RENDER_MS);
    });
  });
});
